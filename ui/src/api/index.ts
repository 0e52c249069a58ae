// The UI's facade over the Rust commands. Areas import from here, never from
// @tauri-apps/api directly, so that the wiring to the generated bindings lives in one place.
import { call, progressChannel } from './client';
import type {
  CheckResult,
  ConnectionInfo,
  CreateRepoRequest,
  CreateRepoResult,
  DeleteRepoResult,
  ImportOutcome,
  ImportRequest,
  JobProgress,
  JobTicket,
  LocalSourceFile,
  ProfileDraft,
  ProfileId,
  ProfileView,
  PullRequest,
  PullResult,
  RememberedJob,
  RepoStatus,
  Result,
  SyntaxObject,
  TransportRequest,
  UnitResult,
} from './types';

export * from './types';
export { isAppError, toAppError, unwrap, inTauri } from './client';

export const profiles = {
  list: () => call<ProfileView[]>('list_profiles'),
  create: (draft: ProfileDraft) => call<ProfileView>('create_profile', { draft }),
  update: (id: ProfileId, draft: ProfileDraft) => call<ProfileView>('update_profile', { id, draft }),
  remove: (id: ProfileId) => call<null>('delete_profile', { id }),
  testConnection: (id: ProfileId) => call<ConnectionInfo>('test_connection', { id }),
  /** Reads an `.abapGitAgent` file into a draft (not saved yet; secrets carried in the draft). */
  importAgentFile: (path: string) => call<ProfileDraft>('import_abapgit_agent_file', { path }),
  resetSandbox: () => call<null>('reset_sandbox'),
};

export const repositories = {
  status: (profileId: ProfileId, url: string) => call<RepoStatus>('repo_status', { profileId, url }),
  create: (profileId: ProfileId, request: CreateRepoRequest) =>
    call<CreateRepoResult>('repo_create', { profileId, request }),
  remove: (profileId: ProfileId, url: string) => call<DeleteRepoResult>('repo_delete', { profileId, url }),
  /** A pull may turn into a server job (more than 10 files): progress then arrives on `onProgress`. */
  pull: (profileId: ProfileId, request: PullRequest, onProgress: (p: JobProgress) => void) =>
    call<PullResult>('repo_pull', { profileId, request, onProgress: progressChannel(onProgress) }),
};

export const imports = {
  start: (profileId: ProfileId, request: ImportRequest) => call<JobTicket>('import_start', { profileId, request }),
  watch: (profileId: ProfileId, jobNumber: string, onProgress: (p: JobProgress) => void) =>
    call<ImportOutcome>('import_watch', { profileId, jobNumber, onProgress: progressChannel(onProgress) }),
  remembered: () => call<RememberedJob[]>('import_jobs'),
  forget: (jobNumber: string) => call<null>('import_forget', { jobNumber }),
};

export const transports = {
  list: (profileId: ProfileId, scope: 'mine' | 'task' | 'all') =>
    call<TransportRequest[]>('transport_list', { profileId, scope }),
};

export const checks = {
  syntax: (profileId: ProfileId, objects: SyntaxObject[], cloud: boolean) =>
    call<CheckResult>('check_syntax', { profileId, objects, cloud }),
  inspect: (profileId: ProfileId, files: string[], variant: string) =>
    call<CheckResult>('check_inspect', { profileId, files, variant }),
  unit: (profileId: ProfileId, files: string[], coverage: boolean) =>
    call<UnitResult>('run_unit_tests', { profileId, files, coverage }),
  /** Reads the given files of a local abapGit folder (reading happens in Rust). */
  readFiles: (paths: string[]) => call<LocalSourceFile[]>('read_source_files', { paths }),
};

export const files = {
  /** Writes a text file the user chose in a save dialog (JUnit export). */
  saveText: (path: string, content: string) => call<null>('save_text_file', { path, content }),
};

export type { Result };
