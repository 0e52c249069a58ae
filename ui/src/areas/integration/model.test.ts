import { describe, expect, it } from 'vitest';
import type { ProfileView } from '../../api';
import { changedParameters, daysLeftText, formatBytes, isTenant, readOnlyReason, runtimeDesign, validityDesign, zipName } from './model';

function system(serviceKind: string, auth: unknown): ProfileView {
  return { profile: { id: 'p', is_demo: false, settings: { display_name: 'T', service_kind: serviceKind, auth } } } as unknown as ProfileView;
}

describe('tenants', () => {
  it('knows a Cloud Integration system by its service kind', () => {
    expect(isTenant(system('cloud_integration', 'basic'))).toBe(true);
    expect(isTenant(system('focused_build', 'basic'))).toBe(false);
  });

  it('calls an API-key profile read-only, whatever shape the auth setting has', () => {
    expect(readOnlyReason(system('cloud_integration', 'api_key'))).toMatch(/read-only/);
    expect(readOnlyReason(system('cloud_integration', { method: 'api_key', header: 'APIKey' }))).toMatch(/API key/);
    expect(readOnlyReason(system('cloud_integration', 'basic'))).toBeNull();
    expect(readOnlyReason(system('cloud_integration', { method: 'oauth_client_credentials' }))).toBeNull();
  });
});

describe('statuses', () => {
  it('colours runtime states as the Monitor does', () => {
    expect(runtimeDesign('STARTED')).toBe('Positive');
    expect(runtimeDesign('ERROR')).toBe('Negative');
    expect(runtimeDesign('starting')).toBe('Information');
    expect(runtimeDesign('STOPPING')).toBe('Information');
    expect(runtimeDesign('SOMETHING')).toBe('Neutral');
  });

  it('marks expired certificates red and soon-expiring ones orange', () => {
    expect(validityDesign('expired')).toBe('Negative');
    expect(validityDesign('expires_soon')).toBe('Critical');
    expect(validityDesign('valid')).toBe('Positive');
    expect(daysLeftText(12)).toBe('12 days left');
    expect(daysLeftText(0)).toBe('ends today');
    expect(daysLeftText(-3)).toBe('ended 3 days ago');
    expect(daysLeftText(null)).toBe('');
  });
});

describe('formats', () => {
  it('reads byte counts', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(4300)).toBe('4.2 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(null)).toBe('');
  });

  it('names zips after the artifact and its version', () => {
    expect(zipName('Orders_Replicate', '1.0.5')).toBe('Orders_Replicate_1.0.5.zip');
    expect(zipName('Orders_Replicate', 'active')).toBe('Orders_Replicate.zip');
    expect(zipName('a/b:c')).toBe('a_b_c.zip');
  });

  it('sends only the configuration parameters the user changed', () => {
    const params = [
      { key: 'host', value: 'a', data_type: 'xsd:string' },
      { key: 'port', value: '443', data_type: 'xsd:integer' },
    ];
    expect(changedParameters(params, { host: 'a', port: '8443' })).toEqual([{ key: 'port', value: '8443', data_type: 'xsd:integer' }]);
    expect(changedParameters(params, {})).toEqual([]);
  });
});
