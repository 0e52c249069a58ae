// The UI's facade over the Rust commands. Areas import commands and types from here, never
// from @tauri-apps/api or the bindings directly: every call resolves to a Result and never
// throws.
//
// Every type is the one tauri-specta generated from Rust (../bindings.ts); ./types adds only
// the Result wrapper.
import { getCurrentWindow, type CloseRequestedEvent } from '@tauri-apps/api/window';
import { commands } from '../bindings';
import { guard, guardPlain, progressChannel } from './client';
import type {
  CreateRequest,
  CustomizeRequest,
  DropRequest,
  DumpRequest,
  FileFilter,
  ImportRequest,
  JobEvent,
  ListRequest,
  PreviewRequest,
  ProfileDraft,
  ProfileId,
  PullRequest,
  SyntaxRequest,
  TransportKind,
  TransportScope,
  TreeRequest,
  JUnitObject,
  JUnitRun,
  TestClassesSource,
  UnitRequest,
  UnitResult,
  ViewRequest,
  WhereUsedRequest,
} from './types';

export type * from './types';
export { isAppError, toAppError, unwrap, inTauri } from './client';

/** The app's window: a close can be held back (e.g. to ask about unsaved input), then done. */
export const appWindow = {
  /** `handler` decides about each close request; answers the function that stops listening. */
  onCloseRequested: (handler: (event: CloseRequestedEvent) => void) => getCurrentWindow().onCloseRequested(handler),
  /** Closes the window without asking again. */
  close: () => getCurrentWindow().destroy(),
};

/** The app's store file: what was found at start, and its previous version. */
export const store = {
  status: () => guardPlain(commands.storeStatus()),
  /** Puts the previous version back; answers where the replaced file was kept. */
  restoreBackup: () => guard(commands.storeRestoreBackup()),
};

export const profiles = {
  list: () => guard(commands.profilesList()),
  create: (draft: ProfileDraft) => guard(commands.profileCreate(draft)),
  update: (id: ProfileId, draft: ProfileDraft) => guard(commands.profileUpdate(id, draft)),
  duplicate: (id: ProfileId) => guard(commands.profileDuplicate(id)),
  remove: (id: ProfileId) => guard(commands.profileDelete(id)),
  testConnection: (id: ProfileId) => guard(commands.profileTestConnection(id)),
  /** Writes every profile, without secrets, as JSON to `file` (a handle from `files.pickSave`). */
  exportAll: (file: string) => guard(commands.profilesExport(file)),
  /** Forgets the profile's warm session: the next call logs on again. */
  disconnect: (id: ProfileId) => guard(commands.sessionDrop(id)),
  keyringStatus: () => guardPlain(commands.keyringStatus()),
  /** Stops every call to a system that is running now (they answer `cancelled`). */
  cancelRunningCalls: () => guardPlain(commands.callsCancel()),
  sandboxInfo: () => guardPlain(commands.sandboxInfo()),
  /** Creates a profile from an `.abapGitAgent` file (its password and git token go to the keyring). */
  importAgentFile: (file: string) => guard(commands.profileImportAgentFile(file)),
  /** Cloud Integration settings from a pasted BTP service key (its client secret stays in the app). */
  draftFromServiceKey: (text: string) => guard(commands.profileDraftFromServiceKey(text)),
  /** The same from a service key file (a handle from `chooseOpenFiles`). */
  draftFromServiceKeyFile: (file: string) => guard(commands.profileDraftFromServiceKeyFile(file)),
  /** Recreates the Sandbox profile with its default settings. */
  resetSandboxProfile: () => guard(commands.sandboxResetProfile()),
  /** Puts the sandbox's demo data (repositories, transports, objects, work items) back as shipped. */
  resetSandboxData: () => guard(commands.sandboxResetData()),
};

export const repositories = {
  status: (profileId: ProfileId, url: string) => guard(commands.agentStatus(profileId, url)),
  create: (profileId: ProfileId, request: CreateRequest) => guard(commands.agentCreate(profileId, request)),
  remove: (profileId: ProfileId, url: string) => guard(commands.agentDelete(profileId, { url })),
  /** Starts a pull as an app job; its progress and final record arrive on `onEvent`. */
  pull: (profileId: ProfileId, request: PullRequest, onEvent: (e: JobEvent) => void) =>
    guard(commands.agentPull(profileId, request, progressChannel(onEvent))),
};

export const jobs = {
  list: () => guardPlain(commands.jobsList()),
  /** Streams a job's events (a snapshot first); re-attaches a job left running at the last close. */
  watch: (jobId: string, onEvent: (e: JobEvent) => void) => guard(commands.jobWatch(jobId, progressChannel(onEvent))),
  cancel: (jobId: string) => guard(commands.jobCancel(jobId)),
  forget: (jobId: string) => guard(commands.jobForget(jobId)),
};

export const imports = {
  /** Starts an import as an app job; progress and the final record arrive on `onEvent`. */
  start: (profileId: ProfileId, request: ImportRequest, onEvent: (e: JobEvent) => void) =>
    guard(commands.agentImport(profileId, request, progressChannel(onEvent))),
};

export const transports = {
  /** Open requests of one kind (workbench when none is given: the server's default). */
  list: (profileId: ProfileId, scope: TransportScope, kind: TransportKind | null = null) =>
    guard(commands.agentTransportList(profileId, scope, kind)),
  /** The new request's number is in the answer's `number`. */
  create: (profileId: ProfileId, description: string, kind: TransportKind) =>
    guard(commands.agentTransportCreate(profileId, description, kind)),
  check: (profileId: ProfileId, number: string) => guard(commands.agentTransportCheck(profileId, number)),
  release: (profileId: ProfileId, number: string) => guard(commands.agentTransportRelease(profileId, number)),
  /** A request's type, status, target, tasks and objects, read from the system's CTS tables. */
  details: (profileId: ProfileId, number: string) => guard(commands.agentTransportDetails(profileId, number)),
  /** Released requests of the scope, newest first (the agent's list holds open ones only). */
  released: (profileId: ProfileId, scope: TransportScope) => guard(commands.agentTransportsReleased(profileId, scope)),
};

export const objects = {
  /** Deletes the object behind one file. */
  drop: (profileId: ProfileId, request: DropRequest) => guard(commands.agentDrop(profileId, request)),
  /** Writes one customizing entry. */
  customize: (profileId: ProfileId, request: CustomizeRequest) => guard(commands.agentCustomize(profileId, request)),
};

export const explore = {
  tree: (profileId: ProfileId, request: TreeRequest) => guard(commands.agentTree(profileId, request)),
  list: (profileId: ProfileId, request: ListRequest) => guard(commands.agentList(profileId, request)),
  view: (profileId: ProfileId, request: ViewRequest) => guard(commands.agentView(profileId, request)),
  whereUsed: (profileId: ProfileId, request: WhereUsedRequest) => guard(commands.agentWhereUsed(profileId, request)),
};

export const preview = {
  /** One page (at most 100 rows) of table or CDS view data. */
  page: (profileId: ProfileId, request: PreviewRequest) => guard(commands.agentPreview(profileId, request)),
};

export const dumps = {
  list: (profileId: ProfileId, request: DumpRequest) => guard(commands.agentDumps(profileId, request)),
};

export const checks = {
  syntax: (profileId: ProfileId, request: SyntaxRequest) => guard(commands.agentSyntax(profileId, request)),
  inspect: (profileId: ProfileId, files: string[], variant: string | null) =>
    guard(commands.agentInspect(profileId, { files, variant })),
  /** ABAP Unit; `testSources` (the test classes at hand) give failed methods their line. */
  unit: (profileId: ProfileId, request: UnitRequest, testSources: TestClassesSource[] = []) =>
    guard(commands.agentUnit(profileId, request, testSources)),
  /** Reads local abapGit files (any file of an object selects the whole object) into a syntax request. */
  checkoutFiles: (files: string[]) => guard(commands.agentCheckoutFiles(files)),
  /** Syntax check of local files (handles from `files.pickOpen`); every diagnostic comes back with its file and line. */
  syntaxFiles: (profileId: ProfileId, files: string[]) => guard(commands.agentSyntaxFiles(profileId, files)),
};

/**
 * Files come only from the app's own dialogs, opened in Rust: the page gets a handle per
 * chosen file (and its name and path to show), and passes the handle to the command that
 * reads or writes it. Never a path typed or made up by the page.
 */
/** JUnit XML reports, written by Rust (the CLI writes the same) into a file from `files.pickSave`. */
export const junit = {
  saveUnit: (file: string, run: JUnitRun, result: UnitResult, classesUnderTest: string[]) =>
    guard(commands.junitSaveUnit(file, run, result, classesUnderTest)),
  saveChecks: (file: string, run: JUnitRun, objects: JUnitObject[]) => guard(commands.junitSaveChecks(file, run, objects)),
};

export const files = {
  /** The native open dialog; an empty list when the user cancelled. */
  pickOpen: (title: string, options: { multiple?: boolean; filters?: FileFilter[] } = {}) =>
    guard(commands.pickFiles(title, options.multiple ?? false, options.filters ?? [])),
  /** The native save dialog (it asks before replacing a file); null when the user cancelled. */
  pickSave: (title: string, suggestedName: string, filter: FileFilter | null = null) =>
    guard(commands.pickSaveFile(title, suggestedName, filter)),
  /**
   * Asks where to save (the native dialog, from Rust) and writes `content` there.
   * Answers the path written, or null when the user cancelled.
   */
  saveText: (suggestedName: string, content: string, filter: { name: string; extensions: string[] }) =>
    guard(commands.saveTextFile(suggestedName, content, filter.name, filter.extensions)),
  /** A text file chosen in `pickOpen` (its handle), e.g. a CSV: UTF-8, at most 32 MB. */
  readText: (file: string) => guard(commands.readTextFile(file)),
};
