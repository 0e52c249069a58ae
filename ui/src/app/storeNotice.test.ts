import { describe, expect, it } from 'vitest';
import type { StoreStatus } from '../api';
import { blockedText, startNotices } from './storeNotice';

const clean: StoreStatus = { path: '/d/agent-desk.json', blocked: null, damaged: null, skipped: [], backup_path: null, restored: false };

describe('store notices', () => {
  it('says nothing when the file was read', () => {
    expect(startNotices(clean)).toEqual([]);
  });

  it('names the kept file of a damaged store and offers the backup', () => {
    const notices = startNotices({
      ...clean,
      damaged: { kept_path: '/d/agent-desk.json.damaged-1', reason: 'not valid JSON' },
      backup_path: '/d/agent-desk.json.bak',
    });
    expect(notices).toHaveLength(1);
    expect(notices[0]?.text).toContain('/d/agent-desk.json.damaged-1');
    expect(notices[0]?.text).toContain('restore the previous version');
  });

  it('lists skipped entries', () => {
    const [notice] = startNotices({ ...clean, skipped: ['profile #1 ("Cloud"): unknown variant'] });
    expect(notice?.text).toContain('1 saved entry');
    expect(notice?.text).toContain('"Cloud"');
  });

  it('says which version wrote a too-new file', () => {
    expect(blockedText({ reason: 'too_new', version: 4 }, '/d/agent-desk.json').body).toContain('data version 4');
    expect(blockedText({ reason: 'locked' }, '/d/a.json').title).toContain('already running');
  });
});
