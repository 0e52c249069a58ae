import { describe, expect, it } from 'vitest';
import { emptyListText, filterRequests, normalizeRequestNumber, valueHelpTitle } from './valueHelp';

const LIST = [
  { number: 'DEVK900006', description: 'ZFLIGHT: pricing with discounts', owner: 'DEVELOPER', date: '2026-02-21' },
  { number: 'DEVK900010', description: 'ZFLIGHT: statistics report', owner: 'AKUMAR', date: '2026-02-28' },
];

describe('transport value help', () => {
  it('filters by every word in number, description and owner', () => {
    expect(filterRequests(LIST, '').map((t) => t.number)).toEqual(['DEVK900006', 'DEVK900010']);
    expect(filterRequests(LIST, 'pricing').map((t) => t.number)).toEqual(['DEVK900006']);
    expect(filterRequests(LIST, 'zflight akumar').map((t) => t.number)).toEqual(['DEVK900010']);
    expect(filterRequests(LIST, '900010').map((t) => t.number)).toEqual(['DEVK900010']);
    expect(filterRequests(LIST, 'nothing')).toEqual([]);
  });

  it('accepts typed numbers in SAP form only', () => {
    expect(normalizeRequestNumber(' devk900042 ')).toBe('DEVK900042');
    expect(normalizeRequestNumber('DEVK9000')).toBeNull();
    expect(normalizeRequestNumber('pricing')).toBeNull();
  });

  it('names the kind of request in the title and the empty list', () => {
    expect(valueHelpTitle('customizing')).toBe('Select: Customizing Request');
    expect(valueHelpTitle('workbench')).toBe('Select: Workbench Request');
    expect(emptyListText('customizing', '', 'mine')).toContain('customizing');
    expect(emptyListText('workbench', ' x ', 'mine')).toBe('No request matches “x”.');
  });
});
