import { Button, Link, MessageStrip, ObjectStatus, Tab, TabContainer, Text, Title } from '@ui5/webcomponents-react';
import '@ui5/webcomponents-icons/dist/download.js';
import '@ui5/webcomponents-icons/dist/show.js';
import '@ui5/webcomponents-icons/dist/decline.js';
import { useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import type { MessageAttachment, MessageDetail, MessageStoreEntry, PayloadContent } from '../../bindings';
import { CopyButton, ErrorPanel, FullScreenButton, saveWithCommand, SourceView, type FullScreen } from '../../components';
import { formatDateTime } from '../../components/dateTime';
import { monitor } from './api';
import { flowName, formatBytes, formatDuration, payloadFileName, statusLabel, statusState } from './format';

export type DetailState = { state: 'reading' } | { state: 'read'; detail: MessageDetail } | { state: 'failed'; error: AppError };

interface Props {
  profileId: ProfileId;
  guid: string;
  entry: DetailState;
  onRetry: () => void;
  onClose: () => void;
  fullScreen: FullScreen;
}

/** One message: its facts, error text, attachments, custom header properties, runs and steps, and message store entries. */
export function MessageDetailView({ profileId, guid, entry, onRetry, onClose, fullScreen }: Props) {
  return (
    <section className="ad-card mm-detail" aria-label="Message" data-testid="mm-detail" data-guid={guid}>
      <div className="ad-card-head mm-detail-head">
        <Title level="H3" className="mm-detail-title">
          {entry.state === 'read' ? flowName(entry.detail.log) || 'Message' : 'Message'}
        </Title>
        <FullScreenButton fullScreen={fullScreen} what="message" testId="mm-detail-full-screen" />
        <Button icon="decline" design="Transparent" tooltip="Close" accessibleName="Close the message" onClick={onClose} data-testid="mm-detail-close" />
      </div>
      {entry.state === 'reading' && (
        <Text className="ad-muted" data-testid="mm-detail-reading">
          Reading the message…
        </Text>
      )}
      {entry.state === 'failed' && <ErrorPanel error={entry.error} onRetry={onRetry} data-testid="mm-detail-error-panel" />}
      {entry.state === 'read' && <DetailBody profileId={profileId} detail={entry.detail} />}
    </section>
  );
}

function DetailBody({ profileId, detail }: { profileId: ProfileId; detail: MessageDetail }) {
  const log = detail.log;
  const state = statusState(log.status);
  return (
    <>
      <div className="mm-detail-status">
        <ObjectStatus state={state} showDefaultIcon data-testid="mm-detail-status">
          {statusLabel(log.status)}
        </ObjectStatus>
        {log.custom_status && log.custom_status !== log.status ? <Text className="ad-muted">{log.custom_status}</Text> : null}
      </div>
      <dl className="mm-facts">
        <dt>Message ID</dt>
        <dd className="mm-mono">
          {log.message_guid} <CopyButton text={log.message_guid} accessibleName="Copy the message ID" />
        </dd>
        <dt>Integration flow</dt>
        <dd>
          {flowName(log)}
          {log.artifact?.package_name ? <span className="ad-muted"> · {log.artifact.package_name}</span> : null}
        </dd>
        <dt>Processing</dt>
        <dd>
          {formatDateTime(log.log_start, undefined, { seconds: true })} – {formatDateTime(log.log_end, undefined, { seconds: true })}
          {log.log_start && log.log_end ? <span className="ad-muted"> ({formatDuration(log.log_start, log.log_end)})</span> : null}
        </dd>
        <dt>Sender → receiver</dt>
        <dd>{[log.sender ?? '–', log.receiver ?? '–'].join(' → ')}</dd>
        {log.application_message_id ? (
          <>
            <dt>Application message ID</dt>
            <dd className="mm-mono">
              {log.application_message_id}
              {log.application_message_type ? <span className="ad-muted"> ({log.application_message_type})</span> : null}
            </dd>
          </>
        ) : null}
        {log.correlation_id ? (
          <>
            <dt>Correlation ID</dt>
            <dd className="mm-mono">{log.correlation_id}</dd>
          </>
        ) : null}
        {log.log_level ? (
          <>
            <dt>Log level</dt>
            <dd>{log.log_level}</dd>
          </>
        ) : null}
        {log.alternate_web_link ? (
          <>
            <dt>In the tenant</dt>
            <dd>
              <Link href={log.alternate_web_link} target="_blank">
                Open in the Cloud Integration monitor
              </Link>
            </dd>
          </>
        ) : null}
      </dl>
      {detail.unavailable.length > 0 && (
        <MessageStrip design="Critical" hideCloseButton data-testid="mm-detail-unavailable">
          {`Not shown: ${detail.unavailable.join('; ')}`}
        </MessageStrip>
      )}
      <TabContainer className="mm-tabs" tabLayout="Inline" data-testid="mm-detail-tabs">
        {detail.error_text ? (
          <Tab text="Error" selected data-testid="mm-tab-error">
            <ErrorText text={detail.error_text} />
          </Tab>
        ) : null}
        <Tab text="Attachments" additionalText={String(detail.attachments.length)} selected={!detail.error_text} data-testid="mm-tab-attachments">
          <Attachments profileId={profileId} attachments={detail.attachments} />
        </Tab>
        <Tab text="Custom headers" additionalText={String(detail.custom_headers.length)} data-testid="mm-tab-headers">
          {detail.custom_headers.length ? (
            <dl className="mm-facts" data-testid="mm-headers">
              {detail.custom_headers.map((h, i) => (
                <div key={`${h.name}-${i}`} className="mm-fact-row">
                  <dt>{h.name}</dt>
                  <dd className="mm-mono">{h.value}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <Text className="ad-muted">The flow set no custom header properties.</Text>
          )}
        </Tab>
        <Tab text="Runs and steps" additionalText={String(detail.runs.length)} data-testid="mm-tab-runs">
          <Runs detail={detail} />
        </Tab>
        <Tab text="Message store" additionalText={String(detail.store_entries.length)} data-testid="mm-tab-store">
          <StoreEntries profileId={profileId} entries={detail.store_entries} />
        </Tab>
      </TabContainer>
    </>
  );
}

function ErrorText({ text }: { text: string }) {
  return (
    <div className="mm-error" data-testid="mm-error">
      <div className="ad-card-head">
        <Text className="ad-muted">The error the flow ended with (ErrorInformation)</Text>
        <span className="mm-spacer" />
        <CopyButton text={text} label="Copy" accessibleName="Copy the error text" />
      </div>
      <pre className="mm-error-text" data-testid="mm-error-text">
        {text}
      </pre>
    </div>
  );
}

/** An attachment or store entry opened for viewing. */
type Viewing = { id: string; state: 'reading' } | { id: string; state: 'read'; content: PayloadContent } | { id: string; state: 'failed'; error: AppError };

/** View and save payloads: text is shown, everything can be saved to a file. */
function usePayloads(read: (id: string) => Promise<{ status: 'ok'; data: PayloadContent } | { status: 'error'; error: AppError }>, save: (id: string, file: string) => Promise<{ status: 'ok'; data: { path: string } } | { status: 'error'; error: AppError }>) {
  const [viewing, setViewing] = useState<Viewing | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<AppError | null>(null);
  const view = async (id: string) => {
    if (viewing?.id === id && viewing.state !== 'failed') return setViewing(null);
    setViewing({ id, state: 'reading' });
    const answer = await read(id);
    setViewing((current) => (current?.id !== id ? current : answer.status === 'ok' ? { id, state: 'read', content: answer.data } : { id, state: 'failed', error: answer.error }));
  };
  const saveAs = async (id: string, name: string, contentType: string | null) => {
    setSaved(null);
    setSaveError(null);
    const fileName = payloadFileName(name, contentType);
    const extension = fileName.split('.').pop() ?? 'bin';
    const outcome = await saveWithCommand(fileName, { name: contentType ?? 'File', extensions: [extension] }, async (file) => {
      const answer = await save(id, file);
      return answer.status === 'ok' ? { status: 'ok', data: answer.data.path } : answer;
    });
    if (!outcome) return;
    if ('error' in outcome) setSaveError(outcome.error);
    else setSaved(`Saved to ${outcome.path}`);
  };
  return { viewing, view, saveAs, saved, saveError, clearSaved: () => setSaved(null), clearSaveError: () => setSaveError(null) };
}

function Payload({ viewing, name }: { viewing: Viewing; name: string }) {
  if (viewing.state === 'reading') return <Text className="ad-muted">Reading…</Text>;
  if (viewing.state === 'failed') return <ErrorPanel error={viewing.error} />;
  const { content } = viewing;
  if (content.text === null) {
    return (
      <MessageStrip design="Information" hideCloseButton data-testid="mm-payload-binary">
        {`${name} is binary content (${content.content_type ?? 'unknown type'}, ${formatBytes(content.size_bytes)}): save it to open it.`}
      </MessageStrip>
    );
  }
  return (
    <div data-testid="mm-payload">
      {content.truncated && (
        <MessageStrip design="Critical" hideCloseButton>
          {`Only the beginning is shown (${formatBytes(content.size_bytes)} in all): save it to see everything.`}
        </MessageStrip>
      )}
      <SourceView source={content.text} language="plain" height="18rem" ariaLabel={`Content of ${name}`} />
    </div>
  );
}

function Attachments({ profileId, attachments }: { profileId: ProfileId; attachments: readonly MessageAttachment[] }) {
  const payloads = usePayloads(
    (id) => monitor.attachment(profileId, id),
    (id, file) => monitor.saveAttachment(profileId, id, file),
  );
  if (!attachments.length) return <Text className="ad-muted">The flow attached nothing to this message.</Text>;
  return (
    <div className="mm-payloads" data-testid="mm-attachments">
      {payloads.saved && <MessageStrip design="Positive" onClose={payloads.clearSaved} data-testid="mm-saved">{payloads.saved}</MessageStrip>}
      {payloads.saveError && <ErrorPanel error={payloads.saveError} onDismiss={payloads.clearSaveError} />}
      {attachments.map((a) => (
        <div key={a.id} className="mm-payload-item">
          <div className="mm-payload-row" data-testid={`mm-attachment-${a.name}`}>
            <div className="mm-payload-name">
              <Text className="mm-strong">{a.name}</Text>
              <Text className="ad-muted">{[a.content_type, formatBytes(a.size_bytes), formatDateTime(a.timestamp, undefined, { seconds: true })].filter(Boolean).join(' · ')}</Text>
            </div>
            {a.is_text && (
              <Button icon="show" design="Transparent" onClick={() => void payloads.view(a.id)} data-testid={`mm-attachment-view-${a.name}`}>
                {payloads.viewing?.id === a.id ? 'Hide' : 'View'}
              </Button>
            )}
            <Button icon="download" design="Transparent" onClick={() => void payloads.saveAs(a.id, a.name, a.content_type)} data-testid={`mm-attachment-save-${a.name}`}>
              Save
            </Button>
          </div>
          {payloads.viewing?.id === a.id && <Payload viewing={payloads.viewing} name={a.name} />}
        </div>
      ))}
    </div>
  );
}

function StoreEntries({ profileId, entries }: { profileId: ProfileId; entries: readonly MessageStoreEntry[] }) {
  const payloads = usePayloads(
    (id) => monitor.storeEntry(profileId, id),
    (id, file) => monitor.saveStoreEntry(profileId, id, file),
  );
  if (!entries.length) return <Text className="ad-muted">No Persist step stored this message.</Text>;
  return (
    <div className="mm-payloads" data-testid="mm-store-entries">
      {payloads.saved && <MessageStrip design="Positive" onClose={payloads.clearSaved}>{payloads.saved}</MessageStrip>}
      {payloads.saveError && <ErrorPanel error={payloads.saveError} onDismiss={payloads.clearSaveError} />}
      {entries.map((e) => {
        const name = e.message_store_id ?? e.id;
        return (
          <div key={e.id} className="mm-payload-item">
            <div className="mm-payload-row" data-testid={`mm-store-${e.id}`}>
              <div className="mm-payload-name">
                <Text className="mm-strong">{name}</Text>
                <Text className="ad-muted">{[formatDateTime(e.timestamp, undefined, { seconds: true }), e.has_attachments ? 'with attachments' : ''].filter(Boolean).join(' · ')}</Text>
              </div>
              <Button icon="show" design="Transparent" onClick={() => void payloads.view(e.id)}>
                {payloads.viewing?.id === e.id ? 'Hide' : 'View'}
              </Button>
              <Button icon="download" design="Transparent" onClick={() => void payloads.saveAs(e.id, name, null)}>
                Save
              </Button>
            </div>
            {payloads.viewing?.id === e.id && <Payload viewing={payloads.viewing} name={name} />}
          </div>
        );
      })}
    </div>
  );
}

function Runs({ detail }: { detail: MessageDetail }) {
  if (!detail.runs.length) return <Text className="ad-muted">The tenant kept no runs for this message (log level None or the runs expired).</Text>;
  return (
    <div className="mm-runs" data-testid="mm-runs">
      {detail.runs.map((run) => (
        <div key={run.id} className="mm-run">
          <Text className="mm-strong">
            {`Run ${formatDateTime(run.run_start, undefined, { seconds: true })}${run.overall_state ? ` · ${run.overall_state}` : ''}${run.log_level ? ` · log level ${run.log_level}` : ''}`}
          </Text>
          <ol className="mm-steps">
            {run.steps.map((step, i) => (
              <li key={`${step.step_id ?? i}`} className={step.error ? 'mm-step mm-step-failed' : 'mm-step'}>
                <span className="mm-step-activity">{step.activity ?? step.model_step_id ?? step.step_id}</span>
                <span className="ad-muted">{[step.status, formatDuration(step.step_start, step.step_stop)].filter(Boolean).join(' · ')}</span>
                {step.error ? <span className="mm-step-error">{step.error}</span> : null}
              </li>
            ))}
          </ol>
        </div>
      ))}
    </div>
  );
}
