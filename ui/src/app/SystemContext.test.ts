import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../api';
import { emptySettings } from '../areas/systems/draft';
import { connectionLabel, pickInitialSystem } from './SystemContext';

const view = (id: string, name: string, isDemo = false, kind: 'abapgit_agent' | 'focused_build' = 'abapgit_agent'): ProfileView => ({
  profile: { id, is_demo: isDemo, settings: { ...emptySettings(), display_name: name, service_kind: kind } },
  password_set: false,
  git_token_set: false,
  client_secret_set: false,
  api_key_set: false,
  read_only_reason: null,
  unencrypted_host: null,
});

describe('pickInitialSystem', () => {
  const systems = [view('dev', 'DEV'), view('sb', 'Sandbox', true)];
  it('prefers the remembered system, then the sandbox, then the first', () => {
    expect(pickInitialSystem(systems, 'dev')).toBe('dev');
    expect(pickInitialSystem(systems, 'gone')).toBe('sb');
    expect(pickInitialSystem(systems, null)).toBe('sb');
    expect(pickInitialSystem([view('a', 'A')], null)).toBe('a');
    expect(pickInitialSystem([], null)).toBeNull();
  });
  it('starts on the abapGit Agent demo even when the Focused Build demo comes first', () => {
    const demos = [view('fb', 'Sandbox (Focused Build)', true, 'focused_build'), view('sb', 'Sandbox', true)];
    expect(pickInitialSystem(demos, null)).toBe('sb');
  });
});

describe('connectionLabel', () => {
  it('says exactly "Connected" only after a successful test', () => {
    expect(connectionLabel({ status: 'unknown' })).toBe('Not connected');
    expect(connectionLabel({ status: 'connecting' })).toBe('Connecting…');
    expect(connectionLabel({ status: 'failed', error: { kind: 'cancelled' }, at: 0 })).toBe('Failed');
    expect(connectionLabel({ status: 'connected', info: { service_kind: 'abapgit_agent', service_url: '', user: '', version: '1.0', elapsed_ms: 1, insecure_tls: false }, at: 0 })).toBe('Connected');
  });
});
