import { describe, expect, it } from 'vitest';
import { addToWorklist, loadWorklist, saveWorklist, type KeyValueStore } from './worklist';

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v) };
}

describe('worklist', () => {
  it('is remembered per system', () => {
    const store = memoryStore();
    saveWorklist('dev', ['a', 'b'], store);
    saveWorklist('qas', ['c'], store);
    expect(loadWorklist('dev', store)).toEqual(['a', 'b']);
    expect(loadWorklist('qas', store)).toEqual(['c']);
    expect(loadWorklist('prd', store)).toEqual([]);
  });

  it('treats damaged storage as an empty list', () => {
    const store = memoryStore();
    store.setItem('agent-desk.work-items.worklist.dev', '{not json');
    expect(loadWorklist('dev', store)).toEqual([]);
    store.setItem('agent-desk.work-items.worklist.dev', JSON.stringify({ guids: ['a'] }));
    expect(loadWorklist('dev', store)).toEqual([]);
    store.setItem('agent-desk.work-items.worklist.dev', JSON.stringify(['a', 7, null]));
    expect(loadWorklist('dev', store)).toEqual(['a']);
  });

  it('adds only GUIDs it does not have, at the end', () => {
    expect(addToWorklist(['a', 'b'], ['b', 'c', 'a', 'd'])).toEqual(['a', 'b', 'c', 'd']);
  });
});
