import { Button, MessageStrip, TableCell, TableRow, Text, Title } from '@ui5/webcomponents-react';
import { useCallback, useEffect, useState } from 'react';
import type { AppError, LogFile } from '../../api';
import { Busy, ErrorPanel, formatDateTime, plural } from '../../components';
import { cpi } from './api';
import { saveDownload } from './download';
import { formatBytes } from './model';
import { TenantPage, type Tenant } from './TenantPage';
import { TenantTable } from './TenantTable';

/** The tenant's log files (HTTP access and trace logs, where the tenant offers them): list and download. */
export default function LogFilesPage() {
  return (
    <TenantPage area="cpi-logs" title="Log files" subtitle="HTTP access and trace logs">
      {(tenant) => <LogFiles tenant={tenant} />}
    </TenantPage>
  );
}

function LogFiles({ tenant }: { tenant: Tenant }) {
  const { profileId } = tenant;
  const [files, setFiles] = useState<LogFile[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState<string | null>(null);

  const load = useCallback(async () => {
    setBusy(true);
    setError(null);
    const answer = await cpi.logFiles(profileId);
    setBusy(false);
    if (answer.status === 'error') return setError(answer.error);
    setFiles(answer.data);
  }, [profileId]);

  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect
    void load();
  }, [load]);

  const download = async (file: LogFile) => {
    setSaved(null);
    const extension = file.name.includes('.') ? file.name.split('.').pop()! : 'log';
    const outcome = await saveDownload(file.name, (handle) => cpi.saveLogFile(profileId, file.name, file.application, handle), {
      name: 'Log file',
      extensions: [extension],
    });
    if (!outcome) return;
    if ('error' in outcome) return setError(outcome.error);
    setSaved(`Saved ${file.name} to ${outcome.path}`);
  };

  // A tenant without the log file API answers 404: say so instead of showing an error.
  const notOffered = error?.kind === 'not_found' || (error?.kind === 'http_status' && error.status === 404);

  return (
    <section className="ad-card" aria-label="Log files" data-testid="cpi-log-files">
      <div className="ad-card-head">
        <Title level="H4">{files ? plural(files.length, 'log file') : 'Log files'}</Title>
        <span className="ad-spacer" />
        <Button icon="refresh" design="Transparent" tooltip="Refresh" accessibleName="Refresh" onClick={() => void load()} />
      </div>
      {notOffered ? (
        <MessageStrip design="Information" hideCloseButton data-testid="cpi-logs-not-offered">
          This tenant does not offer its log files through the API (the Neo environment does; Cloud Foundry tenants show them in the
          Monitor only).
        </MessageStrip>
      ) : error ? (
        <ErrorPanel error={error} onRetry={() => void load()} onDismiss={() => setError(null)} />
      ) : null}
      {saved ? (
        <MessageStrip design="Positive" onClose={() => setSaved(null)} data-testid="cpi-log-saved">
          {saved}
        </MessageStrip>
      ) : null}
      <Busy active={busy} text="Reading log files…">
        <TenantTable
          accessibleName="Log files"
          noDataText={files ? 'The tenant has no log files.' : 'Reading…'}
          columns={[
            { title: 'Name', minWidth: '16rem' },
            { title: 'Type', width: '7rem' },
            { title: 'Node', width: '8rem' },
            { title: 'Size', width: '6rem' },
            { title: 'Changed', width: '11rem' },
            { title: '', width: '8rem' },
          ]}
          tall
        >
          {(files ?? []).map((f) => (
            <TableRow key={`${f.application}/${f.name}`} rowKey={`${f.application}/${f.name}`} data-key={f.name} data-testid={`cpi-log-${f.name}`}>
              <TableCell>
                <Text>{f.name}</Text>
              </TableCell>
              <TableCell>
                <Text>{f.log_file_type ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{f.node_scope ?? ''}</Text>
              </TableCell>
              <TableCell>
                <Text>{formatBytes(f.size_bytes)}</Text>
              </TableCell>
              <TableCell>
                <Text>{formatDateTime(f.last_modified)}</Text>
              </TableCell>
              <TableCell>
                <Button icon="download" design="Transparent" onClick={() => void download(f)} data-testid="cpi-log-download">
                  Download
                </Button>
              </TableCell>
            </TableRow>
          ))}
        </TenantTable>
      </Busy>
    </section>
  );
}
