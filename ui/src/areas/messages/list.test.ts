import { describe, expect, it } from 'vitest';
import type { MessageLog, MessagePage } from '../../bindings';
import { appendPage, EMPTY_LIST, firstPage, mergeFresh, wantsNextPage } from './list';

function message(guid: string, status = 'COMPLETED'): MessageLog {
  return {
    message_guid: guid,
    correlation_id: null,
    application_message_id: null,
    application_message_type: null,
    log_start: null,
    log_end: null,
    sender: null,
    receiver: null,
    integration_flow: 'Flow',
    artifact: null,
    status,
    custom_status: null,
    log_level: null,
    alternate_web_link: null,
    transaction_id: null,
  };
}

const page = (guids: string[], next: string | null, total: number | null = null): MessagePage => ({ messages: guids.map((g) => message(g)), total, next_page: next });

describe('the loaded list', () => {
  it('appends pages in order and keeps the total of the first', () => {
    let list = firstPage(page(['a', 'b'], 'tok1', 5));
    list = appendPage(list, page(['c', 'd'], 'tok2'));
    expect(list.rows.map((r) => r.message_guid)).toEqual(['a', 'b', 'c', 'd']);
    expect(list.total).toBe(5);
    expect(list.next).toBe('tok2');
    list = appendPage(list, page(['e'], null));
    expect(list.next).toBeNull();
  });

  it('shows a message that moved across a page boundary once', () => {
    const list = appendPage(firstPage(page(['a', 'b'], 't', 3)), page(['b', 'c'], null));
    expect(list.rows.map((r) => r.message_guid)).toEqual(['a', 'b', 'c']);
  });

  it('puts new messages on top on a refresh and updates the ones it sees again', () => {
    const list = appendPage(firstPage(page(['b', 'c'], 't', 4)), page(['d', 'e'], null));
    const fresh: MessagePage = { messages: [message('a'), message('b', 'FAILED')], total: 5, next_page: 'x' };
    const merged = mergeFresh(list, fresh);
    expect(merged.added).toBe(1);
    expect(merged.list.rows.map((r) => `${r.message_guid}:${r.status}`)).toEqual(['a:COMPLETED', 'b:FAILED', 'c:COMPLETED', 'd:COMPLETED', 'e:COMPLETED']);
    expect(merged.list.total).toBe(5);
    // Every page below was read already: nothing further to read.
    expect(merged.list.next).toBeNull();
  });

  it('asks for the next page near the end only, once at a time', () => {
    const list = firstPage({ messages: Array.from({ length: 1000 }, (_, i) => message(`m${i}`)), total: 20000, next_page: 't' });
    expect(wantsNextPage(list, 100, false)).toBe(false);
    expect(wantsNextPage(list, 850, false)).toBe(true);
    expect(wantsNextPage(list, 850, true)).toBe(false);
    expect(wantsNextPage({ ...list, next: null }, 999, false)).toBe(false);
    expect(wantsNextPage(EMPTY_LIST, 0, false)).toBe(false);
  });
});
