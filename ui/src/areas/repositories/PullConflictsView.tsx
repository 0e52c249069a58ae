import '@ui5/webcomponents-icons/dist/journey-change.js';
import { Button, Label, MessageStrip, Panel, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import type { PullResult } from '../../api';
import './repositories.css';
import { CONFLICT_TITLE, conflictExplanation, conflictVersions } from './pullConflicts';
import { objectTypeLabel } from '../../components/objectTypes';

export interface PullConflictsViewProps {
  result: PullResult;
  /** Pull again without the conflict check (asks first). */
  onOverwrite: () => void;
  /** Opens the area that writes SAP's objects to git. */
  onKeepSapChanges: () => void;
  busy?: boolean;
}

/** The objects that stopped a pull, what happened to each, and what the user can do. */
export function PullConflictsView({ result, onOverwrite, onKeepSapChanges, busy }: PullConflictsViewProps) {
  const count = result.conflict_count || result.conflicts.length;
  return (
    <section className="ad-stack" aria-label="Conflicts" data-testid="pull-conflicts">
      <MessageStrip design="Critical" hideCloseButton>
        {`The pull was stopped before anything was activated: ${count === 1 ? '1 object was' : `${count} objects were`} changed since the last pull.`}
      </MessageStrip>
      {result.conflicts.length > 0 ? (
        <Table
          accessibleName="Conflicting objects"
          overflowMode="Popin"
          data-testid="pull-conflicts-table"
          headerRow={
            <TableHeaderRow>
              <TableHeaderCell width="16rem">Object</TableHeaderCell>
              <TableHeaderCell width="13rem">Conflict</TableHeaderCell>
              <TableHeaderCell>What happened</TableHeaderCell>
              <TableHeaderCell width="14rem" popinText="Versions">
                Versions
              </TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {result.conflicts.map((c) => (
            <TableRow key={`${c.object_type} ${c.object_name}`} rowKey={`${c.object_type} ${c.object_name}`} data-testid={`pull-conflict-${c.object_name}`}>
              <TableCell>
                <div className="rp-object">
                  <Text className="rp-strong">{c.object_name}</Text>
                  <Text className="ad-muted">{objectTypeLabel(c.object_type)}</Text>
                </div>
              </TableCell>
              <TableCell>
                <Tag design={c.kind === 'branch_switch' ? 'Information' : 'Critical'} data-testid="pull-conflict-kind">
                  {CONFLICT_TITLE[c.kind]}
                </Tag>
              </TableCell>
              <TableCell>
                <Text>{conflictExplanation(c)}</Text>
              </TableCell>
              <TableCell>
                <Text className="rp-mono">{conflictVersions(c)}</Text>
              </TableCell>
            </TableRow>
          ))}
        </Table>
      ) : null}
      <div className="rp-advice" data-testid="pull-conflicts-advice">
        <Title level="H5">What you can do</Title>
        <ul>
          <li>
            <Label>Keep the changes made in SAP:</Label> write the objects to git first, then pull again.
          </li>
          <li>
            <Label>For another branch:</Label> check with whoever pulled last which branch the system should follow.
          </li>
          <li>
            <Label>Take the git version:</Label> pull again without the conflict check. This overwrites the changes made in SAP.
          </li>
        </ul>
        <div className="ad-actions">
          <Button icon="journey-change" design="Negative" onClick={onOverwrite} disabled={busy} data-testid="pull-overwrite">
            Pull again and overwrite…
          </Button>
          <Button design="Transparent" onClick={onKeepSapChanges} data-testid="pull-keep-sap">
            Write SAP objects to git
          </Button>
        </div>
      </div>
      {result.conflict_report?.trim() ? (
        <Panel headerText="Report from the system" collapsed={result.conflicts.length > 0} data-testid="pull-conflict-report">
          <pre className="ad-pre">{result.conflict_report}</pre>
        </Panel>
      ) : null}
    </section>
  );
}
