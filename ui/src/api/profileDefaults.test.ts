import { describe, expect, it } from 'vitest';
import { completeView } from './profileDefaults';

describe('completeView', () => {
  it('fills the settings serde leaves out with the Rust defaults', () => {
    const view = completeView({
      profile: { id: 'p', settings: { display_name: 'DEV', service_kind: 'abapgit_agent', base_url: 'https://dev', user: 'U' } },
      password_set: true,
      git_token_set: false,
    });
    expect(view.profile.is_demo).toBe(false);
    expect(view.profile.settings.tls).toEqual({ extra_ca_file: null, insecure: false });
    expect(view.profile.settings.proxy).toEqual({ mode: 'system' });
    expect(view.profile.settings.timeouts).toEqual({ connect_seconds: 15, request_seconds: 120 });
    expect(view.profile.settings.client).toBe('');
    expect(view.password_set).toBe(true);
  });
});
