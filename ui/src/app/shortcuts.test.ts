import { describe, expect, it } from 'vitest';
import { isShortcut } from './shortcuts';

const key = (key: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = {}) => ({ key, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('SAP GUI shortcuts', () => {
  it('F8 runs, alone', () => {
    expect(isShortcut(key('F8'), 'F8')).toBe(true);
    expect(isShortcut(key('F8', { shiftKey: true }), 'F8')).toBe(false);
    expect(isShortcut(key('F7'), 'F8')).toBe(false);
  });

  it('Ctrl+S (or Cmd+S) saves', () => {
    expect(isShortcut(key('s', { ctrlKey: true }), 'Ctrl+S')).toBe(true);
    expect(isShortcut(key('S', { metaKey: true }), 'Ctrl+S')).toBe(true);
    expect(isShortcut(key('s'), 'Ctrl+S')).toBe(false);
    expect(isShortcut(key('s', { ctrlKey: true, shiftKey: true }), 'Ctrl+S')).toBe(false);
  });
});
