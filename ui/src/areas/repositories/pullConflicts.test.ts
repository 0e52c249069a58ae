import { describe, expect, it } from 'vitest';
import type { PullConflict } from '../../api';
import { CONFLICT_TITLE, conflictExplanation, conflictVersions, overwriteMessage, shortSha } from './pullConflicts';
import { objectTypeLabel } from '../../components/objectTypes';

const base: PullConflict = {
  object_type: 'CLAS',
  object_name: 'ZCL_FLIGHT_PRICING',
  kind: 'system_edit',
  conflict_type: 'SYSTEM_EDIT',
  git_sha_old: '3DEA122A0837F34AE364311BA86BC0E107D17C04',
  git_sha_new: 'FD49E064B84E9655C1F8C96A90B081AF43074E57',
  branch_old: null,
  branch_new: null,
  last_pulled_by: 'JSMITH',
  details: [],
};

describe('pull conflicts', () => {
  it('says per kind what happened and what a pull would do', () => {
    expect(CONFLICT_TITLE.system_edit).toBe('Changed in SAP and in git');
    expect(conflictExplanation(base)).toContain('last pull by JSMITH');
    expect(conflictExplanation(base)).toContain('replaces the SAP version');
    const branch = { ...base, kind: 'branch_switch' as const, branch_old: 'main', branch_new: 'develop' };
    expect(conflictExplanation(branch)).toContain('from develop while the last pull (last pull by JSMITH) was from main');
    const local = { ...base, kind: 'local_edit' as const, git_sha_new: null };
    expect(conflictExplanation(local)).toContain('would overwrite the change made in SAP');
    expect(conflictExplanation(local)).not.toContain('function groups');
    expect(conflictExplanation({ ...local, object_type: 'FUGR' })).toContain('every pull');
    expect(conflictExplanation({ ...base, kind: 'other', conflict_type: 'NEW', details: ['x'] })).toBe('NEW — x');
  });

  it('shows versions short and names types', () => {
    expect(shortSha(base.git_sha_old)).toBe('3DEA122A');
    expect(conflictVersions(base)).toBe('git 3DEA122A → FD49E064');
    expect(conflictVersions({ ...base, branch_old: 'main', branch_new: 'develop' })).toBe('main → develop · git 3DEA122A → FD49E064');
    expect(conflictVersions({ ...base, git_sha_new: null })).toBe('git 3DEA122A (unchanged)');
    expect(objectTypeLabel('clas')).toBe('Class (CLAS)');
    expect(objectTypeLabel('XSLT')).toBe('XSLT');
  });

  it('names every object the overwrite replaces', () => {
    const text = overwriteMessage([base, { ...base, object_type: 'FUGR', object_name: 'ZFLIGHT_API' }], 2, { branch: 'develop', system: 'DEV' });
    expect(text).toContain('CLAS ZCL_FLIGHT_PRICING, FUGR ZFLIGHT_API in DEV');
    expect(text).toContain('version from develop');
    expect(overwriteMessage([], 3, { branch: '', system: 'DEV' })).toContain('3 object(s)');
  });
});
