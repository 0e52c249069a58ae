import {
  Button,
  Label,
  MessageStrip,
  Option,
  Select,
  Tab,
  TabContainer,
  Tag,
  TextArea,
  Title,
  Text,
} from '@ui5/webcomponents-react';
import { useState } from 'react';
import {
  repositories,
  type AppError,
  type ConflictMode,
  type CreateResult,
  type FolderLogic,
  type RepositoryStatus,
  type TransportRequest,
} from '../../api';
import { useJobs } from '../../app/JobsContext';
import { useNavigation } from '../../app/navigation';
import { NoSystem } from '../../app/NoSystem';
import { useSystems } from '../../app/SystemContext';
import { Busy, chooseOpenFiles, ConfirmDialog, ErrorPanel, JobProgress, TextField, jobStateOfRecord } from '../../components';
import { PullResultView } from './PullResultView';
import { PULL_STAGES } from './pullStages';
import { isFound, pulledUrl, pullResultOf, transportNeeded } from './pullResult';
import { overwriteMessage } from './pullConflicts';
import { TransportField } from '../objects/TransportField';
import { TransportValueHelp } from '../transports/TransportValueHelp';
import { CREDENTIALS_IN_URL, hasCredentials, rememberedUrl } from './gitUrl';

const LAST_URL_KEY = 'agent-desk.repositories.last-url';

type Action = null | 'status' | 'create' | 'delete' | 'pull';

export default function RepositoriesPage() {
  const { active } = useSystems();
  const { navigate, params } = useNavigation();
  const [url, setUrl] = useState(() => rememberedUrl(localStorage.getItem(LAST_URL_KEY)));
  const [urlError, setUrlError] = useState<string | null>(null);
  const [action, setAction] = useState<Action>(null);
  const [error, setError] = useState<AppError | null>(null);
  // The last look-up, with the URL and system it was for: shown only while both still apply.
  const [lookedUp, setLookedUp] = useState<{ profileId: string; url: string; status: RepositoryStatus } | null>(null);
  const [created, setCreated] = useState<CreateResult | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [tab, setTab] = useState<'pull' | 'create'>('pull');

  // Create form
  const [branch, setBranch] = useState('main');
  const [pkg, setPkg] = useState('');
  const [pkgError, setPkgError] = useState<string | null>(null);
  const [folderLogic, setFolderLogic] = useState<FolderLogic>('PREFIX');
  const [folder, setFolder] = useState('/src/');
  const [displayName, setDisplayName] = useState('');

  // Pull form
  const [pullBranch, setPullBranch] = useState('main');
  const [transport, setTransport] = useState('');
  // The request the user picked in the value help (its description is shown with the result).
  const [picked, setPicked] = useState<TransportRequest | null>(null);
  // Why the value help is open before a pull (the system needs a request), or null.
  const [askTransport, setAskTransport] = useState<string | null>(null);
  const [confirmOverwrite, setConfirmOverwrite] = useState(false);
  const [files, setFiles] = useState('');
  const [pullJobId, setPullJobId] = useState<string | null>(params.pullJob ?? null);
  // A link from elsewhere (the shell's notice of a finished pull) shows that pull.
  const [linked, setLinked] = useState(params);
  if (linked !== params) {
    setLinked(params);
    if (params.pullJob) setPullJobId(params.pullJob);
  }
  const { jobs, startPull } = useJobs();
  // The pull started here, or else the latest pull on this system (it kept running while the user was away).
  const pullJob =
    jobs.find((j) => j.record.id === pullJobId && j.record.profile_id === active?.profile.id) ??
    (pullJobId === null ? jobs.find((j) => j.record.kind === 'agent_pull' && j.record.profile_id === active?.profile.id) : undefined) ??
    null;
  const pullResult = pullJob ? pullResultOf(pullJob.record.result) : null;
  const pullRunning = pullJob?.record.state === 'running';

  const profileId = active?.profile.id ?? null;

  if (!active || !profileId) return <NoSystem />;
  const systemName = active.profile.settings.display_name;
  // A pull result stands for the repository it pulled: marked when the URL above is another.
  const pulled = pullJob ? pulledUrl(pullJob.record) : null;
  const pullStale = pulled !== null && pulled !== url.trim();
  const status = lookedUp && lookedUp.profileId === profileId && lookedUp.url === url.trim() ? lookedUp.status : null;
  const setStatus = (next: RepositoryStatus | null) => setLookedUp(next ? { profileId, url: url.trim(), status: next } : null);

  const checkUrl = (): boolean => {
    if (hasCredentials(url)) {
      setUrlError(CREDENTIALS_IN_URL);
      return false;
    }
    const ok = /^(https?:\/\/|git@)\S+$/i.test(url.trim());
    setUrlError(ok ? null : 'Enter the git repository URL, such as https://github.com/org/repo.git.');
    if (ok) localStorage.setItem(LAST_URL_KEY, url.trim());
    return ok;
  };

  const begin = (a: Action) => {
    setAction(a);
    setError(null);
    setNotice(null);
  };

  const lookUp = async () => {
    if (!checkUrl()) return;
    begin('status');
    const result = await repositories.status(profileId, url.trim());
    setAction(null);
    if (result.status === 'error') return setError(result.error);
    setStatus(result.data);
    if (result.data.package) setPkg(result.data.package);
  };

  const create = async () => {
    const urlOk = checkUrl();
    const pkgOk = pkg.trim() !== '';
    setPkgError(pkgOk ? null : 'Enter the ABAP package, such as $MY_PACKAGE or ZMY_PACKAGE.');
    if (!urlOk || !pkgOk) return;
    begin('create');
    const result = await repositories.create(profileId, {
      url: url.trim(),
      branch: branch.trim() || null,
      package: pkg.trim().toUpperCase(),
      name: null,
      display_name: displayName.trim() || null,
      folder_logic: folderLogic,
      folder: folder.trim() || null,
    });
    setAction(null);
    if (result.status === 'error') return setError(result.error);
    setCreated(result.data);
    setNotice(`Repository created in ${systemName}: ${result.data.repo_name || url.trim()} (key ${result.data.repo_key}).`);
    void lookUp();
  };

  const remove = async () => {
    setConfirmDelete(false);
    begin('delete');
    const result = await repositories.remove(profileId, url.trim());
    setAction(null);
    if (result.status === 'error') return setError(result.error);
    setStatus(null);
    setNotice(`The repository link was deleted from ${systemName}. The ABAP objects stay in the system.`);
  };

  /** Adds files picked from a local clone; the server only needs the file names. */
  const chooseFiles = async () => {
    const chosen = await chooseOpenFiles('Choose files to pull', { multiple: true });
    if ('error' in chosen) return setError(chosen.error);
    const names = chosen.files.map((f) => f.name).filter(Boolean);
    if (names.length) setFiles((current) => [...current.split('\n').filter((l) => l.trim()), ...names].join('\n'));
  };

  /**
   * Starts a pull. Without a request into a package that records changes the command refuses
   * (it asks the system first): then the value help opens and the pull starts with the
   * request the user picks. Nothing is chosen for the user.
   */
  const pull = async (mode: ConflictMode = 'abort', chosen: string = transport) => {
    if (!checkUrl()) return;
    begin('pull');
    const fileList = files
      .split(/[\n,]/)
      .map((f) => f.trim())
      .filter(Boolean);
    // A pull runs as an app job: it keeps going if the user leaves this page.
    const result = await startPull(profileId, {
      url: url.trim(),
      branch: pullBranch.trim() || null,
      transport_request: chosen.trim() ? chosen.trim().toUpperCase() : null,
      files: fileList,
      conflict_mode: mode,
    });
    setAction(null);
    if (result.status === 'error') {
      const reason = transportNeeded(result.error);
      if (reason) return setAskTransport(reason);
      return setError(result.error);
    }
    setPullJobId(result.data.id);
  };

  const pullWith = (request: TransportRequest) => {
    setAskTransport(null);
    setTransport(request.number);
    setPicked(request);
    void pull('abort', request.number);
  };

  const busyText =
    action === 'status' ? 'Looking up the repository…' : action === 'create' ? 'Creating the repository…' : action === 'delete' ? 'Deleting…' : 'Pulling and activating…';

  return (
    <div className="ad-page" data-testid="repositories-page">
      <div className="ad-page-header">
        <Title level="H2">Repositories</Title>
        <Text className="ad-muted">abapGit repositories in {systemName}</Text>
      </div>
      <Busy active={action === 'status' || action === 'create' || action === 'delete'} text={busyText}>
        <section className="ad-card" aria-label="Repository">
          <div className="ad-form-grid ad-url-row">
            <TextField
              label="Git repository URL"
              required
              value={url}
              onChange={setUrl}
              error={urlError}
              placeholder="https://github.com/org/repo.git"
              onSubmit={lookUp}
              data-testid="repo-url"
            />
            <div className="ad-actions ad-align-end">
              <Button icon="search" onClick={lookUp} disabled={action !== null} data-testid="repo-lookup">
                Look up
              </Button>
              {status && isFound(status) && (
                <Button design="Negative" icon="delete" onClick={() => setConfirmDelete(true)} disabled={action !== null} data-testid="repo-delete">
                  Delete…
                </Button>
              )}
            </div>
          </div>
          {lookedUp && !status && (
            <Text className="ad-muted" data-testid="repo-status-stale">
              {lookedUp.profileId === profileId
                ? `The URL changed since the look-up of ${lookedUp.url}: choose Look up for this one.`
                : 'The last look-up was in another system: choose Look up for this one.'}
            </Text>
          )}
          {status && (
            <div className="ad-kpis" data-testid="repo-status">
              <div className="ad-kpi">
                <Label>Status</Label>
                <Tag design={isFound(status) ? 'Positive' : 'Neutral'}>{isFound(status) ? 'Linked in SAP' : 'Not in this system'}</Tag>
              </div>
              {status.package && (
                <div className="ad-kpi">
                  <Label>Package</Label>
                  <Text data-testid="repo-package">{status.package}</Text>
                </div>
              )}
              {status.repo_key && (
                <div className="ad-kpi">
                  <Label>Key</Label>
                  <Text>{status.repo_key}</Text>
                </div>
              )}
              {status.transport_required !== null && (
                <div className="ad-kpi">
                  <Label>Transport</Label>
                  <Text>{status.transport_required ? 'Required (transportable package)' : 'Not required (local package)'}</Text>
                </div>
              )}
            </div>
          )}
        </section>
      </Busy>
      {notice && (
        <MessageStrip design="Positive" onClose={() => setNotice(null)} data-testid="repo-notice">
          {notice}
        </MessageStrip>
      )}
      {error && (
        <ErrorPanel
          error={error}
          onDismiss={() => setError(null)}
          onEditSystem={() => navigate('systems', { editSystem: profileId })}
        />
      )}
      <TabContainer className="ad-tabs" tabLayout="Inline" contentBackgroundDesign="Transparent" headerBackgroundDesign="Transparent" onTabSelect={(e) => setTab((e.detail.tab as HTMLElement).dataset.tab as 'pull' | 'create')}>
        <Tab text="Pull" selected={tab === 'pull'} data-tab="pull" data-testid="repo-tab-pull">
          <div className="ad-stack">
          <section className="ad-card" aria-label="Pull">
            <div className="ad-form-grid">
              <TextField label="Branch" value={pullBranch} onChange={setPullBranch} data-testid="pull-branch" />
              <TransportField
                profileId={profileId}
                kind="workbench"
                value={transport}
                onChange={(v) => {
                  setTransport(v);
                  if (picked && picked.number !== v) setPicked(null);
                }}
                required={status?.transport_required === true}
                placeholder={status?.transport_required === false ? 'Not needed for a local package' : undefined}
                data-testid="pull-transport"
              />
            </div>
            <div className="ad-field">
              <Label showColon>Only these files (optional, one per line)</Label>
              <TextArea
                value={files}
                rows={3}
                growing
                growingMaxRows={10}
                placeholder={'src/zcl_my_class.clas.abap\nsrc/zif_my_interface.intf.abap'}
                accessibleName="Files to pull"
                onInput={(e) => setFiles(e.target.value)}
                data-testid="pull-files"
              />
              <Button icon="open-folder" design="Transparent" className="ad-start" onClick={chooseFiles}>
                Choose files…
              </Button>
            </div>
            <div className="ad-actions">
              <Button design="Emphasized" icon="download" onClick={() => void pull()} disabled={action !== null || pullRunning} data-testid="pull-start">
                Pull and activate
              </Button>
              {(action === 'pull' || (pullRunning && !pullJob?.progress)) && <Busy active text="Pulling and activating…" />}
            </div>
            {pullJob?.progress && (
              <JobProgress
                progress={pullJob.progress}
                state={jobStateOfRecord(pullJob.record.state)}
                startedAt={Date.parse(pullJob.record.started_at)}
                finishedAt={pullJob.record.finished_at ? Date.parse(pullJob.record.finished_at) : null}
                stages={PULL_STAGES}
                label="Pull progress"
              />
            )}
            {pullJob?.record.state === 'failed' && (
              <ErrorPanel
                error={pullJob.error ?? { kind: 'sap', status: 200, message: pullJob.record.error ?? 'The pull failed.', details: [] }}
                onRetry={() => void pull()}
                onEditSystem={() => navigate('systems', { editSystem: profileId })}
                data-testid="pull-error"
              />
            )}
          </section>
          {pullResult && pullStale && (
            <MessageStrip design="Critical" hideCloseButton data-testid="pull-result-stale">
              {`This is the result of the pull of ${pulled}, not of the URL above.`}
            </MessageStrip>
          )}
          {pullResult && (
            <div className={pullStale ? 'ad-stale' : undefined}>
              <PullResultView
                result={pullResult}
                context={{ url: pulled ?? url.trim(), branch: pullBranch, system: systemName }}
                transportDescription={picked && picked.number === pullResult.transport_request ? picked.description : null}
                onOverwrite={() => setConfirmOverwrite(true)}
                onKeepSapChanges={() => navigate('import')}
                busy={action !== null || pullRunning || pullStale}
              />
            </div>
          )}
          </div>
        </Tab>
        <Tab text="Create" selected={tab === 'create'} data-tab="create" data-testid="repo-tab-create">
          <section className="ad-card" aria-label="Create repository">
            <Text>Links the git repository to an ABAP package in {systemName}. The git user and token come from the system’s settings.</Text>
            <div className="ad-form-grid">
              <TextField label="Branch" value={branch} onChange={setBranch} data-testid="create-branch" />
              <TextField label="ABAP package" required value={pkg} onChange={setPkg} error={pkgError} placeholder="$MY_PACKAGE" data-testid="create-package" />
              <div className="ad-field">
                <Label showColon>Folder logic</Label>
                <Select
                  accessibleName="Folder logic"
                  value={folderLogic}
                  onChange={(e) => setFolderLogic((e.detail.selectedOption as HTMLElement).dataset.value as FolderLogic)}
                >
                  <Option value="PREFIX" data-value="PREFIX">Prefix (sub-packages by name prefix)</Option>
                  <Option value="FULL" data-value="FULL">Full (one folder per package)</Option>
                </Select>
              </div>
              <TextField label="Starting folder" value={folder} onChange={setFolder} hint="Usually /src/" />
              <TextField label="Display name" value={displayName} onChange={setDisplayName} />
            </div>
            <div className="ad-actions">
              <Button design="Emphasized" icon="add" onClick={create} disabled={action !== null} data-testid="create-start">
                Create repository
              </Button>
            </div>
            {created && <Text data-testid="create-result">Key {created.repo_key}: {created.message}</Text>}
          </section>
        </Tab>
      </TabContainer>
      <TransportValueHelp
        open={askTransport !== null}
        profileId={profileId}
        kind="workbench"
        reason={askTransport}
        confirmText="Pull with this request"
        onSelect={pullWith}
        onCancel={() => setAskTransport(null)}
      />
      <ConfirmDialog
        open={confirmOverwrite}
        title="Overwrite the changes in SAP?"
        message={pullResult ? overwriteMessage(pullResult.conflicts, pullResult.conflict_count, { branch: pullBranch, system: systemName }) : ''}
        confirmText="Overwrite"
        onConfirm={() => {
          setConfirmOverwrite(false);
          void pull('ignore');
        }}
        onCancel={() => setConfirmOverwrite(false)}
      />
      <ConfirmDialog
        open={confirmDelete}
        title="Delete the repository link?"
        message={`The abapGit repository for ${url.trim()} is removed from ${systemName}. The ABAP objects in package ${status?.package ?? ''} are not deleted, and git is not changed.`}
        confirmText="Delete"
        onConfirm={() => void remove()}
        onCancel={() => setConfirmDelete(false)}
      />
    </div>
  );
}
