// Which systems this area works on, and the apps each lists.
import type { ProfileView } from '../../api';

export const isBridgeSystem = (s: ProfileView) => s.profile.settings.service_kind === 'transaction_bridge';

/** The app ids the system's profile lists (at least one for a bridge system). */
export function appIdsOf(s: ProfileView): string[] {
  return (s.profile.settings.app_ids ?? []).filter((id) => id.trim() !== '');
}
