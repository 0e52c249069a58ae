import { Button, Input, Label, MessageStrip, Option, Select, Text } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/navigation-left-arrow.js';
import '@ui5/webcomponents-icons/dist/close-command-field.js';
import '@ui5/webcomponents-icons/dist/open-command-field.js';
import '@ui5/webcomponents-icons/dist/excel-attachment.js';
import '@ui5/webcomponents-icons/dist/download-from-cloud.js';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { AppError, ProfileId } from '../../api';
import { Busy, CopyButton, ErrorPanel, SaveVariantDialog, copyText, plural, saveTextAs } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { ALL_ROWS_CAP, PAGE_LIMIT, previewRows } from './pages';
import { columnKind, nextSort, sortedRowOrder, type SortState } from './cellFormat';
import { ColumnChooser } from './ColumnChooser';
import { DataGrid } from './DataGrid';
import type { PreviewVariant } from './variants';
import { loadFieldInfo, type FieldInfoMap } from './fieldInfo';
import { loadedByTab, loadedKey, type Loaded } from './loadedRows';
import { toCsv, toTsv, withReadableDates } from './exportText';
import type { CellValue, PreviewColumn, PreviewResult, PreviewTable } from '../../api';
import { ShortcutKey } from '../../app/shortcuts';

export interface OpenObject {
  id: string;
  name: string;
  /** TABL, DDLS or '' (detect). */
  objectType: string;
}

interface QueryForm {
  where: string;
  columns: string[];
}


const PAGE_SIZES = [25, 50, 100, 500, 1000];

// Every column of an object, learnt from its first unfiltered read (the column chooser offers them).
const columnsByObject = new Map<string, PreviewColumn[]>();

/** The WHERE problem in a preview error, when the server refused the condition (HTTP 400). */
function whereProblem(error: AppError): string | null {
  if (error.kind === 'sap' && error.status === 400) return error.message;
  if (error.kind === 'http_status' && error.status === 400) return error.title ?? error.excerpt;
  return null;
}

export function PreviewTab({
  profileId,
  object,
  closeButton,
  variantNames,
  onSaveVariant,
}: {
  profileId: ProfileId;
  object: OpenObject;
  closeButton: ReactNode;
  /** Names of the saved variants (a name saved again replaces its variant). */
  variantNames: readonly string[];
  onSaveVariant: (variant: PreviewVariant) => void;
}) {
  const [savingVariant, setSavingVariant] = useState(false);
  const [form, setForm] = usePersistentState<QueryForm>(`preview.${object.id}`, { where: '', columns: [] });
  // One page size for every tab: people pick it once.
  const [pageSize, setPageSize] = usePersistentState('preview.pageSize', 100);
  const [loaded, setLoaded] = useState<Loaded | null>(() => loadedByTab.get(loadedKey(profileId, object.id)) ?? null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [whereError, setWhereError] = useState<string | null>(null);
  const [sort, setSort] = useState<SortState | null>(null);
  const [selected, setSelected] = useState<Set<number>>(() => new Set());
  const [notice, setNotice] = useState<string | null>(null);
  // Rows read so far while reading more than one page (all rows, an export).
  const [progress, setProgress] = useState<{ read: number; of: number } | null>(null);
  const seq = useRef(0);

  const run = useCallback(
    async (offset: number, rows: number = pageSize) => {
      const request = ++seq.current;
      setBusy(true);
      setProgress(null);
      setError(null);
      setWhereError(null);
      setNotice(null);
      const where = form.where.trim();
      const result = await previewRows(
        profileId,
        { objects: [object.name], object_type: object.objectType || null, limit: null, offset, where_clause: where || null, columns: form.columns },
        rows,
        (read, of) => request === seq.current && setProgress({ read, of }),
      );
      if (request !== seq.current) return;
      setBusy(false);
      setProgress(null);
      if (result.status === 'error') {
        const problem = where ? whereProblem(result.error) : null;
        if (problem) setWhereError(problem);
        else setError(result.error);
        return;
      }
      const table = firstTable(result.data, object.name);
      // A real system answers a broken WHERE with the object's ERROR (HTTP 200): show it at
      // the input and keep the rows already shown.
      const problem = where && table.error ? whereProblemOfObject(table.error) : null;
      if (problem) {
        setWhereError(problem);
        return;
      }
      if (form.columns.length === 0 && !table.error) columnsByObject.set(object.name, table.columns);
      const next = { table, offset, where, at: Date.now() };
      loadedByTab.set(loadedKey(profileId, object.id), next);
      setLoaded(next);
      // Rows read for "all rows" keep the sort the user asked for; a new page starts unsorted.
      if (rows !== ALL_ROWS_CAP) setSort(null);
      setSelected(new Set());
    },
    [profileId, object, form, pageSize],
  );

  // The first visit reads the first page; coming back shows the rows already read.
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (!loadedByTab.has(loadedKey(profileId, object.id))) void run(0);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [profileId, object.id]);

  const table = loaded?.table ?? null;
  // Key flags and descriptions for the headers, from the object's definition (read once).
  const [fieldInfo, setFieldInfo] = useState<FieldInfoMap | null>(null);
  const hasRows = Boolean(table && !table.error);
  useEffect(() => {
    if (!hasRows) return;
    let cancelled = false;
    void loadFieldInfo(profileId, object.name).then((info) => {
      if (!cancelled) setFieldInfo(info);
    });
    return () => {
      cancelled = true;
    };
  }, [profileId, object.name, hasRows]);
  const order = useMemo(
    () => (table ? sortedRowOrder(table.rows, sort, sort ? columnKind(table.columns[sort.column]!) : 'text') : []),
    [table, sort],
  );
  const allColumns = columnsByObject.get(object.name) ?? table?.columns ?? [];

  const rowsForCopy = () => {
    if (!table) return [];
    const picked = selected.size ? order.filter((i) => selected.has(i)) : order;
    return picked.map((i) => table.rows[i]!);
  };
  const rowsAsTsv = () => (table ? toTsv(table.columns.map((c) => c.name), rowsForCopy()) : '');

  const offset = loaded?.offset ?? 0;
  const total = table?.total_rows ?? 0;
  const shownTo = offset + (table?.rows.length ?? 0);
  const wholeResult = table !== null && offset === 0 && table.rows.length >= total;
  const capped = table !== null && offset === 0 && table.rows.length >= ALL_ROWS_CAP && total > table.rows.length;

  /** Every row of the result (up to the cap), in the grid's sort order. */
  const allRowsSorted = async (): Promise<{ columns: PreviewColumn[]; rows: CellValue[][] } | null> => {
    if (!table || !loaded) return null;
    if (wholeResult || capped) return { columns: table.columns, rows: order.map((i) => table.rows[i]!) };
    const request = ++seq.current;
    setBusy(true);
    const result = await previewRows(
      profileId,
      {
        objects: [object.name],
        object_type: object.objectType || null,
        limit: null,
        offset: 0,
        where_clause: loaded.where || null,
        columns: table.columns.map((c) => c.name),
      },
      ALL_ROWS_CAP,
      (read, of) => request === seq.current && setProgress({ read, of }),
    );
    if (request !== seq.current) return null;
    setBusy(false);
    setProgress(null);
    if (result.status === 'error') {
      setError(result.error);
      return null;
    }
    const all = firstTable(result.data, object.name);
    if (all.error) {
      setError({ kind: 'sap', status: 200, message: all.error, details: [] });
      return null;
    }
    const sortedOrder = sortedRowOrder(all.rows, sort, sort ? columnKind(all.columns[sort.column]!) : 'text');
    return { columns: all.columns, rows: sortedOrder.map((i) => all.rows[i]!) };
  };

  const exportCsv = async () => {
    const all = await allRowsSorted();
    if (!all) return;
    // Excel reads ';' in locales whose decimal separator is a comma.
    const separator = (1.5).toLocaleString().includes(',') ? ';' : ',';
    const csv = toCsv(all.columns.map((c) => c.name), withReadableDates(all.columns, all.rows), separator);
    const saved = await saveTextAs(`${object.name}.csv`, csv, { name: 'CSV', extensions: ['csv'] });
    if (saved && 'error' in saved) setError(saved.error);
    else if (saved) {
      const cut = all.rows.length < total ? ` These are the first ${plural(all.rows.length, 'row')} of ${total.toLocaleString()}: the app reads at most ${ALL_ROWS_CAP.toLocaleString()} rows.` : '';
      setNotice(`Saved ${plural(all.rows.length, 'row')} to ${saved.path}.${cut}`);
    }
  };

  const rangeText = !table
    ? ''
    : table.rows.length === 0
      ? 'No rows match.'
      : wholeResult && table.rows.length > pageSize
        ? `All ${total.toLocaleString()} rows`
        : capped
          ? `Rows 1–${shownTo.toLocaleString()} of ${total.toLocaleString()} (the app reads at most ${ALL_ROWS_CAP.toLocaleString()} rows)`
          : `Rows ${(offset + 1).toLocaleString()}–${shownTo.toLocaleString()} of ${total.toLocaleString()}`;

  return (
    <div className="pv-tab" data-testid={`preview-tab-${object.name}`}>
      <ShortcutKey shortcut="F8" onPress={() => void run(0)} disabled={busy} />
      <div className="pv-query">
        <div className="ad-field pv-where">
          <Label for={`where-${object.id}`} showColon>
            WHERE condition
          </Label>
          <Input
            id={`where-${object.id}`}
            value={form.where}
            placeholder="e.g. CARRID = 'LH' AND PRICE > 500"
            accessibleName="WHERE condition"
            valueState={whereError ? 'Negative' : 'None'}
            valueStateMessage={whereError ? <div data-testid="where-error">{whereError}</div> : undefined}
            onInput={(e) => {
              setForm({ ...form, where: e.target.value });
              setWhereError(null);
            }}
            onKeyDown={(e) => e.key === 'Enter' && void run(0)}
            data-testid="preview-where"
            className="ad-mono"
          />
          {whereError ? (
            <Text className="pv-where-error" data-testid="where-error-text">
              {whereError}
            </Text>
          ) : null}
        </div>
        <div className="ad-field pv-columns">
          <Label showColon>Columns</Label>
          <ColumnChooser columns={allColumns} chosen={form.columns} onChange={(columns) => setForm({ ...form, columns })} />
        </div>
        <div className="ad-field pv-size">
          <Label showColon>Rows per page</Label>
          <Select
            accessibleName="Rows per page"
            onChange={(e) => setPageSize(Number(e.detail.selectedOption.getAttribute('value') ?? 100))}
            data-testid="preview-page-size"
          >
            {PAGE_SIZES.map((n) => (
              <Option key={n} value={String(n)} selected={pageSize === n}>
                {n.toLocaleString()}
              </Option>
            ))}
          </Select>
        </div>
        <div className="pv-run ad-align-end">
          <Button icon="save" design="Transparent" onClick={() => setSavingVariant(true)} tooltip="Save the table, WHERE condition and columns as a variant" data-testid="preview-save-variant">
            Save as variant
          </Button>
          <Button design="Emphasized" icon="media-play" onClick={() => void run(0)} disabled={busy} tooltip="Run (F8)" data-testid="preview-run">
            Show data
          </Button>
        </div>
        {savingVariant ? (
          <SaveVariantDialog
            open
            suggestion={form.where.trim() ? `${object.name}: ${form.where.trim()}`.slice(0, 60) : object.name}
            existing={variantNames}
            hint="Saves the table or view, the WHERE condition and the columns on this computer."
            testIdPrefix="preview-variant"
            onCancel={() => setSavingVariant(false)}
            onSave={(name) => {
              setSavingVariant(false);
              onSaveVariant({ name, object: object.name, objectType: object.objectType, where: form.where, columns: form.columns });
            }}
          />
        ) : null}
      </div>

      {!table || table.error ? <div className="pv-toolbar pv-close-only">{closeButton}</div> : null}
      {error ? <ErrorPanel error={error} onRetry={() => void run(offset)} onDismiss={() => setError(null)} /> : null}
      {table?.error ? (
        <MessageStrip design="Negative" hideCloseButton data-testid="preview-object-error">
          {table.error}
        </MessageStrip>
      ) : null}
      {notice ? (
        <MessageStrip design="Positive" onClose={() => setNotice(null)}>
          {notice}
        </MessageStrip>
      ) : null}

      <Busy
        active={busy}
        text={progress && progress.of > PAGE_LIMIT ? `Reading ${object.name}: ${progress.read.toLocaleString()} of ${progress.of.toLocaleString()} rows…` : `Reading ${object.name}…`}
      >
        {table && !table.error ? (
          <div className="pv-result">
            <div className="pv-toolbar">
              <Text data-testid="preview-range">
                {rangeText}
                {loaded?.where ? ` where ${loaded.where}` : ''}
              </Text>
              {selected.size ? <Text className="ad-muted">{`${plural(selected.size, 'row')} selected`}</Text> : null}
              {table.columns_hidden.length ? (
                <Text className="ad-muted" title={table.columns_hidden.join(', ')}>{`${plural(table.columns_hidden.length, 'column')} hidden`}</Text>
              ) : null}
              <span className="ad-spacer" />
              <Button icon="close-command-field" design="Transparent" tooltip="First page" accessibleName="First page" disabled={busy || offset === 0} onClick={() => void run(0)} />
              <Button
                icon="navigation-left-arrow"
                design="Transparent"
                tooltip="Previous page"
                accessibleName="Previous page"
                disabled={busy || offset === 0}
                onClick={() => void run(Math.max(0, offset - pageSize))}
                data-testid="preview-previous"
              />
              <Button
                icon="navigation-right-arrow"
                design="Transparent"
                tooltip="Next page"
                accessibleName="Next page"
                disabled={busy || shownTo >= total}
                onClick={() => void run(shownTo)}
                data-testid="preview-next"
              />
              <CopyButton
                text={rowsAsTsv}
                label={selected.size ? 'Copy selected rows' : 'Copy rows'}
                accessibleName="Copy rows as tab-separated text"
                disabled={table.rows.length === 0}
                data-testid="preview-copy"
              />
              {!wholeResult && !capped ? (
                <Button
                  icon="download-from-cloud"
                  design="Transparent"
                  onClick={() => void run(0, ALL_ROWS_CAP)}
                  disabled={busy}
                  tooltip={`Read every row (at most ${ALL_ROWS_CAP.toLocaleString()}), so that sorting covers the whole result`}
                  data-testid="preview-load-all"
                >
                  All rows
                </Button>
              ) : null}
              <Button
                icon="excel-attachment"
                design="Transparent"
                onClick={() => void exportCsv()}
                disabled={busy || table.rows.length === 0}
                tooltip={`Writes every row of the result (at most ${ALL_ROWS_CAP.toLocaleString()}), sorted as shown, dates and times formatted`}
                data-testid="preview-csv"
              >
                Export CSV
              </Button>
              {closeButton}
            </div>
            {sort && !wholeResult ? (
              <MessageStrip design="Information" hideCloseButton data-testid="preview-sort-scope">
                {capped
                  ? `Sorted within the first ${shownTo.toLocaleString()} of ${total.toLocaleString()} rows (the app reads at most ${ALL_ROWS_CAP.toLocaleString()}).`
                  : `Sorted within rows ${(offset + 1).toLocaleString()}–${shownTo.toLocaleString()} only, not all ${total.toLocaleString()} rows. "All rows" reads the whole result to sort it.`}
              </MessageStrip>
            ) : null}
            {table.rows.length > 0 ? (
              <DataGrid
                columns={table.columns}
                rows={table.rows}
                order={order}
                sort={sort}
                onSortClick={(c) => setSort((s) => nextSort(s, c))}
                selected={selected}
                onSelectionChange={setSelected}
                onCopy={() => void copyText(rowsAsTsv())}
                firstRowNumber={offset}
                ariaLabel={`Rows of ${object.name}`}
                fieldInfo={fieldInfo}
                height="calc(100vh - 22rem)"
              />
            ) : null}
            <Text className="ad-muted pv-hint">
              {wholeResult ? 'Click a column title to sort all rows.' : 'Click a column title to sort the rows shown; "All rows" reads the whole result first.'} Export CSV writes every row. Click, Ctrl+click or Shift+click rows to select them; Ctrl+C copies them.
            </Text>
          </div>
        ) : null}
      </Busy>
    </div>
  );
}

function firstTable(result: PreviewResult, name: string): PreviewTable {
  return (
    result.objects[0] ?? {
      name,
      object_type: '',
      type_text: '',
      row_count: 0,
      total_rows: 0,
      columns: [],
      rows: [],
      columns_hidden: [],
      error: result.message || `No data returned for ${name}.`,
    }
  );
}

/** An object's error that is about the WHERE condition, not about the object itself. */
function whereProblemOfObject(error: string): string | null {
  return /not found|not accessible|not defined in the ABAP Dictionary/i.test(error) ? null : error;
}
