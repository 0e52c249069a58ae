import { Label, MessageStrip, Panel, Tag, Text, Title } from '@ui5/webcomponents-react';
import type { PullResult } from '../../api';
import { CopyButton, LogTable, plural } from '../../components';
import { PullConflictsView } from './PullConflictsView';
import { pullResultAsText } from './pullText';

export interface PullResultViewProps {
  result: PullResult;
  context: { url: string; branch: string; system: string };
  /** The used request's description when the user picked it in the value help. */
  transportDescription?: string | null;
  /** Pull again with the handler's override (the caller asks first). */
  onOverwrite: () => void;
  onKeepSapChanges: () => void;
  busy?: boolean;
}

/** A pull's outcome as people read it in SAP: counts, transport, failed and activated objects, log. */
export function PullResultView({ result, context, transportDescription, onOverwrite, onKeepSapChanges, busy }: PullResultViewProps) {
  const conflicted = result.conflict_count > 0 || result.conflicts.length > 0;
  return (
    <section className="ad-card" aria-label="Pull result" data-testid="pull-result">
      <div className="ad-page-header">
        <Title level="H3">Result</Title>
        <CopyButton text={() => pullResultAsText(result, context)} label="Copy log" accessibleName="Copy the pull log as text" data-testid="pull-copy" />
      </div>
      <MessageStrip design={result.success ? 'Positive' : conflicted ? 'Critical' : 'Negative'} hideCloseButton data-testid="pull-message">
        {result.message}
      </MessageStrip>
      <div className="ad-kpis">
        <div className="ad-kpi">
          <Label>Activated</Label>
          <span className="ad-kpi-value" data-testid="pull-activated-count">{result.activated_count}</span>
        </div>
        <div className="ad-kpi">
          <Label>Failed</Label>
          <span className="ad-kpi-value" data-testid="pull-failed-count" style={{ color: result.failed_count ? 'var(--sapNegativeTextColor)' : undefined }}>
            {result.failed_count}
          </span>
        </div>
        {result.conflict_count > 0 && (
          <div className="ad-kpi">
            <Label>Conflicts</Label>
            <span className="ad-kpi-value">{result.conflict_count}</span>
          </div>
        )}
        <div className="ad-kpi">
          <Label>Transport request</Label>
          {result.transport_request ? (
            <span className="rp-transport">
              <Tag design="Information" data-testid="pull-transport-used">
                {result.transport_request}
              </Tag>
              {transportDescription ? <Text className="ad-muted">{transportDescription}</Text> : null}
            </span>
          ) : (
            <Text>None</Text>
          )}
        </div>
      </div>
      {result.failed_objects.length > 0 && (
        <>
          <Title level="H4">Failed objects ({result.failed_objects.length})</Title>
          <LogTable messages={result.failed_objects} label="Failed objects" showException data-testid="pull-failed-objects" />
        </>
      )}
      {conflicted && <PullConflictsView result={result} onOverwrite={onOverwrite} onKeepSapChanges={onKeepSapChanges} busy={busy} />}
      {result.error_detail.trim() && (
        <Panel headerText="Error details" collapsed={result.failed_objects.length > 0}>
          <pre className="ad-pre" data-testid="pull-error-detail">{result.error_detail}</pre>
        </Panel>
      )}
      {!conflicted && (
        <Panel headerText={`Activated objects (${plural(result.activated_objects.length, 'object')})`} collapsed={result.activated_objects.length > 20}>
          <LogTable messages={result.activated_objects} label="Activated objects" noDataText="No objects were activated" data-testid="pull-activated-objects" />
        </Panel>
      )}
      {result.log_messages.length > 0 && (
        <Panel headerText={`Log (${plural(result.log_messages.length, 'message')})`} collapsed>
          <LogTable messages={result.log_messages} label="Pull log" />
        </Panel>
      )}
    </section>
  );
}
