import { describe, expect, it } from 'vitest';
import { parsePreferences } from './preferences';

describe('parsePreferences', () => {
  it('falls back to defaults for missing or broken storage', () => {
    expect(parsePreferences(null)).toEqual({ theme: 'sap_horizon', area: 'systems', systemId: null });
    expect(parsePreferences('{not json')).toEqual({ theme: 'sap_horizon', area: 'systems', systemId: null });
  });
  it('keeps known values and drops unknown ones', () => {
    const raw = JSON.stringify({ theme: 'sap_horizon_dark', area: 'checks', systemId: 'dev' });
    expect(parsePreferences(raw)).toEqual({ theme: 'sap_horizon_dark', area: 'checks', systemId: 'dev' });
    expect(parsePreferences(JSON.stringify({ area: 'nowhere', theme: 'pink' }))).toEqual({
      theme: 'sap_horizon',
      area: 'systems',
      systemId: null,
    });
  });
});
