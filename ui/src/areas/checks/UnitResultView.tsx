import { Button, Label, MessageStrip, ProgressIndicator, Table, TableCell, TableHeaderCell, TableHeaderRow, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import { junit, type AppError, type UnitResult } from '../../api';
import { useNavigation } from '../../app/navigation';
import { CopyButton, ErrorPanel, saveWithCommand, SeverityIcon } from '../../components';
import { failureLine, unitResultAsText } from './unitText';

export interface UnitResultViewProps {
  result: UnitResult;
  systemName: string;
  at: string;
  /** The classes whose tests ran (from the files sent). */
  classesUnderTest: string[];
  /** Whether the run asked to measure coverage. */
  coverageRequested: boolean;
}

/**
 * ABAP Unit totals, failed methods with their messages and lines (a failure opens its test
 * method in Explore), and coverage when it was asked for.
 */
export function UnitResultView({ result, systemName, at, classesUnderTest, coverageRequested }: UnitResultViewProps) {
  const { navigate } = useNavigation();
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const exportJUnit = async () => {
    setSaveError(null);
    const outcome = await saveWithCommand('abap-unit.xml', { name: 'JUnit XML', extensions: ['xml'] }, (file) =>
      junit.saveUnit(file, { name: `ABAP Unit on ${systemName}`, timestamp: at }, result, classesUnderTest),
    );
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
      {saved && <MessageStrip design="Positive" onClose={() => setSaved(null)} data-testid="unit-saved">{saved}</MessageStrip>}
      {saveError && <ErrorPanel error={saveError} onDismiss={() => setSaveError(null)} />}
      <div className="ad-kpis">
        <div className="ad-kpi"><Label>Tests</Label><span className="ad-kpi-value" data-testid="unit-total">{result.test_count}</span></div>
        <div className="ad-kpi"><Label>Passed</Label><span className="ad-kpi-value" style={{ color: 'var(--sapPositiveTextColor)' }} data-testid="unit-passed">{result.passed_count}</span></div>
        <div className="ad-kpi"><Label>Failed</Label><span className="ad-kpi-value" style={{ color: result.failed_count ? 'var(--sapNegativeTextColor)' : undefined }} data-testid="unit-failed">{result.failed_count}</span></div>
        {coverageRequested && result.coverage && result.coverage.total_lines > 0 && (
          <div className="ad-kpi" style={{ minWidth: '14rem' }} data-testid="unit-coverage">
            <Label>{`Coverage (${result.coverage.covered_lines} of ${result.coverage.total_lines} lines)`}</Label>
            <ProgressIndicator value={Math.round(result.coverage.rate ?? 0)} displayValue={`${result.coverage.rate ?? 0}%`} accessibleName="Statement coverage" />
          </div>
        )}
        {coverageRequested && !(result.coverage && result.coverage.total_lines > 0) && (
          <div className="ad-kpi" data-testid="unit-coverage">
            <Label>Coverage</Label>
            <Text className="ad-muted">The system measured no coverage for this run</Text>
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
              <TableHeaderCell width="12rem">Class under test</TableHeaderCell>
              <TableHeaderCell width="12rem">Method</TableHeaderCell>
              <TableHeaderCell width="8rem">Kind</TableHeaderCell>
              <TableHeaderCell>Message</TableHeaderCell>
              <TableHeaderCell width="16rem">Where</TableHeaderCell>
            </TableHeaderRow>
          }
        >
          {result.failures.map((e, i) => (
            <TableRow key={i} rowKey={String(i)} data-testid="unit-failure">
              <TableCell><Text>{e.class_name}</Text></TableCell>
              <TableCell><Text>{e.method_name}</Text></TableCell>
              <TableCell>
                <span style={{ display: 'inline-flex', gap: '0.375rem', alignItems: 'center' }}>
                  <SeverityIcon severity={e.kind.toUpperCase() === 'ERROR' ? 'error' : 'warning'} />
                  <Text>{e.kind}</Text>
                </span>
              </TableCell>
              <TableCell><Text style={{ whiteSpace: 'pre-wrap' }}>{e.text}</Text></TableCell>
              <TableCell>
                <span className="ad-unit-where">
                  <Text data-testid="unit-failure-line">{failureLine(e) ?? 'No line (the system reports none)'}</Text>
                  <Button
                    icon="source-code"
                    design="Transparent"
                    tooltip={`Open ${e.method_name} of ${e.class_name} in Explore`}
                    onClick={() => navigate('explore', { object: e.class_name, type: 'CLAS', method: e.method_name })}
                    data-testid="unit-open-source"
                  >
                    Open source
                  </Button>
                </span>
              </TableCell>
            </TableRow>
          ))}
        </Table>
      )}
    </section>
  );
}
