// The transaction bridge commands (src-tauri/commands/transaction_bridge.rs).
import { guard, guardPlain, progressChannel } from '../../api/client';
import type { JobEvent, ProfileId } from '../../api';
import { commands, type InputVariant, type RowStatus } from '../../bindings';
import type { Inputs } from './types';

export const bridge = {
  /** The app's operations (recorded sequences first, then Login, Logout, Home), read once per session. */
  operations: (profileId: ProfileId, appId: string) => guard(commands.bridgeOperations(profileId, appId)),
  /** Reads `$metadata` again (after the recording changed). */
  reloadOperations: (profileId: ProfileId, appId: string) => guard(commands.bridgeReloadOperations(profileId, appId)),
  /** Runs one operation with the form's text per parameter; Login happens first when needed. */
  run: (profileId: ProfileId, appId: string, operation: string, inputs: Inputs) =>
    guard(commands.bridgeRun(profileId, appId, operation, inputs)),
  home: (profileId: ProfileId, appId: string) => guard(commands.bridgeHome(profileId, appId)),
  logOn: (profileId: ProfileId, appId: string) => guard(commands.bridgeLogOn(profileId, appId)),
  /** Logout of one app (or of every app of the system when `appId` is null). */
  logout: (profileId: ProfileId, appId: string | null) => guard(commands.bridgeLogout(profileId, appId)),
  callLog: (profileId: ProfileId) => guardPlain(commands.bridgeCallLog(profileId)),
  clearCallLog: (profileId: ProfileId) => guardPlain(commands.bridgeCallLogClear(profileId)),
  variants: (profileId: ProfileId, appId: string, operation: string) => guardPlain(commands.bridgeVariants(profileId, appId, operation)),
  saveVariant: (profileId: ProfileId, appId: string, operation: string, variant: InputVariant) =>
    guard(commands.bridgeVariantSave(profileId, appId, operation, variant)),
  deleteVariant: (profileId: ProfileId, appId: string, operation: string, name: string) =>
    guard(commands.bridgeVariantDelete(profileId, appId, operation, name)),
  /** Checks a CSV for a mass run without starting it: every problem with its row and column. */
  checkMassRun: (profileId: ProfileId, appId: string, operation: string, csv: string) =>
    guard(commands.bridgeMassRunCheck(profileId, appId, operation, csv)),
  startMassRun: (profileId: ProfileId, appId: string, operation: string, csv: string, onEvent: (e: JobEvent) => void) =>
    guard(commands.bridgeMassRunStart(profileId, appId, operation, csv, progressChannel(onEvent))),
  /** A page of the run's rows (all when `limit` is null), only those in `status` when given. */
  massRun: (jobId: string, offset = 0, limit: number | null = null, status: RowStatus | null = null) =>
    guard(commands.bridgeMassRun(jobId, offset, limit, status)),
  resumeMassRun: (jobId: string, onEvent: (e: JobEvent) => void) => guard(commands.bridgeMassRunResume(jobId, progressChannel(onEvent))),
  /** Runs the failed rows again (or the rows given), then the pending ones. */
  retryMassRun: (jobId: string, rows: number[] | null, onEvent: (e: JobEvent) => void) =>
    guard(commands.bridgeMassRunRetry(jobId, rows, progressChannel(onEvent))),
  editMassRunRow: (jobId: string, row: number, inputs: Inputs) => guard(commands.bridgeMassRunEditRow(jobId, row, inputs)),
  stopMassRun: (jobId: string) => guard(commands.bridgeMassRunStop(jobId)),
  exportMassRun: (jobId: string) => guard(commands.bridgeMassRunExport(jobId)),
};
