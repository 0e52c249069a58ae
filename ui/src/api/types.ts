// Types the UI works with. They mirror the Rust types (snake_case fields) that
// tauri-specta generates into ../bindings.ts; until every command is generated,
// this file is the contract the areas are written against.

// Generated from Rust (tauri-specta): used as they are.
import type { AppError, ProfileView as StoredProfileView } from '../bindings';

export type {
  AppError,
  CertificateProblem,
  ConnectionReport,
  FieldError,
  JobEvent,
  JobHandle,
  JobProgress,
  JobRecord,
  JobState,
  KeyringStatus,
  NetworkPhase,
  SandboxInfo,
  SapError,
  TimeoutPhase,
} from '../bindings';
export type { StoredProfileView };

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

/** A profile with every setting filled in (the generated type leaves defaulted fields optional). */
export interface ProfileView {
  profile: Profile;
  password_set: boolean;
  git_token_set: boolean;
}

// ---------- abapGit Agent: repositories ----------
export type Severity = 'error' | 'warning' | 'info' | 'success';

export interface RepositoryStatus {
  url: string;
  /** The server's words: `Found` or `Not found`. */
  status: string;
  repo_key: string | null;
  package: string | null;
  transport_required: boolean | null;
}

export type FolderLogic = 'PREFIX' | 'FULL';

export interface CreateRequest {
  url: string;
  package: string;
  branch: string | null;
  name: string | null;
  display_name: string | null;
  folder_logic: FolderLogic | null;
  folder: string | null;
}

export interface CreateResult {
  repo_key: string;
  repo_name: string;
  message: string;
}

export interface DeleteResult {
  repo_key: string;
  message: string;
}

export type ConflictMode = 'abort' | 'ignore';

export interface PullRequest {
  url: string;
  branch: string | null;
  transport_request: string | null;
  files: string[];
  conflict_mode: ConflictMode | null;
}

/** One line of an SAP log (activation log, failed object). */
export interface LogMessage {
  severity: Severity;
  id: string;
  number: string;
  text: string;
  object_type: string;
  object_name: string;
  exception: string | null;
}

export interface PullResult {
  success: boolean;
  message: string;
  error_detail: string;
  transport_request: string | null;
  job_id: string | null;
  activated_count: number;
  failed_count: number;
  conflict_count: number;
  conflict_report: string | null;
  activated_objects: LogMessage[];
  failed_objects: LogMessage[];
  log_messages: LogMessage[];
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportRequest {
  url: string;
  branch: string | null;
  package: string | null;
  message: string | null;
}

export interface ImportResult {
  files_staged: number;
  commit_message: string;
}

// ---------- transports ----------
export type TransportScope = 'mine' | 'task' | 'all';

export interface TransportRequest {
  number: string;
  description: string;
  owner: string;
  date: string;
}

export interface TransportAnswer {
  action: string;
  message: string;
  transports: TransportRequest[];
  number: string | null;
  passed: boolean | null;
  issues: string[];
}

// ---------- checks ----------
export type UnicodeCheck = 'standard' | 'cloud';

export interface SyntaxObject {
  object_type: string;
  object_name: string;
  source: string;
  locals_def: string | null;
  locals_imp: string | null;
  testclasses: string | null;
  fixpt: boolean;
  subc: string | null;
  fugr_include_name: string | null;
}

export interface SyntaxRequest {
  objects: SyntaxObject[];
  unicode_check: UnicodeCheck | null;
}

export interface Diagnostic {
  severity: Severity;
  line: number | null;
  column: number | null;
  text: string;
  word: string | null;
  /** main, locals_def, locals_imp, testclasses (or the documented words), an include or FM name. */
  include: string | null;
  method_name: string | null;
  check: string | null;
}

export interface ObjectCheck {
  object_type: string;
  object_name: string;
  success: boolean;
  error_count: number;
  warning_count: number;
  message: string;
  errors: Diagnostic[];
  warnings: Diagnostic[];
  infos: Diagnostic[];
}

export interface SyntaxResult {
  success: boolean;
  message: string;
  objects: ObjectCheck[];
}

export interface InspectResult {
  success: boolean;
  objects: ObjectCheck[];
}

export interface UnitRequest {
  files: string[];
  package: string | null;
  coverage: boolean;
}

export interface TestFailure {
  class_name: string;
  method_name: string;
  /** ERROR, FAILURE, ... */
  kind: string;
  text: string;
}

export interface CoverageStats {
  total_lines: number;
  covered_lines: number;
  rate: number | null;
}

export interface UnitResult {
  success: boolean;
  message: string;
  test_count: number;
  passed_count: number;
  failed_count: number;
  failures: TestFailure[];
  coverage: CoverageStats | null;
}

/**
 * Local abapGit files assembled into a syntax request by Rust (companion files, FIXPT from XML):
 * `abapgit_agent::checkout::syntax_request_for` and its `SourceMap`.
 */
export interface CheckoutResult {
  request: SyntaxRequest;
  source_map: {
    objects: {
      object_type: string;
      object_name: string;
      files: { role: 'main' | 'locals_def' | 'locals_imp' | 'test_classes'; path: string }[];
    }[];
  };
}
