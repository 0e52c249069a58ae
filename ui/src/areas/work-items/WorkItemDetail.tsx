import { Button, Icon, Label, List, ListItemCustom, MessageStrip, Option, Select, Tag, Text, TextArea, Title } from '@ui5/webcomponents-react';
import { useState } from 'react';
import type { AppError, ProfileId } from '../../api';
import type { Attachment, WorkItem, WorkItemCatalogue, WorkItemText } from '../../bindings';
import { Busy, chooseOpenFiles, chooseSaveFile, ConfirmDialog, CopyButton, ErrorPanel, FullScreenButton, plural, type FullScreen } from '../../components';
import { usePersistentState } from '../explore/persistentState';
import { workItems } from './api';
import { fileSize, releaseLabel } from './format';
import { formatDate, formatDateTime } from '../../components/dateTime';
import { offeredStatuses, statusLabel } from './statuses';
import { StatusSelect } from './StatusSelect';
import { statusDesign } from './view';

type Running = null | 'status' | 'text' | 'upload' | 'save' | 'reload';

interface Props {
  profileId: ProfileId;
  item: WorkItem;
  catalogue: WorkItemCatalogue | null;
  /** The item after a change (status, texts, attachments), for the worklist row. */
  onChanged: (item: WorkItem) => void;
  onReload: () => Promise<void>;
  /** The page's full-screen state for the detail's column. */
  fullScreen: FullScreen;
}

/** One work item: its data, release, categories, texts and attachments; comment, attach, change status. */
export function WorkItemDetail({ profileId, item, catalogue, onChanged, onReload, fullScreen }: Props) {
  const guid = item.guid;
  const [running, setRunning] = useState<Running>(null);
  const [target, setTarget] = useState<string>('');
  const [confirmStatus, setConfirmStatus] = useState(false);
  const [statusError, setStatusError] = useState<AppError | null>(null);
  const [statusDone, setStatusDone] = useState<string | null>(null);
  // The comment being written survives leaving the area and errors.
  const [comment, setComment] = usePersistentState(`work-items.comment.${guid}`, '');
  const [textType, setTextType] = useState<string>(catalogue?.default_text_type ?? 'S105');
  const [textError, setTextError] = useState<AppError | null>(null);
  const [fileError, setFileError] = useState<AppError | null>(null);
  const [fileNote, setFileNote] = useState<string | null>(null);

  const targets = catalogue ? offeredStatuses(catalogue.statuses, [item]) : [];
  // Nothing is chosen until the user chooses: no status is a safe default.
  const chosen = targets.find((s) => s.code === target);
  const label = item.object_id ?? guid;
  const texts = item.texts ?? [];
  const attachments = item.attachments ?? [];
  const categories = item.categories ?? [];
  const release = item.actual_release;

  const changeStatus = async () => {
    if (!chosen) return;
    setConfirmStatus(false);
    setRunning('status');
    setStatusError(null);
    setStatusDone(null);
    const answer = await workItems.changeStatus(profileId, guid, chosen.code);
    setRunning(null);
    if (answer.status === 'error') return setStatusError(answer.error);
    setStatusDone(answer.data.already_there ? `${label} is already ${answer.data.status.label}: nothing changed.` : `${label} is now ${answer.data.status.label}.`);
    onChanged({ ...item, status: answer.data.status });
    setTarget('');
  };

  const addText = async () => {
    if (!comment.trim()) return;
    setRunning('text');
    setTextError(null);
    const answer = await workItems.addText(profileId, guid, { text_type: textType, content: comment, is_rich_text: false });
    setRunning(null);
    if (answer.status === 'error') return setTextError(answer.error);
    setComment('');
    onChanged({ ...item, texts: [...texts, answer.data] });
  };

  const upload = async () => {
    setFileError(null);
    setFileNote(null);
    const picked = await chooseOpenFiles(`Attach a file to ${label}`);
    if ('error' in picked) return setFileError(picked.error);
    const [file] = picked.files;
    if (!file) return;
    setRunning('upload');
    const answer = await workItems.attachFile(profileId, guid, file.handle);
    setRunning(null);
    if (answer.status === 'error') return setFileError(answer.error);
    setFileNote(`Attached ${answer.data.file_name}.`);
    onChanged({ ...item, attachments: [...attachments, answer.data] });
  };

  const saveAttachment = async (attachment: Attachment) => {
    setFileError(null);
    setFileNote(null);
    const chosen = await chooseSaveFile(`Save ${attachment.file_name}`, attachment.file_name, null);
    if (chosen === null) return;
    if ('error' in chosen) return setFileError(chosen.error);
    setRunning('save');
    const answer = await workItems.saveAttachment(profileId, guid, attachment.document_id, chosen.file.handle);
    setRunning(null);
    if (answer.status === 'error') return setFileError(answer.error);
    setFileNote(`Saved ${plural(answer.data.bytes, 'byte')} to ${answer.data.path}.`);
  };

  const reload = async () => {
    setRunning('reload');
    await onReload();
    setRunning(null);
  };

  return (
    <section className="ad-card wi-detail-card" aria-label={`Work item ${label}`} data-testid="wi-detail">
      <div className="wi-card-head">
        <div className="wi-title-cell">
          <Title level="H3" data-testid="wi-detail-title">
            {label}
          </Title>
          <Text>{item.description}</Text>
        </div>
        <span className="wi-spacer" />
        <Tag design={statusDesign(item.status.kind)} data-testid="wi-detail-status">
          {item.status.label}
        </Tag>
        <Button icon="refresh" design="Transparent" tooltip="Read the work item again" accessibleName="Read again" onClick={() => void reload()} disabled={running !== null} />
        <CopyButton text={guid} label="Copy GUID" />
        <FullScreenButton fullScreen={fullScreen} what={`work item ${label}`} testId="wi-full-screen" />
      </div>

      <dl className="wi-facts">
        <Fact label="Process type" value={[item.process_type, item.process_type_text].filter(Boolean).join(' ')} />
        <Fact label="Priority" value={item.priority_text ?? item.priority ?? ''} />
        <Fact label="Release" value={releaseLabel(release)} />
        <Fact label="Phase" value={release?.phase ?? ''} />
        <Fact label="Change cycle" value={release?.change_cycle_id ?? ''} />
        <Fact label="Go-live" value={formatDate(release?.go_live_date)} />
        <Fact label="Work package" value={item.work_package_id ?? ''} />
        <Fact label="Project" value={item.project_id ?? ''} />
        <Fact label="Created" value={[formatDateTime(item.created_at), item.created_by].filter(Boolean).join(' · ')} />
        <Fact label="Last change" value={[formatDateTime(item.changed_at), item.changed_by].filter(Boolean).join(' · ')} />
        <Fact label="GUID" value={guid} />
      </dl>

      {categories.length ? (
        <div className="ad-actions" aria-label="Categories">
          {categories.map((c) => (
            <Tag key={c.category_id} design="Set2" colorScheme="8" hideStateIcon title={c.schema_id ?? undefined}>
              {c.description ?? c.category_id}
            </Tag>
          ))}
        </div>
      ) : null}

      <div className="wi-section">
        <Title level="H5">Change status</Title>
        <Busy active={running === 'status'} text="Changing the status…">
          <div className="ad-actions">
            <StatusSelect offered={targets} value={target} onChange={setTarget} itemCount={1} testId="wi-status-select" optionTestId="wi-status-" />
            <Button design="Emphasized" onClick={() => setConfirmStatus(true)} disabled={!chosen || running !== null} data-testid="wi-status-change">
              Change status…
            </Button>
          </div>
        </Busy>
        <Text className="ad-muted">The usual next steps come first. The system decides which changes are allowed; a refusal comes with its reason.</Text>
        {statusError ? <ErrorPanel error={statusError} onDismiss={() => setStatusError(null)} /> : null}
        {statusDone ? (
          <MessageStrip design="Positive" onClose={() => setStatusDone(null)} data-testid="wi-status-done">
            {statusDone}
          </MessageStrip>
        ) : null}
      </div>

      <div className="wi-section">
        <Title level="H5">{item.texts ? `Texts (${texts.length})` : 'Texts'}</Title>
        <TextList texts={texts} />
        <div className="wi-comment">
          <div className="ad-field">
            <Label for="wi-text-type" showColon>
              Text type
            </Label>
            <Select id="wi-text-type" accessibleName="Text type" onChange={(e) => setTextType(e.detail.selectedOption.dataset.code ?? textType)} data-testid="wi-text-type">
              {(catalogue?.text_types ?? [{ code: 'S105', name: 'Comment' }]).map((t) => (
                <Option key={t.code} data-code={t.code} selected={t.code === textType}>
                  {`${t.name} (${t.code})`}
                </Option>
              ))}
            </Select>
          </div>
          <div className="ad-field wi-comment-text">
            <Label for="wi-comment" showColon>
              Text
            </Label>
            <TextArea id="wi-comment" value={comment} rows={4} onInput={(e) => setComment(e.target.value)} placeholder="Write a comment" data-testid="wi-comment" />
          </div>
        </div>
        <div className="ad-actions">
          <Button icon="comment" onClick={() => void addText()} disabled={!comment.trim() || running !== null} data-testid="wi-comment-add">
            Add text
          </Button>
          {running === 'text' ? <Text className="ad-muted">Adding…</Text> : null}
        </div>
        {textError ? <ErrorPanel error={textError} onRetry={() => void addText()} onDismiss={() => setTextError(null)} /> : null}
      </div>

      <div className="wi-section">
        <div className="wi-card-head">
          <Title level="H5">{item.attachments ? `Attachments (${attachments.length})` : 'Attachments'}</Title>
          <span className="wi-spacer" />
          <Button icon="attachment" onClick={() => void upload()} disabled={running !== null} data-testid="wi-attach">
            Attach file…
          </Button>
        </div>
        <Busy active={running === 'upload' || running === 'save'} text={running === 'upload' ? 'Uploading…' : 'Downloading…'}>
          <List accessibleName="Attachments" noDataText="No attachments." data-testid="wi-attachments">
            {attachments.map((a) => (
              <ListItemCustom key={a.document_id} accessibleName={a.file_name} data-testid={`wi-attachment-${a.file_name}`}>
                <div className="wi-attachment">
                  <Icon name="document" accessibleName="" />
                  <div className="wi-title-cell">
                    <Text>{a.file_name}</Text>
                    <Text className="ad-muted">{[a.mime_type, fileSize(a.file_size), a.created_by, formatDateTime(a.created_at)].filter(Boolean).join(' · ')}</Text>
                  </div>
                  <span className="wi-spacer" />
                  <Button icon="download" design="Transparent" onClick={() => void saveAttachment(a)} disabled={running !== null} data-testid={`wi-save-${a.file_name}`}>
                    Save…
                  </Button>
                </div>
              </ListItemCustom>
            ))}
          </List>
        </Busy>
        {fileNote ? (
          <MessageStrip design="Positive" onClose={() => setFileNote(null)} data-testid="wi-file-note">
            {fileNote}
          </MessageStrip>
        ) : null}
        {fileError ? <ErrorPanel error={fileError} onDismiss={() => setFileError(null)} /> : null}
      </div>

      <ConfirmDialog
        open={confirmStatus}
        title={`Change the status of ${label}?`}
        message={`${label} “${item.description}” goes from ${item.status.label} to ${chosen ? statusLabel(catalogue?.statuses ?? null, item.process_type, chosen.code) : ''}.`}
        confirmText="Change status"
        destructive={false}
        onConfirm={() => void changeStatus()}
        onCancel={() => setConfirmStatus(false)}
      />
    </section>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  if (!value) return null;
  return (
    <>
      <dt className="ad-muted">{label}</dt>
      <dd>{value}</dd>
    </>
  );
}

function TextList({ texts }: { texts: WorkItemText[] }) {
  if (!texts.length) return <Text className="ad-muted">No texts yet.</Text>;
  return (
    <ol className="wi-texts" data-testid="wi-texts">
      {texts.map((t, i) => (
        <li key={i} className="wi-text">
          <div className="wi-text-head">
            <Tag design="Neutral" hideStateIcon title={t.text_type}>
              {t.text_type_name ?? t.text_type}
            </Tag>
            <Text className="ad-muted">{[t.created_by, formatDateTime(t.created_at)].filter(Boolean).join(' · ')}</Text>
          </div>
          {/* Rich texts are shown as their plain text: the app never renders the system's HTML. */}
          <Text className="wi-text-body">{t.is_rich_text ? t.content.replace(/<[^>]*>/g, ' ') : t.content}</Text>
        </li>
      ))}
    </ol>
  );
}
