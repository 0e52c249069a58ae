// The UI's facade over the Rust commands. Areas import from here, never from
// @tauri-apps/api directly, so that the wiring to the generated bindings lives in one place.
// Command names and argument names are those of src-tauri/commands (camelCase here,
// snake_case in Rust, as Tauri maps them).
import { commands } from '../bindings';
import { call, guard, guardPlain, progressChannel } from './client';
import { completeView } from './profileDefaults';
import type {
  CheckoutResult,
  ConnectionReport,
  CreateRequest,
  CreateResult,
  DeleteResult,
  ImportRequest,
  InspectResult,
  JobEvent,
  JobRecord,
  KeyringStatus,
  SandboxInfo,
  ProfileDraft,
  ProfileId,
  PullRequest,
  RepositoryStatus,
  Result,
  SyntaxRequest,
  SyntaxResult,
  TransportAnswer,
  TransportScope,
  UnitRequest,
  UnitResult,
} from './types';

export * from './types';
export { isAppError, toAppError, unwrap, inTauri } from './client';

const mapOk = async <A, B>(pending: Promise<Result<A>>, f: (a: A) => B): Promise<Result<B>> => {
  const result = await pending;
  return result.status === 'ok' ? { status: 'ok', data: f(result.data) } : result;
};

export const profiles = {
  list: () => mapOk(guard(commands.profilesList()), (views) => views.map(completeView)),
  create: (draft: ProfileDraft) => mapOk(guard(commands.profileCreate(draft)), completeView),
  update: (id: ProfileId, draft: ProfileDraft) => mapOk(guard(commands.profileUpdate(id, draft)), completeView),
  duplicate: (id: ProfileId) => mapOk(guard(commands.profileDuplicate(id)), completeView),
  remove: (id: ProfileId) => guard(commands.profileDelete(id)),
  testConnection: (id: ProfileId): Promise<Result<ConnectionReport>> => guard(commands.profileTestConnection(id)),
  keyringStatus: (): Promise<Result<KeyringStatus>> => guardPlain(commands.keyringStatus()),
  sandboxInfo: (): Promise<Result<SandboxInfo>> => guardPlain(commands.sandboxInfo()),
  /** Creates a profile from an `.abapGitAgent` file (its password and git token go to the keyring). */
  importAgentFile: (path: string) => mapOk(guard(commands.profileImportAgentFile(path)), completeView),
  /** Recreates the Sandbox profile with its default settings. */
  resetSandboxProfile: () => mapOk(guard(commands.sandboxResetProfile()), completeView),
};

export const repositories = {
  status: (profileId: ProfileId, url: string) => call<RepositoryStatus>('agent_status', { profileId, url }),
  create: (profileId: ProfileId, request: CreateRequest) => call<CreateResult>('agent_create', { profileId, request }),
  remove: (profileId: ProfileId, url: string) => call<DeleteResult>('agent_delete', { profileId, request: { url } }),
  /** Starts a pull as an app job; its progress and final record arrive on `onEvent`. */
  pull: (profileId: ProfileId, request: PullRequest, onEvent: (e: JobEvent) => void) =>
    call<JobRecord>('agent_pull', { profileId, request, channel: progressChannel(onEvent) }),
};

export const jobs = {
  list: (): Promise<Result<JobRecord[]>> => guardPlain(commands.jobsList()),
  /** Streams a job's events (a snapshot first); re-attaches a job left running at the last close. */
  watch: (jobId: string, onEvent: (e: JobEvent) => void) => guard(commands.jobWatch(jobId, progressChannel(onEvent))),
  cancel: (jobId: string) => guard(commands.jobCancel(jobId)),
  forget: (jobId: string) => guard(commands.jobForget(jobId)),
};

export const imports = {
  /** Starts an import as an app job; progress and the final record arrive on `onEvent`. */
  start: (profileId: ProfileId, request: ImportRequest, onEvent: (e: JobEvent) => void) =>
    call<JobRecord>('agent_import', { profileId, request, channel: progressChannel(onEvent) }),
};

export const transports = {
  list: (profileId: ProfileId, scope: TransportScope) => call<TransportAnswer>('agent_transport_list', { profileId, scope }),
};

export const checks = {
  syntax: (profileId: ProfileId, request: SyntaxRequest) => call<SyntaxResult>('agent_syntax', { profileId, request }),
  inspect: (profileId: ProfileId, files: string[], variant: string | null) =>
    call<InspectResult>('agent_inspect', { profileId, request: { files, variant } }),
  unit: (profileId: ProfileId, request: UnitRequest) => call<UnitResult>('agent_unit', { profileId, request }),
  /** Reads local abapGit files and assembles the syntax request (companion files, FIXPT) in Rust. */
  checkoutFiles: (paths: string[]) => call<CheckoutResult>('agent_checkout_files', { paths }),
};

export const files = {
  /** Writes a text file the user chose in a save dialog (JUnit export). */
  saveText: (path: string, content: string) => call<null>('save_text_file', { path, content }),
};

export type { Result };
