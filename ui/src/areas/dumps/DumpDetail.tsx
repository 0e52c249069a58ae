import { Button, Label, Link, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Tag, Text, Title } from '@ui5/webcomponents-react';
import { useMemo } from 'react';
import { useNavigation } from '../../app/navigation';
import { CopyButton, FullScreenButton, SourceView, formatSapDateTime, type FullScreen } from '../../components';
import { objectOfInclude } from '../explore/sections';
import { dumpAsText, parseExcerpt } from './dumpText';
import type { CallStackEntry, ShortDump } from '../../api';

/** One dump as ST22 shows it: what happened, analysis, call stack, the source with the failing line. */
export function DumpDetail({ dump, fullScreen }: { dump: ShortDump; fullScreen: FullScreen }) {
  const { navigate } = useNavigation();
  const excerpt = useMemo(() => (dump.source_excerpt ? parseExcerpt(dump.source_excerpt, dump.source_line) : null), [dump]);

  const openInclude = (include: string, line: number | null, method?: string) => {
    const target = objectOfInclude(include);
    navigate('explore', {
      object: target.name,
      ...(method ? { method } : {}),
      // Line numbers are those of the include: only meaningful for a program's own source.
      ...(line && !target.suffix ? { line: String(line) } : {}),
    });
  };

  return (
    <section className="ad-card" aria-label={`Dump ${dump.error}`} data-testid="dump-detail">
      <div className="ad-card-head">
        <Title level="H3">{dump.error}</Title>
        {dump.exception ? (
          <Tag design="Negative" hideStateIcon>
            {dump.exception}
          </Tag>
        ) : null}
        <span className="ad-spacer" />
        {dump.source_include ? (
          <Button icon="source-code" onClick={() => openInclude(dump.source_include, dump.source_line, methodOfTop(dump.call_stack))} data-testid="dump-open-source">
            Open source
          </Button>
        ) : null}
        <CopyButton text={() => dumpAsText(dump)} label="Copy dump" data-testid="dump-copy" />
        <FullScreenButton fullScreen={fullScreen} what={`dump ${dump.error}`} testId="dump-full-screen" />
      </div>
      <div className="ex-facts">
        <Fact label="Date and time" value={formatSapDateTime(dump.date, dump.time)} />
        <Fact label="User" value={dump.user} />
        <Fact label="Program" value={dump.program} />
        {dump.package ? <Fact label="Package" value={dump.package} /> : null}
        {dump.host ? <Fact label="Host" value={dump.host} /> : null}
      </div>
      <div className="dm-texts">
        <div>
          <Title level="H5">What happened?</Title>
          <Text className="dm-text" data-testid="dump-what-happened">
            {dump.what_happened || 'The system did not describe it.'}
          </Text>
        </div>
        <div>
          <Title level="H5">Error analysis</Title>
          <Text className="dm-text">{dump.error_analysis || 'No analysis available.'}</Text>
        </div>
      </div>
      {excerpt ? (
        <div>
          <Title level="H5">{`Source of ${dump.source_include || dump.program}${excerpt.errorLine ? `, line ${excerpt.errorLine}` : ''}`}</Title>
          <SourceView
            source={excerpt.lines}
            firstLineNumber={excerpt.firstLine}
            highlightLine={excerpt.errorLine}
            markers={excerpt.errorLine ? [{ line: excerpt.errorLine, severity: 'error', message: `${dump.error}: the program stopped here` }] : []}
            ariaLabel="Source excerpt"
            height={`${Math.min(24, excerpt.lines.length * 1.25 + 1)}rem`}
          />
        </div>
      ) : null}
      {dump.call_stack.length ? (
        <div>
          <Title level="H5">Call stack</Title>
          <Table
            accessibleName="Call stack"
            overflowMode="Popin"
            data-testid="dump-call-stack"
            headerRow={
              <TableHeaderRow>
                <TableHeaderCell width="4rem">Level</TableHeaderCell>
                <TableHeaderCell>Event</TableHeaderCell>
                <TableHeaderCell>Program / include</TableHeaderCell>
                <TableHeaderCell width="5rem" horizontalAlign="End">
                  Line
                </TableHeaderCell>
              </TableHeaderRow>
            }
          >
            {dump.call_stack.map((f, i) => (
              <TableRow key={i} rowKey={String(i)}>
                <TableCell>
                  <Text>{String(f.level)}</Text>
                </TableCell>
                <TableCell>
                  <Text>{[f.class, f.method].filter(Boolean).join('=>') || '—'}</Text>
                </TableCell>
                <TableCell>
                  <Link onClick={() => openInclude(f.include || f.program, f.line, f.class ? f.method : undefined)} accessibleName={`Open ${f.include || f.program}`}>
                    {f.include || f.program}
                  </Link>
                </TableCell>
                <TableCell horizontalAlign="End">
                  <Text>{f.line ? String(f.line) : ''}</Text>
                </TableCell>
              </TableRow>
            ))}
          </Table>
        </div>
      ) : null}
    </section>
  );
}

function methodOfTop(stack: readonly CallStackEntry[]): string | undefined {
  const top = [...stack].sort((a, b) => b.level - a.level)[0];
  return top?.class ? top.method : undefined;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <span>
      <Label showColon>{label}</Label> <Text>{value}</Text>
    </span>
  );
}
