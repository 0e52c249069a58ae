import { Button, List, ListItemStandard, MessageStrip, Text, Title } from '@ui5/webcomponents-react';
import { useEffect, useRef, useState } from 'react';
import type { AppError } from '../../api';
import { NoSystem } from '../../app/NoSystem';
import { ShortcutKey } from '../../app/shortcuts';
import { useSystems } from '../../app/SystemContext';
import { Busy, CopyButton, DateField, ErrorPanel, TextField, TimeField, formatDate, formatSapDateTime, formatTime, plural } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import '../explore/explore.css';
import { dumps } from '../../api';
import { DumpDetail } from './DumpDetail';
import type { DumpRequest, ShortDump } from '../../api';
import './dumps.css';

interface Filter {
  user: string;
  dateFrom: string;
  dateTo: string;
  timeFrom: string;
  timeTo: string;
  program: string;
  error: string;
}

const EMPTY: Filter = { user: '', dateFrom: '', dateTo: '', timeFrom: '', timeTo: '', program: '', error: '' };

/** A list as found: on which system and with which filter. */
interface Found {
  profileId: string;
  filterKey: string;
  dumps: ShortDump[];
}

// The last list of this run, so that coming back to the area shows it at once.
let lastList: Found | null = null;

const filterKey = (filter: Filter) => JSON.stringify(filter);

function request(filter: Filter, detail: string | null): DumpRequest {
  const opt = (v: string) => (v.trim() ? v.trim() : null);
  return {
    user: opt(filter.user),
    date_from: opt(filter.dateFrom),
    date_to: opt(filter.dateTo),
    time_from: opt(filter.timeFrom),
    time_to: opt(filter.timeTo),
    ts_from: null,
    ts_to: null,
    program: opt(filter.program),
    error: opt(filter.error),
    limit: 100,
    detail,
  };
}

/** ST22 short dumps: filter, list, and one dump in detail. */
export default function DumpsPage() {
  const { active } = useSystems();
  const [filter, setFilter] = usePersistentState<Filter>('dumps.filter', EMPTY);
  const [found, setFound] = useState<Found | null>(() => lastList);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  // The dump may take the whole page (Fiori's full-screen column) beside or instead of the list.
  const [fullScreen, setFullScreen] = useState(false);
  // The dump's column, brought into view where it is stacked below the list.
  const detailColumn = useRef<HTMLDivElement>(null);
  const [rangeError, setRangeError] = useState<string | null>(null);
  // Date and time fields whose typed text is no valid date or time (they say why themselves).
  const [invalidFields, setInvalidFields] = useState<ReadonlySet<keyof Filter>>(new Set());
  const [fieldsError, setFieldsError] = useState<string | null>(null);
  const [selectedId, setSelectedId] = usePersistentState<string | null>('dumps.selected', null);
  // The dump shown in detail, with the system it was read from.
  const [shown, setShown] = useState<{ profileId: string; id: string; dump: ShortDump } | null>(null);
  const detailSeq = useRef(0);
  const [detailBusy, setDetailBusy] = useState(false);
  const [detailError, setDetailError] = useState<AppError | null>(null);
  // Where the list and the dump are stacked (narrow windows), the chosen dump comes into view.
  const shownDump = shown?.dump ?? null;
  useEffect(() => {
    const column = detailColumn.current;
    if (!shownDump || !column) return;
    if (column.offsetTop > (column.parentElement?.offsetTop ?? 0) + 8) column.scrollIntoView({ block: 'start', behavior: 'smooth' });
  }, [shownDump]);

  if (!active) return <NoSystem />;
  const profileId = active.profile.id;
  const set = (patch: Partial<Filter>) => setFilter({ ...filter, ...patch });
  const typed = (field: 'dateFrom' | 'dateTo' | 'timeFrom' | 'timeTo', value: string | null) => {
    setInvalidFields((fields) => {
      const next = new Set(fields);
      if (value === null) next.add(field);
      else next.delete(field);
      return next;
    });
    if (value !== null) set({ [field]: value });
  };
  // Results of another system are not shown; a list found with another filter says so.
  const list = found && found.profileId === profileId ? found.dumps : null;
  const listStale = list !== null && found!.filterKey !== filterKey(filter);
  const detail = shown && shown.profileId === profileId && shown.id === selectedId ? shown.dump : null;

  const search = async () => {
    setFieldsError(invalidFields.size ? 'Correct the marked date and time fields first.' : null);
    if (invalidFields.size) return;
    if (filter.dateFrom && filter.dateTo && filter.dateFrom > filter.dateTo) return setRangeError('The end date is before the start date.');
    setRangeError(null);
    setBusy(true);
    setError(null);
    const searched = filter;
    const answer = await dumps.list(profileId, request(searched, null));
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    lastList = { profileId, filterKey: filterKey(searched), dumps: answer.data.dumps };
    setFound(lastList);
    // A dump the new list does not hold is no longer shown as selected.
    if (!answer.data.dumps.some((d) => d.id === selectedId)) {
      setSelectedId(null);
      setShown(null);
      setDetailError(null);
    }
  };

  const openDetail = async (dump: ShortDump) => {
    // Only the last chosen dump's answer is shown, however the answers arrive.
    const seq = ++detailSeq.current;
    setSelectedId(dump.id);
    setShown(null);
    setDetailBusy(true);
    setDetailError(null);
    const answer = await dumps.list(profileId, { ...request(EMPTY, dump.id), limit: 1 });
    if (seq !== detailSeq.current) return;
    setDetailBusy(false);
    if (answer.status === 'error') return setDetailError(answer.error);
    setShown({ profileId, id: dump.id, dump: answer.data.dumps.find((d) => d.id === dump.id) ?? answer.data.dumps[0] ?? dump });
  };

  const retryDetail = () => {
    const d = list?.find((x) => x.id === selectedId);
    if (d) void openDetail(d);
  };

  const listText = () =>
    ['Date\tTime\tUser\tProgram\tRuntime error\tException', ...(list ?? []).map((d) => [formatDate(d.date), formatTime(d.time, undefined, { seconds: true }), d.user, d.program, d.error, d.exception].join('\t'))].join('\n');

  return (
    <div className="ad-page" data-testid="dumps-page">
      <ShortcutKey shortcut="F8" onPress={() => void search()} disabled={busy} />
      <div className="ad-page-header">
        <Title level="H2">Dumps</Title>
        <Text className="ad-muted">Runtime errors (ST22) in {active.profile.settings.display_name}</Text>
      </div>
      <section className="ad-card" aria-label="Filter">
        <div className="ad-form-grid dm-filter">
          <TextField label="User" value={filter.user} onChange={(v) => set({ user: v })} placeholder="Any user" onSubmit={() => void search()} data-testid="dumps-user" />
          <TextField label="Program" value={filter.program} onChange={(v) => set({ program: v })} placeholder="Any program" onSubmit={() => void search()} data-testid="dumps-program" />
          <TextField label="Runtime error" value={filter.error} onChange={(v) => set({ error: v })} placeholder="e.g. COMPUTE_INT_ZERODIVIDE" onSubmit={() => void search()} />
          <DateField label="From date" value={filter.dateFrom} onChange={(v) => typed('dateFrom', v)} onSubmit={() => void search()} data-testid="dumps-date-from" />
          <DateField label="To date" value={filter.dateTo} onChange={(v) => typed('dateTo', v)} error={rangeError} onSubmit={() => void search()} data-testid="dumps-date-to" />
          <TimeField label="From time" value={filter.timeFrom} onChange={(v) => typed('timeFrom', v)} onSubmit={() => void search()} data-testid="dumps-time-from" />
          <TimeField label="To time" value={filter.timeTo} onChange={(v) => typed('timeTo', v)} onSubmit={() => void search()} data-testid="dumps-time-to" />
        </div>
        <div className="ad-actions">
          <Button design="Emphasized" icon="search" onClick={() => void search()} disabled={busy} tooltip="Search (F8)" data-testid="dumps-search">
            Search
          </Button>
          <Button
            design="Transparent"
            onClick={() => {
              setFilter(EMPTY);
              setInvalidFields(new Set());
              setFieldsError(null);
              setRangeError(null);
            }}
          >
            Clear filter
          </Button>
        </div>
        {rangeError || fieldsError ? <Text className="ex-error-text">{fieldsError ?? rangeError}</Text> : null}
      </section>
      {error ? <ErrorPanel error={error} onRetry={() => void search()} /> : null}
      {listStale ? (
        <MessageStrip design="Critical" hideCloseButton data-testid="dumps-stale">
          The list below was found with the previous filter. Choose Search to list the dumps for the filter as it is now.
        </MessageStrip>
      ) : null}
      <div className={detail && fullScreen ? 'dm-layout ad-detail-full' : 'dm-layout'}>
        <section className={listStale ? 'ad-card ad-stale' : 'ad-card'} aria-label="Dumps found">
          <div className="ad-card-head">
            <Title level="H4">{list ? plural(list.length, 'dump') : 'Dumps'}</Title>
            <span className="ad-spacer" />
            <CopyButton text={listText} label="Copy list" disabled={!list?.length} />
          </div>
          <Busy active={busy} text="Reading dumps…">
            <List
              accessibleName="Dumps"
              noDataText={list ? 'No dumps match the filter.' : 'Choose Search to list the dumps.'}
              onItemClick={(e) => {
                const d = list?.[Number((e.detail.item as HTMLElement).dataset.index)];
                if (d) void openDetail(d);
              }}
              data-testid="dumps-table"
            >
              {(list ?? []).map((d, i) => (
                <ListItemStandard
                  key={d.id}
                  text={d.error}
                  description={`${d.user} · ${d.program}`}
                  additionalText={formatSapDateTime(d.date, d.time)}
                  icon="alert"
                  type="Active"
                  selected={d.id === selectedId}
                  data-index={i}
                  data-testid="dump-row"
                />
              ))}
            </List>
          </Busy>
        </section>
        <div className="dm-detail" ref={detailColumn}>
          {detailError ? <ErrorPanel error={detailError} onRetry={retryDetail} /> : null}
          {detailBusy ? (
            <Busy active text="Reading the dump…">
              <div style={{ height: '10rem' }} />
            </Busy>
          ) : detail ? (
            <DumpDetail dump={detail} fullScreen={{ on: fullScreen, toggle: () => setFullScreen((on) => !on) }} />
          ) : (
            <section className="ad-card ex-empty">
              <Text className="ad-muted">Choose a dump to see what happened, the call stack and the failing source line.</Text>
            </section>
          )}
        </div>
      </div>
    </div>
  );
}
