import type { ProfileView } from '../api';

/** How a system's traffic is exposed, if it is: shown wherever the system appears. */
export interface SecurityWarning {
  label: string;
  title: string;
}

export function securityWarning(view: ProfileView): SecurityWarning | null {
  if (view.unencrypted_host !== null) {
    return {
      label: 'Unencrypted HTTP',
      title: `Requests to ${view.unencrypted_host}, password included, travel unencrypted (http://)`,
    };
  }
  if (view.profile.settings.tls.insecure) {
    return { label: 'Insecure TLS', title: 'Certificates of this system are not checked' };
  }
  return null;
}
