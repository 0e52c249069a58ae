import { Button, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useEffect, useRef, useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import { Busy, CopyButton, ErrorPanel, plural, useRevealWhen } from '../../components';
import { explore } from '../../api';
import type { Reference, WhereUsed } from '../../api';
import { objectTypeLabel } from '../../components/objectTypes';

export interface OpenTarget {
  name: string;
  type: string | null;
  /** Method to scroll to (classes). */
  method?: string | null;
  /** Document line to highlight. */
  line?: number | null;
}

const PAGE = 100;

/** Where an object is used; a click opens the user in the viewer, at the method when known. */
export function WhereUsedPanel({ profileId, name, type, onOpen }: { profileId: ProfileId; name: string; type: string; onOpen: (target: OpenTarget) => void }) {
  const [result, setResult] = useState<WhereUsed | null>(null);
  const [offset, setOffset] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [busy, setBusy] = useState(true);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The panel opens below the source: it scrolls into view when its first answer comes.
  const panel = useRef<HTMLElement>(null);
  useRevealWhen(panel, result === null && error === null ? null : offset);

  useEffect(() => {
    let cancelled = false;
    void explore
      .whereUsed(profileId, { objects: [name], object_type: ['CLAS', 'INTF', 'PROG'].includes(type) ? type : null, limit: PAGE, offset })
      .then((answer) => {
        if (cancelled) return;
        setBusy(false);
        if (answer.status === 'error') return setError(answer.error);
        setError(null);
        const found = answer.data.objects[0] ?? null;
        setResult((previous) =>
          offset > 0 && previous && found ? { ...found, references: [...previous.references, ...found.references] } : found,
        );
        setHasMore(answer.data.pagination?.has_more ?? false);
      });
    return () => {
      cancelled = true;
    };
  }, [profileId, name, type, offset, attempt]);

  const references = result?.references ?? [];
  const asText = () =>
    ['Type\tObject\tMethod / include\tPackage', ...references.map((r) => [r.object_type, r.object_name, where(r), r.package ?? ''].join('\t'))].join('\n');

  return (
    <section ref={panel} className="ad-card" aria-label={`Where ${name} is used`} data-testid="where-used">
      <div className="ad-card-head">
        <Title level="H4">{`Where ${name} is used`}</Title>
        {result ? <Text className="ad-muted">{plural(result.count || references.length, 'place')}</Text> : null}
        <span className="ad-spacer" />
        <CopyButton text={asText} label="Copy list" disabled={references.length === 0} />
      </div>
      {error ? (
        <ErrorPanel
          error={error}
          onRetry={() => {
            setBusy(true);
            setAttempt((n) => n + 1);
          }}
        />
      ) : null}
      {result?.error ? <Text className="ex-error-text">{result.error}</Text> : null}
      <Busy active={busy} text="Searching where it is used…">
        <div className="ad-stack">
          <Table
            accessibleName="Places that use the object"
            noDataText={busy ? 'Searching…' : 'No other object uses it.'}
            overflowMode="Popin"
            onRowClick={(e) => {
              const index = Number((e.detail.row as HTMLElement).dataset.index);
              const r = references[index];
              if (r) onOpen({ name: r.object_name, type: r.object_type || null, method: r.method_name, line: r.line });
            }}
            data-testid="where-used-table"
            headerRow={
              <TableHeaderRow sticky>
                <TableHeaderCell width="5rem">Type</TableHeaderCell>
                <TableHeaderCell width="18rem">Object</TableHeaderCell>
                <TableHeaderCell>Method / include</TableHeaderCell>
                <TableHeaderCell width="12rem">Package</TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {references.map((r, i) => (
              <TableRow key={i} rowKey={String(i)} interactive data-index={i} data-object={r.object_name}>
                <TableCell>
                  <Text>{objectTypeLabel(r.object_type)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{r.object_name}</Text>
                </TableCell>
                <TableCell>
                  <Text>{where(r)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{r.package ?? ''}</Text>
                </TableCell>
              </TableRow>
            ))}
          </Table>
          {hasMore ? (
            <Button
              design="Transparent"
              onClick={() => {
                setBusy(true);
                setOffset(references.length);
              }}
            >
              More
            </Button>
          ) : null}
        </div>
      </Busy>
    </section>
  );
}

function where(r: Reference): string {
  const parts = [r.method_name ? r.method_name.toLowerCase() : null, r.include_type, r.include && !r.method_name ? r.include : null, r.line ? `line ${r.line}` : null];
  return parts.filter(Boolean).join(' · ');
}
