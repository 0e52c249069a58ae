import { describe, expect, it } from 'vitest';
import { normaliseGuid, parseGuidList } from './guids';

describe('normaliseGuid', () => {
  it('accepts the SAP GUI form, the dashed form and the OData literal', () => {
    const dashed = '0050568b-1a2b-1ee9-8c3d-0123456789ab';
    expect(normaliseGuid('0050568B1A2B1EE98C3D0123456789AB')).toBe(dashed);
    expect(normaliseGuid(` ${dashed.toUpperCase()} `)).toBe(dashed);
    expect(normaliseGuid(`guid'${dashed}'`)).toBe(dashed);
  });

  it('refuses wrong lengths, misplaced dashes and non-hex digits', () => {
    expect(normaliseGuid('0050568b1a2b1ee98c3d0123456789a')).toBeNull();
    expect(normaliseGuid('0050568b1-a2b-1ee9-8c3d-0123456789ab')).toBeNull();
    expect(normaliseGuid('0050568b1a2b1ee98c3d0123456789ag')).toBeNull();
    expect(normaliseGuid('8000001234')).toBeNull();
  });
});

describe('parseGuidList', () => {
  it('splits on lines, commas, semicolons and blanks, keeps order and drops duplicates', () => {
    const a = '0050568b1a2b1ee98c3d0123456789ab';
    const b = '0050568b-1a2b-1ee9-8c3d-0123456789cd';
    const parsed = parseGuidList(`${a}\n${b}, ${a.toUpperCase()};  nonsense\r\n\n12-34`);
    expect(parsed.valid).toEqual(['0050568b-1a2b-1ee9-8c3d-0123456789ab', b]);
    expect(parsed.invalid).toEqual(['nonsense', '12-34']);
  });

  it('gives nothing for blank input', () => {
    expect(parseGuidList('  \n , ')).toEqual({ valid: [], invalid: [] });
  });
});
