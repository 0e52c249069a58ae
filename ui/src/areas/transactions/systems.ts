// Which systems this area works on, and the apps each lists.
import type { ProfileView } from '../../api';

// Compared as text: the kind joins the generated ServiceKind with the profiles' change for the
// transaction bridge, and this area must not wait for it to build.
export const isBridgeSystem = (s: ProfileView) => (s.profile.settings.service_kind as string) === 'transaction_bridge';

/** The app ids the system's profile lists (read as text for the same reason). */
export function appIdsOf(s: ProfileView): string[] {
  const ids: unknown = (s.profile.settings as { app_ids?: unknown }).app_ids;
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string' && id.trim() !== '') : [];
}
