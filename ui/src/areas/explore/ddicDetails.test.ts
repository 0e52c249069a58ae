import { describe, expect, it } from 'vitest';
import { ddicDetails, detailsAsText } from './ddicDetails';
import type { Component, ViewedObject } from '../../api';

const row = (field: string, description: string, data_element = ''): Component => ({
  field,
  key: false,
  data_type: 'CHAR',
  length: 10,
  decimals: 0,
  data_element,
  description,
});

const object = (object_type: string, components: Component[]): ViewedObject => ({
  name: 'X',
  object_type,
  type_text: '',
  description: '',
  package: '',
  not_found: false,
  source: '',
  definition: '',
  sections: [],
  components,
  domain: '',
  domain_type: '',
  domain_length: 0,
  domain_decimals: 0,
});

describe('ddicDetails', () => {
  it('reads a data element as properties, the domain opening as a domain', () => {
    const details = ddicDetails(
      object('DTEL', [row('DOMAIN', 'Domain: S_CARR_ID', 'S_CARR_ID'), row('DATA_TYPE', 'ABAP Type: CHAR'), row('LENGTH', 'Length: 3')]),
    );
    expect(details?.properties).toEqual([
      { label: 'Domain', value: 'S_CARR_ID', open: { name: 'S_CARR_ID', type: 'DOMA' } },
      { label: 'ABAP Type', value: 'CHAR' },
      { label: 'Length', value: '3' },
    ]);
  });

  it('turns domain rows into properties without leading zeros and fixed values, ranges included', () => {
    const details = ddicDetails(
      object('DOMA', [
        row('DATA_TYPE', 'Type: INT4'),
        row('LENGTH', 'Length: 000010'),
        row('VALUE_TABLE', 'Value Table: SCARR'),
        row('VALUE_0001', '1 - 3: High'),
        row('VALUE_0002', ': Scheduled flight'),
      ]),
    );
    expect(details?.properties.map((p) => [p.label, p.value])).toEqual([
      ['Type', 'INT4'],
      ['Length', '10'],
      ['Value Table', 'SCARR'],
    ]);
    expect(details?.properties[2]?.open).toEqual({ name: 'SCARR', type: 'TABL' });
    expect(details?.fixedValues).toEqual([
      { value: '1 - 3', text: 'High' },
      { value: '', text: 'Scheduled flight' },
    ]);
  });

  it('lists messages with texts that contain colons and drops the count row', () => {
    const details = ddicDetails(object('MSAG', [row('001', '001: Airline &1: not found'), row('COUNT', 'Total messages: 1')]));
    expect(details?.messages).toEqual([{ number: '001', text: 'Airline &1: not found' }]);
    expect(details?.properties).toEqual([]);
    expect(detailsAsText(details!)).toBe('001\tAirline &1: not found');
  });

  it('lists a function group’s modules with their RFC mark, text and include', () => {
    const details = ddicDetails(
      object('FUGR', [
        row('Z_BOOK', 'Z_BOOK [RFC]: Book a seat: now  ->  LZAPIU02'),
        row('Z_LIST', 'Z_LIST: '),
        row('COUNT', 'Function modules: 2'),
      ]),
    );
    expect(details?.modules).toEqual([
      { name: 'Z_BOOK', text: '[RFC] Book a seat: now  ->  LZAPIU02' },
      { name: 'Z_LIST', text: '' },
    ]);
    expect(details?.properties).toEqual([]);
  });

  it('leaves tables and objects without rows to the field table', () => {
    expect(ddicDetails(object('TABL', [row('CARRID', 'Airline Code')]))).toBeNull();
    expect(ddicDetails(object('DTEL', []))).toBeNull();
  });
});
