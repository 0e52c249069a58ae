import { describe, expect, it } from 'vitest';
import { transportsAsText } from './transportText';
import { formatDate } from '../../components/dateTime';

describe('transportsAsText', () => {
  it('writes a header and one line per request', () => {
    expect(transportsAsText([{ number: 'DEVK900123', description: 'Pricing fix', owner: 'DEVELOPER', date: '2026-11-20' }])).toBe(
      `Request\tDescription\tOwner\tDate\nDEVK900123\tPricing fix\tDEVELOPER\t${formatDate('2026-11-20')}`,
    );
  });
});
