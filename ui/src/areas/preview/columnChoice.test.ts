import { describe, expect, it } from 'vitest';
import type { PreviewColumn } from '../../api';
import { chosenAfterSelection, columnChoiceText, matchingColumns } from './columnChoice';

const column = (name: string, data_type: string) => ({ name, data_type }) as PreviewColumn;
const COLUMNS = [column('CARRID', 'CHAR'), column('CONNID', 'NUMC'), column('FLDATE', 'DATS'), column('PRICE', 'CURR')];

describe('column choice', () => {
  it('names what the next read returns', () => {
    expect(columnChoiceText(0, [])).toBe('Read once to choose columns');
    expect(columnChoiceText(4, [])).toBe('All columns');
    expect(columnChoiceText(4, ['PRICE', 'CARRID'])).toBe('2 of 4 columns');
  });

  it('finds columns by name or type, in any case', () => {
    expect(matchingColumns(COLUMNS, ' ').map((c) => c.name)).toEqual(['CARRID', 'CONNID', 'FLDATE', 'PRICE']);
    expect(matchingColumns(COLUMNS, 'conn').map((c) => c.name)).toEqual(['CONNID']);
    expect(matchingColumns(COLUMNS, 'dats').map((c) => c.name)).toEqual(['FLDATE']);
    expect(matchingColumns(COLUMNS, 'nothing')).toEqual([]);
  });

  it('keeps the choice of columns a filter hides, and the table order', () => {
    // PRICE was chosen; the list shows only the C… columns and the user selects CONNID there.
    expect(chosenAfterSelection(COLUMNS, ['PRICE'], ['CARRID', 'CONNID'], ['CONNID'])).toEqual(['CONNID', 'PRICE']);
    // Deselecting a shown column drops it; hidden ones stay.
    expect(chosenAfterSelection(COLUMNS, ['CARRID', 'PRICE'], ['CARRID', 'CONNID'], [])).toEqual(['PRICE']);
  });
});
