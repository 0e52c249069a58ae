// State-based routing: one area at a time, remembered across restarts.
import { createContext, useContext } from 'react';
import type { AreaId } from './areas';

export interface NavigationValue {
  area: AreaId;
  /** Optional hints for the target area, e.g. `{ editSystem: id }`. */
  params: Readonly<Record<string, string>>;
  navigate: (area: AreaId, params?: Record<string, string>) => void;
}

export const NavigationContext = createContext<NavigationValue | null>(null);

export function useNavigation(): NavigationValue {
  const value = useContext(NavigationContext);
  if (!value) throw new Error('useNavigation outside the shell');
  return value;
}
