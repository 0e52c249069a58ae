import { describe, expect, it } from 'vitest';
import { parseVariants, withoutVariant, withVariant, type PreviewVariant } from './variants';

const flights: PreviewVariant = { name: 'LH flights', object: 'SFLIGHT', objectType: 'TABL', where: "CARRID = 'LH'", columns: ['CARRID', 'PRICE'] };

describe('preview variants', () => {
  it('reads what was stored and drops what is no variant', () => {
    expect(parseVariants(null)).toEqual([]);
    expect(parseVariants('{broken')).toEqual([]);
    expect(parseVariants('{"name":"x"}')).toEqual([]);
    const stored = JSON.stringify([flights, { name: '', object: 'X', objectType: '', where: '', columns: [] }, { name: 'no columns', object: 'X' }, 42]);
    expect(parseVariants(stored)).toEqual([flights]);
  });

  it('replaces a variant of the same name (ignoring case) and keeps them sorted', () => {
    const cheap = { ...flights, name: 'Cheap', where: 'PRICE < 300' };
    let variants = withVariant([], flights);
    variants = withVariant(variants, cheap);
    expect(variants.map((v) => v.name)).toEqual(['Cheap', 'LH flights']);
    variants = withVariant(variants, { ...flights, name: ' lh FLIGHTS ', where: "CARRID = 'UA'" });
    expect(variants).toHaveLength(2);
    expect(variants[1]).toMatchObject({ name: 'lh FLIGHTS', where: "CARRID = 'UA'" });
    expect(withoutVariant(variants, 'Cheap').map((v) => v.name)).toEqual(['lh FLIGHTS']);
  });
});
