import { describe, expect, it } from 'vitest';
import { fieldValues, fileNameOf, objectOfFileName } from './forms';

describe('fileNameOf', () => {
  it('names sources .abap, CDS .asddls and everything else .xml', () => {
    expect(fileNameOf('CLAS', 'ZCL_DEMO')).toBe('src/zcl_demo.clas.abap');
    expect(fileNameOf('ddls', 'ZI_FLIGHT')).toBe('src/zi_flight.ddls.asddls');
    expect(fileNameOf('TABL', 'ZFL_FEES')).toBe('src/zfl_fees.tabl.xml');
  });
  it('writes namespaces with #', () => {
    expect(fileNameOf('CLAS', '/ABC/CL_X')).toBe('src/#abc#cl_x.clas.abap');
  });
});

describe('objectOfFileName', () => {
  it('reads the object back from a file name, with or without folders', () => {
    expect(objectOfFileName('src/zcl_demo.clas.abap')).toEqual({ type: 'CLAS', name: 'ZCL_DEMO' });
    expect(objectOfFileName('C:\\repo\\src\\#abc#cl_x.clas.testclasses.abap')).toEqual({ type: 'CLAS', name: '/ABC/CL_X' });
    expect(objectOfFileName('zfl_fees.tabl.xml')).toEqual({ type: 'TABL', name: 'ZFL_FEES' });
  });
  it('refuses what the server would not read', () => {
    expect(objectOfFileName('README.md')).toBeNull();
    expect(objectOfFileName('src/zcl_demo.clas.txt')).toBeNull();
  });
});

describe('fieldValues', () => {
  it('upper-cases field names, keeps values verbatim and skips blank rows', () => {
    const { values, problems } = fieldValues([
      { field: ' carrid ', value: 'LH' },
      { field: '', value: '' },
      { field: 'fee_text', value: ' Lower case kept ' },
    ]);
    expect(values).toEqual([
      { field: 'CARRID', value: 'LH' },
      { field: 'FEE_TEXT', value: ' Lower case kept ' },
    ]);
    expect(problems.rows.size).toBe(0);
    expect(problems.list).toBeNull();
  });

  it('reports a value without a field and a field set twice at their rows', () => {
    const { values, problems } = fieldValues([
      { field: 'A', value: '1' },
      { field: '', value: 'orphan' },
      { field: 'a', value: '2' },
      { field: 'bad name', value: '3' },
    ]);
    expect(values).toEqual([{ field: 'A', value: '1' }]);
    expect(problems.rows.get(1)).toMatch(/field name/);
    expect(problems.rows.get(2)).toBe('A is already set in row 1.');
    expect(problems.rows.get(3)).toMatch(/letters/);
  });

  it('asks for at least one field', () => {
    expect(fieldValues([{ field: '', value: '' }]).problems.list).toMatch(/at least one/);
  });
});
