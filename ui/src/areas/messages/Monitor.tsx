import { Button, Input, Label, MessageStrip, Option, Select, Text, Title, ToggleButton } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/refresh.js';
import '@ui5/webcomponents-icons/dist/excel-attachment.js';
import '@ui5/webcomponents-icons/dist/filter.js';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import type { MessageFilter, MessageStatus, StatusCount } from '../../bindings';
import { DateField, ErrorPanel, plural, saveWithCommand, TimeField } from '../../components';
import { formatTime } from '../../components/dateTime';
import { readStored, usePersistentState } from '../explore/persistentState';
import { monitor } from './api';
import { activeFieldCount, filterProblems, NO_FILTER, sanitizeFilter, STATUS_TABS, TIME_PRESETS, toMessageFilter, withStatus, type MonitorFilter, type TimePreset } from './filter';
import { formatCount, statusLabel, statusState } from './format';
import { appendPage, EMPTY_LIST, firstPage, mergeFresh, wantsNextPage, type LoadedList } from './list';
import { MessageDetailView, type DetailState } from './MessageDetailView';
import { MessageTable } from './MessageTable';

/** Auto-refresh intervals in seconds (0: off, the default: no timer runs while it is off). */
const REFRESH_CHOICES = [0, 30, 60, 300] as const;
/** Messages whose detail stays in memory (the list itself holds only the rows). */
const DETAILS_KEPT = 20;

type Loading = 'idle' | 'first' | 'more' | 'refresh';

export function Monitor({ profileId }: { profileId: ProfileId }) {
  // The applied filter and the one being edited; both survive a restart.
  const [applied, setApplied] = usePersistentState<MonitorFilter>(`messages.filter.${profileId}`, NO_FILTER);
  const [draft, setDraft] = useState<MonitorFilter>(() => sanitizeFilter(readStored(`messages.filter.${profileId}`, NO_FILTER)));
  const [showFilters, setShowFilters] = usePersistentState(`messages.showFilters`, false);
  const [refreshSeconds, setRefreshSeconds] = usePersistentState<number>(`messages.autoRefresh`, 0);
  const [openGuid, setOpenGuid] = usePersistentState<string | null>(`messages.open.${profileId}`, null);
  const [fullScreen, setFullScreen] = useState(false);

  const [list, setList] = useState<LoadedList>(EMPTY_LIST);
  // Which read the list comes from: a new filter starts the table at its top again.
  const [generation, setGeneration] = useState(0);
  const [counts, setCounts] = useState<StatusCount[] | null>(null);
  const [loading, setLoading] = useState<Loading>('idle');
  const [listError, setListError] = useState<AppError | null>(null);
  const [refreshedAt, setRefreshedAt] = useState<Date | null>(null);
  const [details, setDetails] = useState<Map<string, DetailState>>(() => new Map());
  const [exportNote, setExportNote] = useState<string | null>(null);
  const [exportError, setExportError] = useState<AppError | null>(null);
  const [exporting, setExporting] = useState(false);

  const filter = useMemo(() => sanitizeFilter(applied), [applied]);
  const problems = filterProblems(draft);
  // The query the shown rows were read with: further pages must use the same window, not one
  // recomputed from a later "now".
  const query = useRef<MessageFilter | null>(null);
  // The list for callbacks that run outside render (scrolling, paging).
  const listRef = useRef(list);
  useLayoutEffect(() => {
    listRef.current = list;
  }, [list]);
  const loadingRef = useRef<Loading>('idle');
  // Only the newest read may set the list (filters changed quickly).
  const seq = useRef(0);

  // The ref first: a scroll event before the next render must already see the new page's token.
  const showList = (next: LoadedList) => {
    listRef.current = next;
    setList(next);
  };
  const setLoadingBoth = (value: Loading) => {
    loadingRef.current = value;
    setLoading(value);
  };

  const load = useCallback(async () => {
    const mine = ++seq.current;
    const base = toMessageFilter(filter, new Date());
    const listed = withStatus(base, filter.status);
    query.current = listed;
    setLoadingBoth('first');
    setListError(null);
    const [page, countAnswer] = await Promise.all([monitor.page(profileId, listed, null), monitor.counts(profileId, base)]);
    if (mine !== seq.current) return;
    setLoadingBoth('idle');
    if (page.status === 'error') {
      showList(EMPTY_LIST);
      setListError(page.error);
    } else {
      showList(firstPage(page.data));
      setGeneration(mine);
      setRefreshedAt(new Date());
    }
    setCounts(countAnswer.status === 'ok' ? countAnswer.data : null);
  }, [profileId, filter]);

  // The filter the list was read for: the shell hides areas with <Activity>, which runs this
  // effect again when the monitor is shown again; that alone must not read the list again.
  const loadedFor = useRef<typeof load | null>(null);
  useEffect(() => {
    if (loadedFor.current === load) return;
    loadedFor.current = load;
    // Reading the tenant's messages for the filter shown: the list follows the server.
    void load();
  }, [load]);

  const loadMore = useCallback(async () => {
    const current = listRef.current;
    if (!query.current || !current.next || loadingRef.current !== 'idle') return;
    const mine = seq.current;
    setLoadingBoth('more');
    const page = await monitor.page(profileId, query.current, current.next);
    if (mine !== seq.current) return;
    setLoadingBoth('idle');
    if (page.status === 'error') return setListError(page.error);
    showList(appendPage(listRef.current, page.data));
  }, [profileId]);

  const onVisibleEnd = useCallback(
    (lastVisible: number) => {
      if (wantsNextPage(listRef.current, lastVisible, loadingRef.current !== 'idle')) void loadMore();
    },
    [loadMore],
  );

  /** Auto-refresh: new messages on top, changed ones updated, the pages below kept. */
  const refresh = useCallback(async () => {
    if (loadingRef.current !== 'idle' || !query.current) return;
    const mine = seq.current;
    const base = toMessageFilter(filter, new Date());
    const listed = withStatus(base, filter.status);
    setLoadingBoth('refresh');
    const [page, countAnswer] = await Promise.all([monitor.page(profileId, listed, null), monitor.counts(profileId, base)]);
    if (mine !== seq.current) return;
    setLoadingBoth('idle');
    if (page.status === 'error') return setListError(page.error);
    setListError(null);
    showList(mergeFresh(listRef.current, page.data).list);
    if (countAnswer.status === 'ok') setCounts(countAnswer.data);
    setRefreshedAt(new Date());
  }, [profileId, filter]);

  // A timer only while auto-refresh is on, and (the shell hides areas with <Activity>, which
  // runs effect clean-ups) only while the monitor is shown.
  useEffect(() => {
    if (!refreshSeconds) return;
    const timer = window.setInterval(() => {
      if (!document.hidden) void refresh();
    }, refreshSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [refreshSeconds, refresh]);

  const readDetail = useCallback(
    async (guid: string) => {
      setDetails((all) => new Map(all).set(guid, { state: 'reading' }));
      const answer = await monitor.detail(profileId, guid);
      setDetails((all) => {
        const next = new Map(all);
        next.delete(guid);
        next.set(guid, answer.status === 'ok' ? { state: 'read', detail: answer.data } : { state: 'failed', error: answer.error });
        // The oldest details are let go: attachments and runs add up over a long session.
        while (next.size > DETAILS_KEPT) next.delete(next.keys().next().value!);
        return next;
      });
    },
    [profileId],
  );

  const open = useCallback(
    (guid: string) => {
      setOpenGuid(guid);
      const known = details.get(guid);
      if (!known || known.state === 'failed') void readDetail(guid);
    },
    [details, readDetail, setOpenGuid],
  );

  // The message open at the last close is read again when the monitor opens.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (openGuid && !details.has(openGuid)) void readDetail(openGuid);
    // Only on mount: later openings go through `open`.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const apply = (next: MonitorFilter) => {
    if (Object.keys(filterProblems(next)).length) return;
    setDraft(next);
    setApplied(next);
  };
  const chooseStatus = (status: MessageStatus | null) => apply({ ...draft, status });
  const chooseTime = (time: TimePreset) => {
    const next = { ...draft, time };
    setDraft(next);
    if (time !== 'custom') apply(next);
  };
  const edit = (field: keyof MonitorFilter) => (value: string) => setDraft((d) => ({ ...d, [field]: value }));

  const exportCsv = async () => {
    if (!query.current) return;
    setExportNote(null);
    setExportError(null);
    setExporting(true);
    const listed = query.current;
    let rows = 0;
    const outcome = await saveWithCommand('messages.csv', { name: 'CSV', extensions: ['csv'] }, async (file) => {
      const answer = await monitor.exportCsv(profileId, listed, file);
      if (answer.status === 'error') return answer;
      rows = answer.data.rows;
      return { status: 'ok', data: answer.data.path };
    });
    setExporting(false);
    if (!outcome) return;
    if ('error' in outcome) setExportError(outcome.error);
    else setExportNote(`Exported ${plural(rows, 'message')} to ${outcome.path}`);
  };

  const countOf = (status: MessageStatus) => counts?.find((c) => c.status === status)?.count ?? null;
  const allCount = counts ? counts.reduce((sum, c) => sum + (c.count ?? 0), 0) : null;
  const chips = STATUS_TABS.filter((s) => s === filter.status || s === 'FAILED' || s === 'COMPLETED' || (countOf(s) ?? 0) > 0);
  const openEntry = openGuid ? details.get(openGuid) : undefined;
  const fieldCount = activeFieldCount(filter);

  const textFilter = (field: keyof MonitorFilter, label: string, testId: string, placeholder?: string, error?: string) => (
    <div className="ad-field mm-filter-field">
      <Label for={`mm-${testId}`} showColon>
        {label}
      </Label>
      <Input
        id={`mm-${testId}`}
        value={draft[field] as string}
        placeholder={placeholder}
        showClearIcon
        valueState={error ? 'Negative' : 'None'}
        valueStateMessage={error ? <div>{error}</div> : undefined}
        onInput={(e) => edit(field)(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && apply(draft)}
        data-testid={`mm-filter-${testId}`}
      />
      {error ? (
        <small className="ad-field-error" role="alert">
          {error}
        </small>
      ) : null}
    </div>
  );

  const listSection = (
    <section className="ad-card mm-list" aria-label="Messages">
      <div className="ad-card-head">
        <Title level="H3" data-testid="mm-total">
          {list.total !== null ? `Messages (${formatCount(list.total)})` : 'Messages'}
        </Title>
        <span className="mm-spacer" />
        {refreshedAt && (
          <Text className="ad-muted" data-testid="mm-refreshed-at">
            {`Updated ${formatTime(refreshedAt, undefined, { seconds: true })}`}
          </Text>
        )}
        <Select
          accessibleName="Auto-refresh"
          className="mm-refresh-select"
          onChange={(e) => setRefreshSeconds(Number((e.detail.selectedOption as HTMLElement).dataset.seconds))}
          data-testid="mm-auto-refresh"
        >
          {REFRESH_CHOICES.map((s) => (
            <Option key={s} selected={s === refreshSeconds} data-seconds={s} data-testid={`mm-auto-refresh-${s}`}>
              {s === 0 ? 'Auto-refresh off' : s < 60 ? `Every ${s} s` : `Every ${s / 60} min`}
            </Option>
          ))}
        </Select>
        <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName="Refresh the messages" disabled={loading === 'first'} onClick={() => void load()} data-testid="mm-refresh" />
        <Button icon="excel-attachment" design="Transparent" disabled={exporting || !list.rows.length} onClick={() => void exportCsv()} data-testid="mm-export">
          {exporting ? 'Exporting…' : 'Export CSV'}
        </Button>
      </div>
      <div className="mm-chips" role="toolbar" aria-label="Filter by status" data-testid="mm-status-chips">
        <ToggleButton pressed={filter.status === null} onClick={() => chooseStatus(null)} data-testid="mm-status-all">
          {allCount !== null ? `All ${formatCount(allCount)}` : 'All'}
        </ToggleButton>
        {chips.map((s) => (
          <ToggleButton
            key={s}
            pressed={filter.status === s}
            className={`mm-chip mm-chip-${statusState(s)}`}
            onClick={() => chooseStatus(filter.status === s ? null : s)}
            data-testid={`mm-status-${s}`}
            data-count={countOf(s) ?? ''}
          >
            {`${statusLabel(s)}${countOf(s) !== null ? ` ${formatCount(countOf(s))}` : ''}`}
          </ToggleButton>
        ))}
      </div>
      {exportNote && <MessageStrip design="Positive" onClose={() => setExportNote(null)} data-testid="mm-export-note">{exportNote}</MessageStrip>}
      {exportError && <ErrorPanel error={exportError} onDismiss={() => setExportError(null)} />}
      {listError && <ErrorPanel error={listError} onRetry={() => void (list.rows.length ? loadMore() : load())} data-testid="mm-list-error" />}
      {loading === 'first' && !list.rows.length ? (
        <Text className="ad-muted mm-empty" data-testid="mm-reading">Reading messages…</Text>
      ) : !listError && !list.rows.length ? (
        <Text className="ad-muted mm-empty" data-testid="mm-empty">
          No messages match the filter in this time window.
        </Text>
      ) : list.rows.length ? (
        <MessageTable
          key={generation}
          rows={list.rows}
          openGuid={openGuid}
          onOpen={open}
          onVisibleEnd={onVisibleEnd}
          loadingMore={loading === 'more'}
          height="max(18rem, calc(100vh - 24rem))"
        />
      ) : null}
    </section>
  );

  return (
    <div className="mm-monitor" data-testid="mm-monitor" data-loading={loading}>
      {!fullScreen && (
        <section className="ad-card mm-filters" aria-label="Filter messages">
          <div className="mm-filter-row">
            <div className="ad-field mm-filter-time">
              <Label showColon>Time</Label>
              <Select accessibleName="Time" onChange={(e) => chooseTime((e.detail.selectedOption as HTMLElement).dataset.time as TimePreset)} data-testid="mm-filter-time">
                {TIME_PRESETS.map((p) => (
                  <Option key={p.id} selected={p.id === draft.time} data-time={p.id} data-testid={`mm-time-${p.id}`}>
                    {p.label}
                  </Option>
                ))}
              </Select>
            </div>
            {draft.time === 'custom' && (
              <>
                <DateField label="From date" value={draft.fromDate} onChange={(v) => v !== null && edit('fromDate')(v)} onSubmit={() => apply(draft)} data-testid="mm-filter-from-date" />
                <TimeField label="From time" value={draft.fromTime} onChange={(v) => v !== null && edit('fromTime')(v)} onSubmit={() => apply(draft)} data-testid="mm-filter-from-time" />
                <DateField label="To date" value={draft.toDate} onChange={(v) => v !== null && edit('toDate')(v)} error={problems.to} onSubmit={() => apply(draft)} data-testid="mm-filter-to-date" />
                <TimeField label="To time" value={draft.toTime} onChange={(v) => v !== null && edit('toTime')(v)} onSubmit={() => apply(draft)} data-testid="mm-filter-to-time" />
              </>
            )}
            {textFilter('flow', 'Integration flow (ID)', 'flow', 'e.g. Replicate_SalesOrders_SFDC_to_S4')}
            <span className="mm-spacer" />
            <div className="ad-actions mm-filter-actions">
              <Button design="Emphasized" onClick={() => apply(draft)} disabled={Object.keys(problems).length > 0} data-testid="mm-filter-go">
                Go
              </Button>
              <Button design="Transparent" icon="filter" onClick={() => setShowFilters(!showFilters)} aria-expanded={showFilters} data-testid="mm-filter-more">
                {showFilters ? 'Fewer filters' : fieldCount > 1 ? `More filters (${fieldCount})` : 'More filters'}
              </Button>
              <Button design="Transparent" onClick={() => apply({ ...NO_FILTER, time: draft.time === 'custom' ? 'day' : draft.time })} data-testid="mm-filter-clear">
                Clear
              </Button>
            </div>
          </div>
          {showFilters && (
            <div className="mm-filter-row">
              {textFilter('sender', 'Sender', 'sender')}
              {textFilter('receiver', 'Receiver', 'receiver')}
              {textFilter('applicationMessageId', 'Application message ID', 'app-id')}
              {textFilter('correlationId', 'Correlation ID', 'correlation-id')}
              {textFilter('headerName', 'Custom header property', 'header-name', 'e.g. Customer', problems.headerName)}
              {textFilter('headerValue', 'Value', 'header-value')}
            </div>
          )}
        </section>
      )}
      <div className={fullScreen && openGuid ? 'mm-layout mm-layout-full' : openGuid ? 'mm-layout' : 'mm-layout mm-layout-single'}>
        {!(fullScreen && openGuid) && listSection}
        {openGuid && (
          <MessageDetailView
            key={openGuid}
            profileId={profileId}
            guid={openGuid}
            entry={openEntry ?? { state: 'reading' }}
            onRetry={() => void readDetail(openGuid)}
            onClose={() => {
              setOpenGuid(null);
              setFullScreen(false);
            }}
            fullScreen={{ on: fullScreen, toggle: () => setFullScreen((f) => !f) }}
          />
        )}
      </div>
    </div>
  );
}
