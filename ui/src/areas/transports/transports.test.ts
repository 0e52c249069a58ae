import { describe, expect, it } from 'vitest';
import { transportsAsText } from './transportText';

describe('transportsAsText', () => {
  it('writes a header and one line per request, with type, status and the date in the locale', () => {
    const text = transportsAsText([{ number: 'DEVK900123', description: 'Pricing fix', owner: 'DEVELOPER', date: '2026-11-20', kind: 'customizing', status: 'released' }]);
    const [head, line] = text.split('\n');
    expect(head).toBe('Request\tDescription\tType\tStatus\tOwner\tDate');
    expect(line).toMatch(/^DEVK900123\tPricing fix\tCustomizing\tReleased\tDEVELOPER\t(11\/20\/2026|20\.11\.2026|20\/11\/2026|2026\/11\/20)$/);
  });
});
