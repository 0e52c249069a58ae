// The generated ProfileView leaves every serde-defaulted setting optional; the UI works
// with complete settings, filled here with the same defaults as the Rust model.
import type { ProfileView, StoredProfileView } from './types';

export function completeView(view: StoredProfileView): ProfileView {
  const s = view.profile.settings;
  return {
    password_set: view.password_set,
    git_token_set: view.git_token_set,
    profile: {
      id: view.profile.id,
      is_demo: view.profile.is_demo ?? false,
      settings: {
        display_name: s.display_name,
        service_kind: s.service_kind,
        base_url: s.base_url,
        client: s.client ?? '',
        language: s.language ?? '',
        user: s.user,
        auth: s.auth ?? 'basic',
        tls: { extra_ca_file: s.tls?.extra_ca_file ?? null, insecure: s.tls?.insecure ?? false },
        proxy: s.proxy ?? { mode: 'system' },
        timeouts: s.timeouts ?? { connect_seconds: 15, request_seconds: 120 },
        git_username: s.git_username ?? '',
      },
    },
  };
}
