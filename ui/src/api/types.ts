// Types the UI works with. They mirror the Rust types (snake_case fields) that
// tauri-specta generates into ../bindings.ts; until every command is generated,
// this file is the contract the areas are written against.

// ---------- errors ----------
export type NetworkPhase = 'dns' | 'connect' | 'proxy' | 'tls_handshake' | 'transfer';
export type TimeoutPhase = 'connect' | 'response' | 'job';
export type CertificateProblem =
  | 'unknown_issuer'
  | 'expired'
  | 'not_yet_valid'
  | 'name_mismatch'
  | 'revoked'
  | 'other';

export interface FieldError {
  field: string;
  message: string;
}

/** The one error type every command returns, tagged by `kind`. */
export type AppError =
  | { kind: 'network'; phase: NetworkPhase; message: string; certificate: CertificateProblem | null }
  | { kind: 'timeout'; phase: TimeoutPhase; seconds: number }
  | { kind: 'authentication'; status: number; message: string }
  | { kind: 'csrf'; message: string }
  | { kind: 'http_status'; status: number; title: string | null; excerpt: string }
  | { kind: 'sap'; status: number; message: string; details: string[] }
  | { kind: 'decode'; message: string; excerpt: string }
  | { kind: 'config'; field: string; message: string }
  | { kind: 'cancelled' }
  | { kind: 'validation'; fields: FieldError[] }
  | { kind: 'keyring_unavailable'; message: string }
  | { kind: 'not_found'; what: string; message?: string };

export type Result<T> = { status: 'ok'; data: T } | { status: 'error'; error: AppError };

// ---------- profiles ----------
export type ProfileId = string;
export type ServiceKind = 'abapgit_agent' | 'focused_build';
export type ProxySettings =
  | { mode: 'system' }
  | { mode: 'none' }
  | { mode: 'manual'; url: string; bypass: string[] };

export interface ProfileSettings {
  display_name: string;
  service_kind: ServiceKind;
  base_url: string;
  client: string;
  language: string;
  user: string;
  auth: 'basic';
  tls: { extra_ca_file: string | null; insecure: boolean };
  proxy: ProxySettings;
  timeouts: { connect_seconds: number; request_seconds: number };
  git_username: string;
}

export interface Profile {
  id: ProfileId;
  is_demo: boolean;
  settings: ProfileSettings;
}

export type SecretUpdate = { action: 'keep' } | { action: 'set'; value: string } | { action: 'clear' };

export interface ProfileDraft {
  settings: ProfileSettings;
  password: SecretUpdate;
  git_token: SecretUpdate;
}

export interface ProfileView {
  profile: Profile;
  password_set: boolean;
  git_token_set: boolean;
}

export interface ConnectionInfo {
  /** Version the service reports (abapGit Agent `/health`). */
  version: string | null;
  elapsed_ms: number | null;
}

// ---------- repositories ----------
export interface RepoStatus {
  url: string;
  found: boolean;
  status: string;
  repo_key: string | null;
  package: string | null;
  transport_required: boolean | null;
}

export type FolderLogic = 'PREFIX' | 'FULL';

export interface CreateRepoRequest {
  url: string;
  branch: string;
  package: string;
  name: string;
  display_name: string;
  folder_logic: FolderLogic;
  folder: string;
}

export interface CreateRepoResult {
  repo_key: string;
  repo_name: string;
  message: string;
}

export interface DeleteRepoResult {
  repo_key: string;
  message: string;
}

export type ConflictMode = 'abort' | 'ignore';

export interface PullRequest {
  url: string;
  branch: string;
  transport_request: string | null;
  files: string[];
  conflict_mode: ConflictMode;
}

/** One line of an SAP log (pull activation log, failed object). Type: S, E, W, A, I. */
export interface LogMessage {
  type: string;
  id: string;
  number: string;
  text: string;
  obj_type: string;
  obj_name: string;
  exception: string;
}

export interface PullResult {
  success: boolean;
  message: string;
  error_detail: string;
  transport_request: string;
  activated_count: number;
  failed_count: number;
  conflict_count: number;
  conflict_report: string;
  log_messages: LogMessage[];
  activated_objects: LogMessage[];
  failed_objects: LogMessage[];
}

// ---------- jobs (import, and pulls that the server runs in the background) ----------
export interface JobProgress {
  job_number: string;
  status: string;
  stage: string;
  message: string;
  progress: number | null;
  current: number | null;
  total: number | null;
}

export interface ImportRequest {
  url: string;
  branch: string;
  package: string;
  message: string;
}

export interface ImportOutcome {
  success: boolean;
  files_staged: number | null;
  commit_message: string;
  error: string | null;
}

export interface JobTicket {
  job_number: string;
  job_name: string;
}

/** A job the app remembers across restarts (so it can be watched again). */
export interface RememberedJob {
  job_number: string;
  kind: 'import' | 'pull';
  profile_id: ProfileId;
  started_at: string;
  request: ImportRequest;
}

// ---------- transports ----------
export interface TransportRequest {
  number: string;
  description: string;
  owner: string;
  date: string;
}

// ---------- checks ----------
export type CheckObjectType = 'CLAS' | 'INTF' | 'PROG' | 'FUGR' | 'DDLS' | 'ENHO';

export interface SyntaxObject {
  type: string;
  name: string;
  source: string;
  locals_def: string | null;
  locals_imp: string | null;
  testclasses: string | null;
  fixpt: boolean;
}

export interface CheckMessage {
  line: number | null;
  column: number | null;
  text: string;
  include: string;
  severity: 'error' | 'warning' | 'info';
  word: string;
  method_name: string;
}

export interface ObjectCheckResult {
  object_type: string;
  object_name: string;
  success: boolean;
  messages: CheckMessage[];
}

export interface CheckResult {
  success: boolean;
  message: string;
  objects: ObjectCheckResult[];
}

export interface UnitFailure {
  class_name: string;
  method_name: string;
  error_kind: string;
  error_text: string;
}

export interface UnitResult {
  success: boolean;
  message: string;
  test_count: number;
  passed_count: number;
  failed_count: number;
  errors: UnitFailure[];
  coverage: { total_lines: number; covered_lines: number; coverage_rate: number } | null;
}

/** A file of a local abapGit folder, read by Rust. */
export interface LocalSourceFile {
  path: string;
  content: string;
}
