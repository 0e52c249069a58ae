import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../api';
import { emptySettings } from '../areas/systems/draft';
import { securityWarning } from './security';

const view = (patch: Partial<ProfileView>, insecure = false): ProfileView => ({
  profile: { id: 'p', is_demo: false, settings: { ...emptySettings(), tls: { extra_ca_file: null, insecure, allow_plain_http: false } } },
  password_set: true,
  git_token_set: false,
  client_secret_set: false,
  api_key_set: false,
  read_only_reason: null,
  unencrypted_host: null,
  ...patch,
});

describe('securityWarning', () => {
  it('names the host a password travels to unencrypted, before a certificate warning', () => {
    const warning = securityWarning(view({ unencrypted_host: 'dev.example.com' }, true));
    expect(warning?.label).toBe('Unencrypted HTTP');
    expect(warning?.title).toContain('dev.example.com');
  });

  it('marks a system whose certificates are not checked', () => {
    expect(securityWarning(view({}, true))?.label).toBe('Insecure TLS');
  });

  it('says nothing for a verified https system', () => {
    expect(securityWarning(view({}))).toBeNull();
  });
});
