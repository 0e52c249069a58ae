// SAP's F4 for a transport request: the user's open requests to search and pick from, or a new
// one created on the spot. Nothing is ever chosen for the user.
import '@ui5/webcomponents-icons/dist/value-help.js';
import {
  Bar,
  Button,
  Icon,
  Input,
  Label,
  MessageStrip,
  SegmentedButton,
  SegmentedButtonItem,
  Table,
  TableCell,
  TableHeaderCell,
  TableHeaderRow,
  TableRow,
  TableSelectionSingle,
  Text,
} from '@ui5/webcomponents-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { transports as transportApi, type AppError, type ProfileId, type TransportKind, type TransportRequest, type TransportScope } from '../../api';
import { Busy, ErrorPanel, describeError, formatDate, OnDemandDialog } from '../../components';
import { emptyListText, filterRequests, valueHelpTitle } from './valueHelp';
import { contentsSummary } from './requestRows';
import './transports.css';

const SCOPES: { id: TransportScope; text: string }[] = [
  { id: 'mine', text: 'My requests' },
  { id: 'task', text: 'With my tasks' },
  { id: 'all', text: 'All' },
];

export interface TransportValueHelpProps {
  open: boolean;
  profileId: ProfileId;
  /** Workbench requests for repository objects, customizing requests for table entries. */
  kind: TransportKind;
  /** Why a request is needed, shown on top (e.g. the package that records changes). */
  reason?: string | null;
  /** Text of the confirm button, e.g. "Pull with this request". */
  confirmText?: string;
  onSelect: (request: TransportRequest) => void;
  onCancel: () => void;
}

/** What the chosen request holds, read when it is chosen (a later choice wins over a late answer). */
function useContents(profileId: ProfileId, number: string | null): { number: string; text: string } | null {
  const [contents, setContents] = useState<{ number: string; text: string } | null>(null);
  const run = useRef(0);
  useEffect(() => {
    const asked = ++run.current;
    if (!number) return;
    void transportApi.details(profileId, number).then((answer) => {
      if (asked !== run.current) return;
      setContents({ number, text: answer.status === 'ok' ? contentsSummary(answer.data) : `What ${number} holds could not be read: ${describeError(answer.error).title}.` });
    });
  }, [profileId, number]);
  return contents;
}

export function TransportValueHelp({ open, profileId, kind, reason, confirmText = 'Use request', onSelect, onCancel }: TransportValueHelpProps) {
  const [scope, setScope] = useState<TransportScope>('mine');
  const [list, setList] = useState<TransportRequest[] | null>(null);
  const [search, setSearch] = useState('');
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<null | 'list' | 'create'>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [description, setDescription] = useState('');
  const [descriptionError, setDescriptionError] = useState<string | null>(null);

  const load = useCallback(async () => {
    setBusy('list');
    setError(null);
    const answer = await transportApi.list(profileId, scope, kind);
    setBusy(null);
    if (answer.status === 'error') {
      setList([]);
      return setError(answer.error);
    }
    setList(answer.data.transports);
  }, [profileId, scope, kind]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    if (open) void load();
  }, [open, load]);

  useEffect(() => {
    if (open) return;
    // A fresh start every time the help opens: no stale selection from another field.
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setSelected(null);
    setSearch('');
    setDescriptionError(null);
  }, [open]);

  const shown = filterRequests(list ?? [], search);
  const chosen = shown.find((t) => t.number === selected) ?? null;
  const contents = useContents(profileId, open ? (chosen?.number ?? null) : null);

  const create = async () => {
    if (!description.trim()) return setDescriptionError('Describe the change, such as “Loyalty miles for frequent flyers”.');
    setDescriptionError(null);
    setBusy('create');
    setError(null);
    const answer = await transportApi.create(profileId, description.trim(), kind);
    setBusy(null);
    if (answer.status === 'error') return setError(answer.error);
    const number = answer.data.number ?? answer.data.transports[0]?.number;
    if (!number) return setError({ kind: 'sap', status: 200, message: answer.data.message || 'The system did not return the new request number.', details: [] });
    setDescription('');
    // The user asked for this request: it is the choice.
    onSelect({ number, description: description.trim(), owner: '', date: '' });
  };

  const scopeText = SCOPES.find((s) => s.id === scope)?.text.toLowerCase() ?? scope;
  return (
    <OnDemandDialog
      open={open}
      headerText={valueHelpTitle(kind)}
      className="tr-value-help"
      onClose={onCancel}
      data-testid="transport-value-help"
      footer={
        <Bar
          design="Footer"
          endContent={
            <>
              <Button design="Emphasized" disabled={!chosen || busy !== null} onClick={() => chosen && onSelect(chosen)} data-testid="transport-value-help-confirm">
                {confirmText}
              </Button>
              <Button design="Transparent" onClick={onCancel} data-testid="transport-value-help-cancel">
                Cancel
              </Button>
            </>
          }
        />
      }
    >
      <div className="tr-value-help-body">
        {reason ? (
          <MessageStrip design="Information" hideCloseButton data-testid="transport-value-help-reason">
            {reason}
          </MessageStrip>
        ) : null}
        <div className="tr-value-help-bar">
          <Input
            value={search}
            placeholder="Search number, description or owner"
            accessibleName="Search requests"
            showClearIcon
            icon={<Icon name="search" />}
            onInput={(e) => setSearch(e.target.value)}
            data-testid="transport-value-help-search"
          />
          <SegmentedButton accessibleName="Which requests" onSelectionChange={(e) => setScope((e.detail.selectedItems[0]?.dataset.scope as TransportScope) ?? 'mine')}>
            {SCOPES.map((s) => (
              <SegmentedButtonItem key={s.id} selected={scope === s.id} data-scope={s.id} data-testid={`transport-value-help-scope-${s.id}`}>
                {s.text}
              </SegmentedButtonItem>
            ))}
          </SegmentedButton>
        </div>
        {error ? <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} /> : null}
        <Busy active={busy !== null} text={busy === 'create' ? 'Creating the request…' : 'Reading requests…'}>
          <Table
            accessibleName="Open transport requests"
            className="tr-value-help-table"
            noDataText={list ? emptyListText(kind, search, scopeText) : 'Reading…'}
            features={<TableSelectionSingle selected={selected ?? ''} onChange={(e) => setSelected((e.target as unknown as { selected: string }).selected || null)} />}
            // A click anywhere on the row selects it; a second click on the chosen row confirms.
            onRowClick={(e) => {
              const number = (e.detail.row as HTMLElement).dataset.number ?? null;
              const row = shown.find((t) => t.number === number);
              if (row && number === selected) onSelect(row);
              else setSelected(number);
            }}
            data-testid="transport-value-help-table"
            headerRow={
              <TableHeaderRow sticky>
                <TableHeaderCell width="9rem">Request</TableHeaderCell>
                <TableHeaderCell>Description</TableHeaderCell>
                <TableHeaderCell width="8rem">Owner</TableHeaderCell>
                <TableHeaderCell width="7rem">Date</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {shown.map((t) => (
              <TableRow key={t.number} rowKey={t.number} interactive data-number={t.number} data-testid={`transport-value-help-${t.number}`}>
                <TableCell>
                  <Text>{t.number}</Text>
                </TableCell>
                <TableCell>
                  <Text>{t.description}</Text>
                </TableCell>
                <TableCell>
                  <Text>{t.owner}</Text>
                </TableCell>
                <TableCell>
                  <Text>{formatDate(t.date)}</Text>
                </TableCell>
              </TableRow>
            ))}
          </Table>
        </Busy>
        {chosen && contents?.number === chosen.number ? (
          <Text className="ad-muted" data-testid="transport-value-help-contents">
            {contents.text}
          </Text>
        ) : null}
        <div className="tr-value-help-create">
          <div className="ad-field">
            <Label showColon required>
              {kind === 'customizing' ? 'New customizing request' : 'New workbench request'}
            </Label>
            <Input
              value={description}
              placeholder="Description of the change"
              accessibleName="Description of the new request"
              valueState={descriptionError ? 'Negative' : 'None'}
              valueStateMessage={descriptionError ? <div>{descriptionError}</div> : undefined}
              onInput={(e) => setDescription(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && void create()}
              data-testid="transport-value-help-description"
            />
          </div>
          <Button icon="add" onClick={() => void create()} disabled={busy !== null} data-testid="transport-value-help-create">
            Create and use
          </Button>
        </div>
      </div>
    </OnDemandDialog>
  );
}
