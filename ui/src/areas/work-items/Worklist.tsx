import {
  Button,
  Input,
  Label,
  MessageStrip,
  Option,
  Select,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  TableSelectionMulti,
  Tag,
  Text,
  TextArea,
  Title,
} from '@ui5/webcomponents-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import type { WorkItem, WorkItemCatalogue } from '../../bindings';
import { Busy, CopyButton, ErrorPanel, plural } from '../../components';
import { describeError } from '../../components/errorText';
import { usePersistentState } from '../explore/persistentState';
import { workItems } from './api';
import { BatchDialog } from './BatchDialog';
import { HistoryDialog } from './HistoryDialog';
import { releaseLabel } from './format';
import { formatDateTime } from '../../components/dateTime';
import { parseGuidList } from './guids';
import { WorkItemDetail } from './WorkItemDetail';
import { addToWorklist, loadWorklist, saveWorklist } from './worklist';
import { applyReads, isBeingRead, startRead, type Entry } from './entries';
import { filterChoices, isFiltered, matchesFilter, nextSort, NO_FILTER, sortGuids, statusDesign, type SortKey, type SortOrder, type WorklistFilter } from './view';


/** How many items "Load the system's list" asks for. */
const LIST_SIZE = 200;

export function Worklist({ profileId }: { profileId: ProfileId }) {
  const [guids, setGuids] = useState<string[]>(() => loadWorklist(profileId));
  // The open item may take the whole page (Fiori's full-screen column) instead of the list.
  const [fullScreen, setFullScreen] = useState(false);
  // The remembered worklist is read fresh when the area opens: its rows start as "reading".
  const [entries, setEntries] = useState<Record<string, Entry>>(() => Object.fromEntries(guids.map((g) => [g, { state: 'reading' } as Entry])));
  const [input, setInput] = usePersistentState(`work-items.input.${profileId}`, '');
  const [invalid, setInvalid] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [openGuid, setOpenGuid] = usePersistentState<string | null>(`work-items.open.${profileId}`, null);
  // Where the list and the detail are stacked (narrow windows), a chosen item's detail is
  // scrolled into view instead of opening far below the list.
  const detailColumn = useRef<HTMLDivElement>(null);
  const chosen = useRef(false);
  useEffect(() => {
    if (!chosen.current || !openGuid) return;
    chosen.current = false;
    const column = detailColumn.current;
    if (column && column.offsetTop > (column.parentElement?.offsetTop ?? 0) + 8) column.scrollIntoView({ block: 'start' });
  }, [openGuid]);
  const [catalogue, setCatalogue] = useState<WorkItemCatalogue | null>(null);
  const [listBusy, setListBusy] = useState(false);
  const [listError, setListError] = useState<AppError | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);
  const [historyOpen, setHistoryOpen] = useState(false);
  const [filter, setFilter] = usePersistentState<WorklistFilter>(`work-items.filter.${profileId}`, NO_FILTER);
  const [sort, setSort] = usePersistentState<SortOrder | null>(`work-items.sort.${profileId}`, null);

  useEffect(() => saveWorklist(profileId, guids), [profileId, guids]);

  const setEntry = useCallback((guid: string, entry: Entry) => setEntries((all) => ({ ...all, [guid]: entry })), []);

  /** Reads the items in one call (the back end asks the system in $batch requests of a hundred); each row is replaced by its answer (an error keeps what was read before). */
  const fetchItems = useCallback(
    (toRead: readonly string[]) =>
      workItems.read(profileId, [...toRead]).then((answer) => setEntries((all) => applyReads(all, toRead, answer))),
    [profileId],
  );

  const readItems = useCallback(
    async (toRead: readonly string[]) => {
      // Rows keep what they show until their answer comes: a refresh never blanks the list.
      setEntries((all) => ({ ...all, ...Object.fromEntries(toRead.map((g) => [g, startRead(all[g])])) }));
      await fetchItems(toRead);
    },
    [fetchItems],
  );

  useEffect(() => {
    void workItems.catalogue().then((answer) => {
      if (answer.status === 'ok') setCatalogue(answer.data);
    });
    const remembered = loadWorklist(profileId);
    if (remembered.length) void fetchItems(remembered);
  }, [profileId, fetchItems]);

  const add = () => {
    const parsed = parseGuidList(input);
    setInvalid(parsed.invalid);
    // What could not be added stays in the field, to be corrected.
    setInput(parsed.invalid.join('\n'));
    const fresh = parsed.valid.filter((g) => !guids.includes(g));
    if (!fresh.length) return;
    setGuids((current) => addToWorklist(current, fresh));
    void readItems(fresh);
    if (fresh.length === 1) setOpenGuid(fresh[0] ?? null);
  };

  const loadSystemList = async () => {
    setListBusy(true);
    setListError(null);
    const answer = await workItems.list(profileId, LIST_SIZE);
    setListBusy(false);
    if (answer.status === 'error') return setListError(answer.error);
    setGuids((current) => addToWorklist(current, answer.data.map((i) => i.guid)));
    setEntries((all) => ({ ...all, ...Object.fromEntries(answer.data.map((i) => [i.guid, { state: 'read', item: i } as Entry])) }));
    // The list carries no release, texts, attachments or categories: the rows are completed
    // by reading their items (in $batch requests; the rows show the list's data meanwhile).
    await fetchItems(answer.data.map((i) => i.guid));
  };

  const openRow = (guid: string) => {
    chosen.current = true;
    setOpenGuid(guid);
    const entry = entries[guid];
    // An item known only from the list has no texts or attachments yet (null, not empty).
    if (entry?.state === 'read' && entry.item.texts === null) void fetchItems([guid]);
  };

  const removeSelected = () => {
    setGuids((current) => current.filter((g) => !selected.includes(g)));
    if (openGuid && selected.includes(openGuid)) setOpenGuid(null);
    setSelected([]);
  };

  const itemOf = (guid: string) => {
    const entry = entries[guid];
    return entry?.state === 'read' ? entry.item : undefined;
  };
  const selectedItems = useMemo(
    () => selected.map((g) => entries[g]).flatMap((e) => (e?.state === 'read' ? [e.item] : [])),
    [selected, entries],
  );
  const reading = guids.some((g) => isBeingRead(entries[g]));
  const notRefreshed = guids.filter((g) => {
    const entry = entries[g];
    return entry?.state === 'read' && entry.refreshError;
  });
  const readItemsList = useMemo(() => guids.flatMap((g) => (entries[g]?.state === 'read' ? [(entries[g] as { item: WorkItem }).item] : [])), [guids, entries]);
  const shown = useMemo(() => {
    const itemFor = (g: string) => {
      const entry = entries[g];
      return entry?.state === 'read' ? entry.item : undefined;
    };
    return sortGuids(
      guids.filter((g) => matchesFilter(g, itemFor(g), filter)),
      itemFor,
      sort,
    );
  }, [guids, entries, filter, sort]);
  const filtered = isFiltered(filter);
  const sortCell = (key: SortKey, text: string) => (
    <Button
      design="Transparent"
      className="wi-sort"
      onClick={() => setSort((current) => nextSort(current, key))}
      tooltip={`Sort by ${text.toLowerCase()}`}
      data-testid={`wi-sort-${key}`}
    >
      {text}
    </Button>
  );
  const indicator = (key: SortKey) => (sort?.key === key ? (sort.descending ? 'Descending' : 'Ascending') : 'None');
  const openItem = openGuid ? itemOf(openGuid) : undefined;
  const openEntry = openGuid ? entries[openGuid] : undefined;

  const listText = () =>
    [
      'Work item\tGUID\tDescription\tProcess type\tStatus\tRelease\tLast change',
      ...guids.map((g) => {
        const i = itemOf(g);
        return [i?.object_id ?? '', g, i?.description ?? '', i?.process_type ?? '', i?.status.label ?? '', releaseLabel(i?.actual_release), formatDateTime(i?.changed_at)].join('\t');
      }),
    ].join('\n');

  return (
    <>
      <section className="ad-card" aria-label="Add work items">
        <div className="wi-add">
          <div className="ad-field wi-add-input">
            <Label for="wi-guids" showColon>
              Work item GUIDs
            </Label>
            <TextArea
              id="wi-guids"
              value={input}
              rows={3}
              growing
              growingMaxRows={8}
              placeholder="Paste one or many GUIDs: one per line, or separated by commas or spaces"
              valueState={invalid.length ? 'Negative' : 'None'}
              valueStateMessage={invalid.length ? <div>{`${plural(invalid.length, 'entry', 'entries')} not a GUID`}</div> : undefined}
              onInput={(e) => setInput(e.target.value)}
              data-testid="wi-guids-input"
            />
          </div>
          <div className="ad-actions wi-add-actions">
            <Button design="Emphasized" icon="add" onClick={add} disabled={!input.trim()} data-testid="wi-add">
              Add to worklist
            </Button>
            <Button icon="download" onClick={() => void loadSystemList()} disabled={listBusy} data-testid="wi-load-list">
              Load the system’s list
            </Button>
          </div>
        </div>
        {invalid.length ? (
          <MessageStrip design="Negative" hideCloseButton data-testid="wi-invalid">
            {`Not added, not a GUID (32 hex digits, with or without dashes): ${invalid.join(', ')}. They are left in the field to correct.`}
          </MessageStrip>
        ) : null}
        {listError ? <ErrorPanel error={listError} onRetry={() => void loadSystemList()} onDismiss={() => setListError(null)} /> : null}
      </section>

      <div className={openItem && fullScreen ? 'wi-layout ad-detail-full' : 'wi-layout'}>
        <section className="ad-card" aria-label="Worklist">
          <div className="wi-card-head">
            <Title level="H4" data-testid="wi-count">{filtered ? `Worklist (${shown.length} of ${guids.length})` : `Worklist (${guids.length})`}</Title>
            <span className="wi-spacer" />
            <Button icon="refresh" design="Transparent" onClick={() => void readItems(guids)} disabled={!guids.length || reading} data-testid="wi-refresh">
              Refresh
            </Button>
            <Button icon="edit" onClick={() => setBatchOpen(true)} disabled={!selectedItems.length} data-testid="wi-batch">
              {selected.length ? `Change status (${selected.length})…` : 'Change status…'}
            </Button>
            <Button icon="history" design="Transparent" onClick={() => setHistoryOpen(true)} data-testid="wi-history">
              History
            </Button>
            <Button icon="delete" design="Transparent" onClick={removeSelected} disabled={!selected.length} data-testid="wi-remove">
              Remove
            </Button>
            <CopyButton text={listText} label="Copy list" disabled={!guids.length} />
          </div>
          <WorklistFilterBar filter={filter} onChange={setFilter} items={readItemsList} />
          {notRefreshed.length ? (
            <MessageStrip design="Critical" hideCloseButton data-testid="wi-refresh-errors">
              {`${plural(notRefreshed.length, 'work item')} could not be read again: ${notRefreshed.length === 1 ? 'its row shows' : 'their rows show'} what was read before. Refresh to try again.`}
            </MessageStrip>
          ) : null}
          <Busy active={listBusy || reading} text={listBusy ? 'Reading the system’s work items…' : 'Reading the work items again…'}>
            <Table
              accessibleName="Worklist"
              noDataText={guids.length ? 'No work item matches the filter.' : 'The worklist is empty. Add work items by GUID or load the system’s list.'}
              // Real columns at every width: the table scrolls sideways instead of folding cells into sub-rows.
              overflowMode="Scroll"
              features={
                <TableSelectionMulti
                  selected={selected.join(' ')}
                  onChange={(e) => setSelected(((e.target as unknown as { selected: string }).selected || '').split(' ').filter(Boolean))}
                />
              }
              onRowClick={(e) => {
                const guid = (e.detail.row as HTMLElement).dataset.guid;
                if (guid) openRow(guid);
              }}
              data-testid="wi-table"
              headerRow={
                <TableHeaderRow sticky>
                  <TableHeaderCell minWidth="14rem" sortIndicator={indicator('item')}>
                    {sortCell('item', 'Work item')}
                  </TableHeaderCell>
                  <TableHeaderCell width="6rem" sortIndicator={indicator('type')}>
                    {sortCell('type', 'Type')}
                  </TableHeaderCell>
                  <TableHeaderCell width="14rem" sortIndicator={indicator('status')}>
                    {sortCell('status', 'Status')}
                  </TableHeaderCell>
                  <TableHeaderCell width="9rem" sortIndicator={indicator('release')}>
                    {sortCell('release', 'Release')}
                  </TableHeaderCell>
                  <TableHeaderCell width="10rem" sortIndicator={indicator('changed')}>
                    {sortCell('changed', 'Last change')}
                  </TableHeaderCell>
                </TableHeaderRow>
              }
            >
              {shown.map((guid) => (
                <WorklistRow key={guid} guid={guid} entry={entries[guid]} open={guid === openGuid} />
              ))}
            </Table>
          </Busy>
          {guids.length ? <Text className="ad-muted">Choose a row to see the work item; select rows to change their status together.</Text> : null}
        </section>

        <div className="wi-detail" ref={detailColumn}>
          {openGuid && openEntry?.state === 'failed' ? (
            <ErrorPanel error={openEntry.error} onRetry={() => void readItems([openGuid])} />
          ) : openGuid && openItem ? (
            <WorkItemDetail
              key={openGuid}
              profileId={profileId}
              item={openItem}
              catalogue={catalogue}
              onChanged={(item) => setEntry(item.guid, { state: 'read', item })}
              onReload={() => readItems([openGuid])}
              fullScreen={{
                on: fullScreen,
                toggle: () => {
                  setFullScreen((on) => !on);
                  // The page got shorter or longer: keep the item's head where the user looks.
                  requestAnimationFrame(() => detailColumn.current?.scrollIntoView({ block: 'start' }));
                },
              }}
            />
          ) : openGuid && openEntry?.state === 'reading' ? (
            <Busy active text="Reading the work item…">
              <div className="wi-placeholder" />
            </Busy>
          ) : (
            <section className="ad-card wi-empty">
              <Text className="ad-muted">Choose a work item to see its texts, attachments and release, comment on it or change its status.</Text>
            </section>
          )}
        </div>
      </div>

      {historyOpen ? <HistoryDialog onClose={() => setHistoryOpen(false)} /> : null}
      {batchOpen ? (
        <BatchDialog
          profileId={profileId}
          items={selectedItems}
          catalogue={catalogue}
          onClose={() => setBatchOpen(false)}
          onChanged={(changed) => void readItems(changed)}
        />
      ) : null}
    </>
  );
}

function WorklistRow({ guid, entry, open }: { guid: string; entry: Entry | undefined; open: boolean }) {
  const item = entry?.state === 'read' ? entry.item : undefined;
  return (
    <TableRow rowKey={guid} interactive data-guid={guid} data-testid={`wi-row-${guid}`} className={open ? 'wi-row-open' : undefined}>
      <TableCell>
        <div className="wi-title-cell">
          <Text className="wi-strong">{item?.object_id ?? guid}</Text>
          {item ? <Text>{item.description}</Text> : null}
          {entry?.state === 'read' && entry.refreshError ? (
            <Text className="wi-warning-text" data-testid="wi-row-stale">{`Not read again (${describeError(entry.refreshError).title}): as read before`}</Text>
          ) : null}
          {item ? null : entry?.state === 'failed' ? (
            <Text className="wi-error-text">{describeError(entry.error).title}</Text>
          ) : (
            <Text className="ad-muted">Reading…</Text>
          )}
        </div>
      </TableCell>
      <TableCell>
        <Text title={item?.process_type_text ?? undefined}>{item?.process_type ?? ''}</Text>
      </TableCell>
      <TableCell>
        {item ? (
          <Tag design={statusDesign(item.status.kind)} data-testid="wi-row-status" data-kind={item.status.kind} title={item.status.label}>
            {item.status.label}
          </Tag>
        ) : null}
      </TableCell>
      <TableCell>
        <Text>{releaseLabel(item?.actual_release)}</Text>
      </TableCell>
      <TableCell>
        <Text title={item?.changed_by ?? undefined}>{formatDateTime(item?.changed_at)}</Text>
      </TableCell>
    </TableRow>
  );
}

const ANY = '';

/** Search (number, description, GUID) and the status, release and process type filters. */
function WorklistFilterBar({ filter, onChange, items }: { filter: WorklistFilter; onChange: (filter: WorklistFilter) => void; items: WorkItem[] }) {
  const set = (change: Partial<WorklistFilter>) => onChange({ ...filter, ...change });
  const select = (field: 'status' | 'release' | 'type', label: string, all: string) => {
    const choices = filterChoices(items, field);
    // A remembered value no item has any more stays choosable, so the filter never hides itself.
    const values = filter[field] && !choices.some((c) => c.value === filter[field]) ? [...choices, { value: filter[field], label: filter[field], count: 0 }] : choices;
    return (
      <div className="ad-field wi-filter-field">
        <Label for={`wi-filter-${field}`} showColon>
          {label}
        </Label>
        <Select id={`wi-filter-${field}`} accessibleName={label} onChange={(e) => set({ [field]: e.detail.selectedOption.dataset.value ?? ANY })} data-testid={`wi-filter-${field}`}>
          <Option data-value={ANY} selected={!filter[field]}>
            {all}
          </Option>
          {values.map((c) => (
            <Option key={c.value} data-value={c.value} selected={c.value === filter[field]} additionalText={String(c.count)} data-testid={`wi-filter-${field}-${c.value}`}>
              {c.label}
            </Option>
          ))}
        </Select>
      </div>
    );
  };
  return (
    <div className="wi-filters" role="search" aria-label="Filter the worklist">
      <div className="ad-field wi-filter-search">
        <Label for="wi-filter-text" showColon>
          Search
        </Label>
        <Input
          id="wi-filter-text"
          type="Search"
          showClearIcon
          value={filter.text}
          placeholder="Work item number, description or GUID"
          onInput={(e) => set({ text: e.target.value })}
          data-testid="wi-filter-text"
        />
      </div>
      {select('status', 'Status', 'All statuses')}
      {select('release', 'Release', 'All releases')}
      {select('type', 'Type', 'All types')}
      {isFiltered(filter) ? (
        <Button design="Transparent" icon="clear-filter" onClick={() => onChange(NO_FILTER)} data-testid="wi-filter-clear">
          Clear filters
        </Button>
      ) : null}
    </div>
  );
}
