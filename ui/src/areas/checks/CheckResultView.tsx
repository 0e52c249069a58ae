import { Button, MessageStrip, Panel, Text, Title } from '@ui5/webcomponents-react';
import { useMemo, useState } from 'react';
import { junit, type AppError, type SyntaxObject } from '../../api';
import { checkedObjects, type CheckFinding, type CheckReport } from './model';
import { CopyButton, ErrorPanel, saveWithCommand, SeverityIcon, SourceView, plural } from '../../components';
import { checkResultAsText, groupMessages, INCLUDE_LABEL, includeKey, includeSource } from './sources';

export interface CheckResultViewProps {
  title: string;
  result: CheckReport;
  /** The objects as sent, to show the source around a message. */
  objects: readonly SyntaxObject[];
  systemName: string;
  at: string;
}

interface Selection {
  objectKey: string;
  message: CheckFinding;
}

const severityOf = (m: CheckFinding) => (m.severity === 'info' ? 'information' : m.severity);

/** The last part of a local path (either separator). */
const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

/** "Line 12, column 5", or "zcl_a.clas.abap, line 12" for a local file. */
function whereOf(m: CheckFinding): string {
  const line = m.line ? `line ${m.line}${m.column ? `, column ${m.column}` : ''}` : 'no line';
  return m.file ? `${fileName(m.file)}, ${line}` : line.charAt(0).toUpperCase() + line.slice(1);
}

/** Errors and warnings grouped by object and include; a message opens its line in the source. */
export function CheckResultView({ title, result, objects, systemName, at }: CheckResultViewProps) {
  const groups = useMemo(() => groupMessages(result), [result]);
  const [selected, setSelected] = useState<Selection | null>(() => {
    const first = groups.find((g) => g.errors > 0);
    const message = first?.includes.flatMap((i) => i.messages)[0];
    return first && message ? { objectKey: `${first.object.object_type} ${first.object.object_name}`, message } : null;
  });
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const totalErrors = groups.reduce((n, g) => n + g.errors, 0);
  const totalWarnings = groups.reduce((n, g) => n + g.warnings, 0);
  const runTitle = `${title} on ${systemName}`;

  const exportJUnit = async () => {
    setSaveError(null);
    const outcome = await saveWithCommand('check-results.xml', { name: 'JUnit XML', extensions: ['xml'] }, (file) =>
      junit.saveChecks(file, { name: runTitle, timestamp: at }, checkedObjects(result)),
    );
    if (!outcome) return;
    if ('error' in outcome) setSaveError(outcome.error);
    else setSaved(`Saved to ${outcome.path}`);
  };

  return (
    <section className="ad-card" aria-label={`${title} result`} data-testid="check-result">
      <div className="ad-page-header">
        <Title level="H3">{title}</Title>
        <CopyButton text={() => checkResultAsText(result, runTitle)} label="Copy as text" data-testid="check-copy" />
        <Button icon="download" design="Transparent" onClick={exportJUnit} data-testid="check-export-junit">
          Export JUnit XML
        </Button>
      </div>
      <MessageStrip design={totalErrors ? 'Negative' : totalWarnings ? 'Critical' : 'Positive'} hideCloseButton data-testid="check-summary">
        {`${result.message || (totalErrors ? 'Errors found' : 'No errors')} · ${plural(totalErrors, 'error')}, ${plural(totalWarnings, 'warning')}`}
      </MessageStrip>
      {saved && <MessageStrip design="Positive" onClose={() => setSaved(null)}>{saved}</MessageStrip>}
      {saveError && <ErrorPanel error={saveError} onDismiss={() => setSaveError(null)} />}
      {groups.map((group) => {
        const objectKey = `${group.object.object_type} ${group.object.object_name}`;
        const object = objects.find((o) => `${o.object_type} ${o.object_name}` === objectKey);
        return (
          <Panel
            key={objectKey}
            headerText={`${objectKey}: ${group.object.success && !group.errors ? 'OK' : plural(group.errors, 'error')}${group.warnings ? `, ${plural(group.warnings, 'warning')}` : ''}`}
            data-testid="check-object"
          >
            {group.includes.length === 0 && <Text>No findings.</Text>}
            {group.includes.map((inc) => {
              const includeText = includeSource(object, inc.include);
              const chosen = selected && selected.objectKey === objectKey && includeKey(selected.message.include) === inc.include ? selected.message : null;
              return (
                <div key={inc.include}>
                  <Title level="H5" className="ad-include-title">{INCLUDE_LABEL[inc.include]}</Title>
                  <ul className="ad-messages" aria-label={`${objectKey} ${INCLUDE_LABEL[inc.include]} messages`}>
                    {inc.messages.map((m, i) => (
                      <li key={i}>
                        <button
                          type="button"
                          className="ad-message"
                          aria-pressed={chosen === m}
                          onClick={() => setSelected({ objectKey, message: m })}
                          data-testid="check-message"
                        >
                          <SeverityIcon severity={severityOf(m)} />
                          <span className="ad-message-where">
                            {whereOf(m)}
                          </span>
                          <span>{m.text}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                  {chosen && includeText !== null && (
                    <SourceView
                      source={includeText}
                      highlightLine={chosen.line}
                      markers={inc.messages.filter((m) => m.line).map((m) => ({ line: m.line!, severity: m.severity, message: m.text }))}
                      height="16rem"
                      ariaLabel={`${objectKey} ${INCLUDE_LABEL[inc.include]} source`}
                    />
                  )}
                </div>
              );
            })}
          </Panel>
        );
      })}
    </section>
  );
}
