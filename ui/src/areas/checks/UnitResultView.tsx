import { Button, Label, MessageStrip, ProgressIndicator, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AppError, UnitResult } from '../../api';
import { CopyButton, ErrorPanel, saveTextAs, SeverityIcon } from '../../components';
import { unitResultToJUnit } from './junit';

export interface UnitResultViewProps {
  result: UnitResult;
  systemName: string;
  at: string;
}

export function unitResultAsText(result: UnitResult, systemName: string): string {
  const lines = [
    `ABAP Unit on ${systemName}: ${result.message}`,
    `Tests: ${result.test_count}, passed: ${result.passed_count}, failed: ${result.failed_count}`,
  ];
  if (result.coverage) lines.push(`Coverage: ${result.coverage.rate ?? 0}% (${result.coverage.covered_lines} of ${result.coverage.total_lines} lines)`);
  for (const e of result.failures) lines.push(`  [${e.kind}] ${e.class_name}->${e.method_name}: ${e.text}`);
  return lines.join('\n');
}

/** ABAP Unit totals, failed methods with their messages, and coverage when measured. */
export function UnitResultView({ result, systemName, at }: UnitResultViewProps) {
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const exportJUnit = async () => {
    setSaveError(null);
    const xml = unitResultToJUnit(result, { name: `ABAP Unit on ${systemName}`, timestamp: at });
    const outcome = await saveTextAs('abap-unit.xml', xml, { name: 'JUnit XML', extensions: ['xml'] });
    if (!outcome) return;
    if ('error' in outcome) setSaveError(outcome.error);
    else setSaved(`Saved to ${outcome.path}`);
  };
  return (
    <section className="ad-card" aria-label="Unit test result" data-testid="unit-result">
      <div className="ad-page-header">
        <Title level="H3">Unit tests</Title>
        <CopyButton text={() => unitResultAsText(result, systemName)} label="Copy as text" />
        <Button icon="download" design="Transparent" onClick={exportJUnit} data-testid="unit-export-junit">
          Export JUnit XML
        </Button>
      </div>
      <MessageStrip design={result.success ? 'Positive' : 'Negative'} hideCloseButton data-testid="unit-summary">
        {result.message}
      </MessageStrip>
      {saved && <MessageStrip design="Positive" onClose={() => setSaved(null)}>{saved}</MessageStrip>}
      {saveError && <ErrorPanel error={saveError} onDismiss={() => setSaveError(null)} />}
      <div className="ad-kpis">
        <div className="ad-kpi"><Label>Tests</Label><span className="ad-kpi-value" data-testid="unit-total">{result.test_count}</span></div>
        <div className="ad-kpi"><Label>Passed</Label><span className="ad-kpi-value" style={{ color: 'var(--sapPositiveTextColor)' }} data-testid="unit-passed">{result.passed_count}</span></div>
        <div className="ad-kpi"><Label>Failed</Label><span className="ad-kpi-value" style={{ color: result.failed_count ? 'var(--sapNegativeTextColor)' : undefined }} data-testid="unit-failed">{result.failed_count}</span></div>
        {result.coverage && (
          <div className="ad-kpi" style={{ minWidth: '14rem' }}>
            <Label>{`Coverage (${result.coverage.covered_lines} of ${result.coverage.total_lines} lines)`}</Label>
            <ProgressIndicator value={Math.round(result.coverage.rate ?? 0)} displayValue={`${result.coverage.rate ?? 0}%`} accessibleName="Statement coverage" />
          </div>
        )}
      </div>
      {result.failures.length > 0 && (
        <Table
          accessibleName="Failed test methods"
          overflowMode="Popin"
          data-testid="unit-failures"
          headerRow={
            <TableHeaderRow>
              <TableHeaderCell width="12rem">Test class</TableHeaderCell>
              <TableHeaderCell width="12rem">Method</TableHeaderCell>
              <TableHeaderCell width="8rem">Kind</TableHeaderCell>
              <TableHeaderCell>Message</TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {result.failures.map((e, i) => (
            <TableRow key={i} rowKey={String(i)}>
              <TableCell><Text>{e.class_name}</Text></TableCell>
              <TableCell><Text>{e.method_name}</Text></TableCell>
              <TableCell>
                <span style={{ display: 'inline-flex', gap: '0.375rem', alignItems: 'center' }}>
                  <SeverityIcon severity={e.kind.toUpperCase() === 'ERROR' ? 'error' : 'warning'} />
                  <Text>{e.kind}</Text>
                </span>
              </TableCell>
              <TableCell><Text style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Text></TableCell>
            </TableRow>
          ))}
        </Table>
      )}
    </section>
  );
}
