// The UI's facade over the Rust commands. Areas import from here, never from
// @tauri-apps/api directly, so that the wiring to the generated bindings lives in one place.
// Command names and argument names are those of src-tauri/commands (camelCase here,
// snake_case in Rust, as Tauri maps them).
import { call, progressChannel } from './client';
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
  ProfileDraft,
  ProfileId,
  ProfileView,
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

export const profiles = {
  list: () => call<ProfileView[]>('profiles_list'),
  create: (draft: ProfileDraft) => call<ProfileView>('profile_create', { draft }),
  update: (id: ProfileId, draft: ProfileDraft) => call<ProfileView>('profile_update', { id, draft }),
  duplicate: (id: ProfileId) => call<ProfileView>('profile_duplicate', { id }),
  remove: (id: ProfileId) => call<null>('profile_delete', { id }),
  testConnection: (id: ProfileId) => call<ConnectionReport>('profile_test_connection', { id }),
  keyringStatus: () => call<KeyringStatus>('keyring_status'),
  /** Reads an `.abapGitAgent` file into a draft (not saved yet; its secrets travel in the draft). */
  importAgentFile: (path: string) => call<ProfileDraft>('profile_import_agent_file', { path }),
  /** Recreates the Sandbox profile with its default settings. */
  resetSandboxProfile: () => call<ProfileView>('sandbox_reset_profile'),
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
  list: () => call<JobRecord[]>('jobs_list'),
  /** Streams a job's events (a snapshot first); re-attaches a job left running at the last close. */
  watch: (jobId: string, onEvent: (e: JobEvent) => void) =>
    call<JobRecord>('job_watch', { jobId, channel: progressChannel(onEvent) }),
  cancel: (jobId: string) => call<JobRecord>('job_cancel', { jobId }),
  forget: (jobId: string) => call<null>('job_forget', { jobId }),
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
