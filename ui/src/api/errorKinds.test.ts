// Every kind of the Rust AppError enum, as the app serializes it (errorSamples.json is written by
// the Rust test `bindings::tests::export_error_samples`, which fails when a kind has no sample), goes
// through the UI's error path: the facade keeps it as it is and the panel has words for it.
import { describe, expect, it } from 'vitest';
import { describeError } from '../components/errorText';
import { appErrorKinds, guard, toAppError } from './client';
import samples from './errorSamples.json';
import type { AppError } from './types';

const errors = samples as AppError[];

describe('every error kind of the Rust enum', () => {
  it('is known to the UI, and the UI knows no other', () => {
    expect([...appErrorKinds].sort()).toEqual(errors.map((e) => e.kind).sort());
  });

  it.each(errors.map((error) => [error.kind, error] as const))('%s keeps its kind through the facade', async (_kind, error) => {
    expect(toAppError(error)).toBe(error);
    // As a command's error result, and as a rejection (the generated wrappers rethrow).
    expect(await guard(Promise.resolve({ status: 'error' as const, error }))).toEqual({ status: 'error', error });
    expect(await guard(Promise.reject(error))).toEqual({ status: 'error', error });
  });

  it.each(errors.map((error) => [error.kind, error] as const))('%s has its own words in the error panel', (kind, error) => {
    const text = describeError(error);
    if (kind !== 'decode') expect(text.title).not.toBe('Unexpected answer');
    expect(text.title.length).toBeGreaterThan(0);
    expect(text.explanation).not.toContain('{');
  });
});
