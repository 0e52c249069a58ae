import { describe, expect, it } from 'vitest';
import type { AppError } from '../../api';
import type { WorkItem } from '../../bindings';
import { applyRead, isBeingRead, startRead, type Entry } from './entries';

const before = { guid: 'g', description: 'as read before' } as WorkItem;
const after = { guid: 'g', description: 'as read now' } as WorkItem;
const timeout = { kind: 'timeout', phase: 'response', seconds: 30 } as unknown as AppError;

describe('worklist rows read again', () => {
  it('keeps a row’s data while it is read again and replaces it with the answer', () => {
    const shown: Entry = { state: 'read', item: before };
    const refreshing = startRead(shown);
    expect(refreshing).toEqual({ state: 'read', item: before, refreshing: true });
    expect(isBeingRead(refreshing)).toBe(true);
    const done = applyRead(refreshing, { status: 'ok', data: after });
    expect(done).toEqual({ state: 'read', item: after });
    expect(isBeingRead(done)).toBe(false);
  });

  it('keeps the earlier data and says so when reading again fails', () => {
    const failed = applyRead(startRead({ state: 'read', item: before }), { status: 'error', error: timeout });
    expect(failed).toEqual({ state: 'read', item: before, refreshError: timeout });
    // The next successful read clears the mark.
    expect(applyRead(startRead(failed), { status: 'ok', data: after })).toEqual({ state: 'read', item: after });
  });

  it('shows rows without data as being read, and their error when it fails', () => {
    expect(startRead(undefined)).toEqual({ state: 'reading' });
    expect(startRead({ state: 'failed', error: timeout })).toEqual({ state: 'reading' });
    expect(applyRead({ state: 'reading' }, { status: 'error', error: timeout })).toEqual({ state: 'failed', error: timeout });
  });
});
