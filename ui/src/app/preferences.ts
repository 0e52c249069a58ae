// What the app remembers between starts. No secrets: localStorage is readable by anything in the webview.
import type { ThemeName } from '../theme/assets';
import type { AreaId } from './areas';
import { isAreaId } from './areas';

export interface Preferences {
  theme: ThemeName;
  area: AreaId;
  systemId: string | null;
}

const KEY = 'agent-desk.preferences.v1';
const DEFAULTS: Preferences = { theme: 'sap_horizon', area: 'systems', systemId: null };

export function parsePreferences(raw: string | null): Preferences {
  if (!raw) return { ...DEFAULTS };
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== 'object' || value === null) return { ...DEFAULTS };
    const record = value as Record<string, unknown>;
    return {
      theme: record.theme === 'sap_horizon_dark' ? 'sap_horizon_dark' : 'sap_horizon',
      area: typeof record.area === 'string' && isAreaId(record.area) ? record.area : DEFAULTS.area,
      systemId: typeof record.systemId === 'string' ? record.systemId : null,
    };
  } catch {
    return { ...DEFAULTS };
  }
}

export function loadPreferences(): Preferences {
  try {
    return parsePreferences(localStorage.getItem(KEY));
  } catch {
    return { ...DEFAULTS };
  }
}

export function savePreferences(update: Partial<Preferences>): void {
  try {
    localStorage.setItem(KEY, JSON.stringify({ ...loadPreferences(), ...update }));
  } catch {
    // Storage may be unavailable (private mode); remembering is a convenience only.
  }
}
