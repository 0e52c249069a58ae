import { describe, expect, it } from 'vitest';
import type { AppError } from '../../api';
import type { WorkItem } from '../../bindings';
import { applyRead, applyReads, isBeingRead, startRead, type Entry } from './entries';

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

describe('a worklist read in one call', () => {
  const other = { guid: 'h', description: 'another' } as WorkItem;
  const missing = { kind: 'sap', status: 404, message: 'Resource not found', details: [] } as unknown as AppError;

  it('replaces each row with its own answer and leaves the rows not read alone', () => {
    const all: Record<string, Entry> = { g: startRead({ state: 'read', item: before }), h: { state: 'reading' }, x: { state: 'reading' }, k: { state: 'read', item: other } };
    const next = applyReads(all, ['g', 'h', 'x'], {
      status: 'ok',
      data: [
        { status: 'ok', guid: 'g', data: after },
        { status: 'ok', guid: 'h', data: other },
        { status: 'error', guid: 'x', error: missing },
      ],
    });
    expect(next).toEqual({ g: { state: 'read', item: after }, h: { state: 'read', item: other }, x: { state: 'failed', error: missing }, k: { state: 'read', item: other } });
  });

  it('gives every row read the error when the read failed as a whole', () => {
    const all: Record<string, Entry> = { g: startRead({ state: 'read', item: before }), h: { state: 'reading' } };
    expect(applyReads(all, ['g', 'h'], { status: 'error', error: timeout })).toEqual({
      g: { state: 'read', item: before, refreshError: timeout },
      h: { state: 'failed', error: timeout },
    });
  });
});
