import { describe, expect, it } from 'vitest';
import { closeQuestion, setUnsavedWork, subscribeUnsavedWork, unsavedWork } from './unsavedWork';

describe('unsavedWork', () => {
  it('records, replaces and clears work by key, telling subscribers only of changes', () => {
    let calls = 0;
    const unsubscribe = subscribeUnsavedWork(() => calls++);
    const draft = { area: 'systems' as const, what: 'The new system “QAS”' };
    setUnsavedWork('systems', draft);
    const first = unsavedWork();
    expect(first).toEqual({ systems: draft });
    setUnsavedWork('systems', { ...draft });
    expect(unsavedWork()).toBe(first);
    setUnsavedWork('systems', { area: 'systems', what: 'The changes to “DEV”' });
    expect(unsavedWork().systems?.what).toBe('The changes to “DEV”');
    setUnsavedWork('systems', null);
    setUnsavedWork('systems', null);
    expect(unsavedWork()).toEqual({});
    expect(calls).toBe(3);
    unsubscribe();
    setUnsavedWork('systems', draft);
    expect(calls).toBe(3);
    setUnsavedWork('systems', null);
  });

  it('asks in one sentence', () => {
    expect(closeQuestion([{ area: 'systems', what: 'The new system “QAS”' }])).toBe('The new system “QAS” is not saved. Close Agent Desk anyway and lose it?');
  });
});
