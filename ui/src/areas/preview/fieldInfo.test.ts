import { describe, expect, it } from 'vitest';
import type { Component } from '../../api';
import { fieldInfoOf, leadingKeyColumns } from './fieldInfo';

const component = (field: string, key: boolean, description: string): Component => ({
  field,
  key,
  data_type: 'CHAR',
  length: 3,
  decimals: 0,
  data_element: '',
  description,
});

describe('field info', () => {
  const info = fieldInfoOf({
    components: [component('MANDT', true, 'Client'), component('CARRID', true, 'Airline Code'), component('PRICE', false, 'Airfare'), component('KEYLATE', true, '')],
  });

  it('maps fields to their key flag and description', () => {
    expect(info.get('CARRID')).toEqual({ key: true, description: 'Airline Code' });
  });

  it('freezes only the leading key columns, as shown', () => {
    expect(leadingKeyColumns([{ name: 'MANDT' }, { name: 'carrid' }, { name: 'PRICE' }, { name: 'KEYLATE' }], info)).toBe(2);
    expect(leadingKeyColumns([{ name: 'PRICE' }, { name: 'MANDT' }], info)).toBe(0);
    expect(leadingKeyColumns([{ name: 'MANDT' }], null)).toBe(0);
  });
});
