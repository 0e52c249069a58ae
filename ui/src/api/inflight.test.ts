import { describe, expect, it } from 'vitest';
import { runningCalls, track } from './inflight';

describe('track', () => {
  it('counts a call as running until it settles, failed or not', async () => {
    let finish: (value: string) => void = () => {};
    let fail: (reason: Error) => void = () => {};
    const ok = track(new Promise<string>((resolve) => (finish = resolve)));
    const bad = track(new Promise<string>((_, reject) => (fail = reject)));
    expect(runningCalls()).toBe(2);
    finish('done');
    await expect(ok).resolves.toBe('done');
    expect(runningCalls()).toBe(1);
    fail(new Error('refused'));
    await expect(bad).rejects.toThrow('refused');
    expect(runningCalls()).toBe(0);
  });
});
