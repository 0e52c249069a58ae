import {
  Button,
  Label,
  MessageStrip,
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
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import type { WorkItem, WorkItemCatalogue } from '../../bindings';
import { Busy, CopyButton, ErrorPanel, plural } from '../../components';
import { describeError } from '../../components/errorText';
import { usePersistentState } from '../explore/persistentState';
import { workItems } from './api';
import { BatchDialog } from './BatchDialog';
import { formatTimestamp, releaseLabel } from './format';
import { parseGuidList } from './guids';
import { WorkItemDetail } from './WorkItemDetail';
import { addToWorklist, loadWorklist, saveWorklist } from './worklist';

/** What the app knows about one GUID of the worklist. */
type Entry = { state: 'reading' } | { state: 'read'; item: WorkItem } | { state: 'failed'; error: AppError };

/** Work items read at the same time when refreshing (the system serves each with one request). */
const PARALLEL_READS = 4;
/** How many items "Load the system's list" asks for. */
const LIST_SIZE = 200;

export function Worklist({ profileId }: { profileId: ProfileId }) {
  const [guids, setGuids] = useState<string[]>(() => loadWorklist(profileId));
  // The remembered worklist is read fresh when the area opens: its rows start as "reading".
  const [entries, setEntries] = useState<Record<string, Entry>>(() => Object.fromEntries(guids.map((g) => [g, { state: 'reading' } as Entry])));
  const [input, setInput] = usePersistentState(`work-items.input.${profileId}`, '');
  const [invalid, setInvalid] = useState<string[]>([]);
  const [selected, setSelected] = useState<string[]>([]);
  const [openGuid, setOpenGuid] = usePersistentState<string | null>(`work-items.open.${profileId}`, null);
  const [catalogue, setCatalogue] = useState<WorkItemCatalogue | null>(null);
  const [listBusy, setListBusy] = useState(false);
  const [listError, setListError] = useState<AppError | null>(null);
  const [batchOpen, setBatchOpen] = useState(false);

  useEffect(() => saveWorklist(profileId, guids), [profileId, guids]);

  const setEntry = useCallback((guid: string, entry: Entry) => setEntries((all) => ({ ...all, [guid]: entry })), []);

  /** Reads the items a few at a time; each row fills in as its answer arrives. */
  const fetchItems = useCallback(
    async (toRead: readonly string[]) => {
      const queue = [...toRead];
      const worker = async () => {
        for (let guid = queue.shift(); guid; guid = queue.shift()) {
          const answer = await workItems.get(profileId, guid);
          setEntry(guid, answer.status === 'ok' ? { state: 'read', item: answer.data } : { state: 'failed', error: answer.error });
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARALLEL_READS, queue.length) }, worker));
    },
    [profileId, setEntry],
  );

  const readItems = useCallback(
    async (toRead: readonly string[]) => {
      setEntries((all) => ({ ...all, ...Object.fromEntries(toRead.map((g) => [g, { state: 'reading' } as Entry])) }));
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
    // The list carries no release, texts, attachments or categories: each row is completed
    // by reading its item (the rows show the list's data meanwhile).
    await fetchItems(answer.data.map((i) => i.guid));
  };

  const openRow = (guid: string) => {
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
  const reading = guids.some((g) => entries[g]?.state === 'reading');
  const openItem = openGuid ? itemOf(openGuid) : undefined;
  const openEntry = openGuid ? entries[openGuid] : undefined;

  const listText = () =>
    [
      'Work item\tGUID\tDescription\tProcess type\tStatus\tRelease\tLast change',
      ...guids.map((g) => {
        const i = itemOf(g);
        return [i?.object_id ?? '', g, i?.description ?? '', i?.process_type ?? '', i?.status.label ?? '', releaseLabel(i?.actual_release), i?.changed_at ?? ''].join('\t');
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

      <div className="wi-layout">
        <section className="ad-card" aria-label="Worklist">
          <div className="wi-card-head">
            <Title level="H4">{`Worklist (${guids.length})`}</Title>
            <span className="wi-spacer" />
            <Button icon="refresh" design="Transparent" onClick={() => void readItems(guids)} disabled={!guids.length || reading} data-testid="wi-refresh">
              Refresh
            </Button>
            <Button icon="edit" onClick={() => setBatchOpen(true)} disabled={!selectedItems.length} data-testid="wi-batch">
              {selected.length ? `Change status (${selected.length})…` : 'Change status…'}
            </Button>
            <Button icon="delete" design="Transparent" onClick={removeSelected} disabled={!selected.length} data-testid="wi-remove">
              Remove
            </Button>
            <CopyButton text={listText} label="Copy list" disabled={!guids.length} />
          </div>
          <Busy active={listBusy} text="Reading the system’s work items…">
            <Table
              accessibleName="Worklist"
              noDataText="The worklist is empty. Add work items by GUID or load the system’s list."
              overflowMode="Popin"
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
                  <TableHeaderCell minWidth="16rem">Work item</TableHeaderCell>
                  <TableHeaderCell width="5rem">Type</TableHeaderCell>
                  <TableHeaderCell width="11rem">Status</TableHeaderCell>
                  <TableHeaderCell width="9rem">Release</TableHeaderCell>
                  <TableHeaderCell width="9rem">Last change</TableHeaderCell>
                </TableHeaderRow>
              }
            >
              {guids.map((guid) => (
                <WorklistRow key={guid} guid={guid} entry={entries[guid]} open={guid === openGuid} />
              ))}
            </Table>
          </Busy>
          {guids.length ? <Text className="ad-muted">Choose a row to see the work item; select rows to change their status together.</Text> : null}
        </section>

        <div className="wi-detail">
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
          {item ? (
            <Text>{item.description}</Text>
          ) : entry?.state === 'failed' ? (
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
          <Tag design={item.status.known ? 'Information' : 'Neutral'} hideStateIcon={!item.status.known} data-testid="wi-row-status" title={item.status.label}>
            {item.status.label}
          </Tag>
        ) : null}
      </TableCell>
      <TableCell>
        <Text>{releaseLabel(item?.actual_release)}</Text>
      </TableCell>
      <TableCell>
        <Text title={item?.changed_by ?? undefined}>{formatTimestamp(item?.changed_at)}</Text>
      </TableCell>
    </TableRow>
  );
}
