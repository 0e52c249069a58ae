import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, payloadFileName, statusLabel, statusState } from './format';

describe('message formatting', () => {
  it('colours statuses as the tenant does', () => {
    expect(statusState('FAILED')).toBe('Negative');
    expect(statusState('RETRY')).toBe('Critical');
    expect(statusState('COMPLETED')).toBe('Positive');
    expect(statusState('PROCESSING')).toBe('Information');
    expect(statusState('SOMETHING')).toBe('None');
    expect(statusLabel('ESCALATED')).toBe('Escalated');
    expect(statusLabel('NEW_ONE')).toBe('New_one');
  });

  it('shows durations readably and nothing for an open message', () => {
    expect(formatDuration('2026-12-06T10:00:00.000Z', '2026-12-06T10:00:00.850Z')).toBe('850 ms');
    expect(formatDuration('2026-12-06T10:00:00Z', '2026-12-06T10:00:12.4Z')).toBe('12.4 s');
    expect(formatDuration('2026-12-06T10:00:00Z', '2026-12-06T10:03:05Z')).toBe('3 min 05 s');
    expect(formatDuration('2026-12-06T10:00:00Z', '2026-12-06T12:05:00Z')).toBe('2 h 05 min');
    expect(formatDuration('2026-12-06T10:00:00Z', null)).toBe('');
    expect(formatDuration('2026-12-06T10:00:01Z', '2026-12-06T10:00:00Z')).toBe('');
  });

  it('names saved payloads safely with an extension', () => {
    expect(payloadFileName('Order payload', 'application/xml')).toBe('Order payload.xml');
    expect(payloadFileName('invoice.pdf', 'application/pdf')).toBe('invoice.pdf');
    expect(payloadFileName('a/b:c', 'application/octet-stream')).toBe('a_b_c.bin');
    expect(payloadFileName('', 'text/plain')).toBe('payload.txt');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
  });
});
