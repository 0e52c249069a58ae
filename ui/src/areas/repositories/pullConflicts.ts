// How a pull's conflicts read in the app: one line per object saying what happened and what a
// pull would do. Pure and unit-tested; the words follow the handler's conflict check.
import type { ConflictKind, PullConflict } from '../../api';

export const CONFLICT_TITLE: Record<ConflictKind, string> = {
  system_edit: 'Changed in SAP and in git',
  branch_switch: 'Other branch than the last pull',
  local_edit: 'Changed in SAP',
  other: 'Conflict',
};

/** The first 8 characters of a content fingerprint, enough to tell versions apart. */
export function shortSha(sha: string | null): string {
  return sha ? sha.slice(0, 8) : '';
}

/** What happened to the object and what pulling it would do. */
export function conflictExplanation(conflict: PullConflict): string {
  const lastPull = conflict.last_pulled_by ? ` (last pull by ${conflict.last_pulled_by})` : '';
  switch (conflict.kind) {
    case 'system_edit':
      return `Changed in git and in SAP since the last pull${lastPull}. Pulling replaces the SAP version with the git version.`;
    case 'branch_switch':
      return `Changed in git, and this pull is from ${conflict.branch_new ?? 'another branch'} while the last pull${lastPull} was from ${conflict.branch_old ?? 'another branch'}. Pulling brings that branch's version into SAP.`;
    case 'local_edit': {
      const text = `Changed in SAP since the last pull${lastPull}; git has not changed. Pulling would overwrite the change made in SAP.`;
      // The handler compares a function group's XML file in git with an include's source in SAP.
      return conflict.object_type.toUpperCase() === 'FUGR'
        ? `${text} For function groups the agent compares different files, so it reports this after every pull even when nobody changed the group.`
        : text;
    }
    case 'other':
      return [conflict.conflict_type, ...conflict.details].filter(Boolean).join(' — ') || 'Reported by the system without details.';
  }
}

/** The versions involved, e.g. "main → develop · git 3DEA122A → FD49E064". */
export function conflictVersions(conflict: PullConflict): string {
  const parts: string[] = [];
  if (conflict.branch_old || conflict.branch_new) parts.push(`${conflict.branch_old ?? '?'} → ${conflict.branch_new ?? '?'}`);
  if (conflict.git_sha_old && conflict.git_sha_new) parts.push(`git ${shortSha(conflict.git_sha_old)} → ${shortSha(conflict.git_sha_new)}`);
  else if (conflict.git_sha_old) parts.push(`git ${shortSha(conflict.git_sha_old)} (unchanged)`);
  return parts.join(' · ');
}

/** The confirmation text before pulling again with the handler's override. */
export function overwriteMessage(conflicts: readonly PullConflict[], count: number, context: { branch: string; system: string }): string {
  const names = conflicts.map((c) => `${c.object_type} ${c.object_name}`);
  const listed = names.length ? names.join(', ') : `${count} object(s)`;
  const branch = context.branch.trim() || 'the default branch';
  return `The pull runs again without the conflict check and replaces ${listed} in ${context.system} with the version from ${branch}. Changes made in SAP since the last pull are overwritten.`;
}
