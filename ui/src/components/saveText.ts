import { files, type AppError, type PickedFile, type Result } from '../api';

/** `path` is where the text went. */
export type SaveOutcome = { path: string } | { error: AppError };

/** The native save dialog (opened by Rust), for commands that write the file themselves; null when the user cancelled. */
export async function chooseSaveFile(
  title: string,
  suggestedName: string,
  filter: { name: string; extensions: string[] } | null,
): Promise<{ file: PickedFile } | { error: AppError } | null> {
  const answer = await files.pickSave(title, suggestedName, filter);
  if (answer.status === 'error') return { error: answer.error };
  return answer.data ? { file: answer.data } : null;
}

/** The native open dialog (opened by Rust); an empty list when the user cancelled. */
export async function chooseOpenFiles(
  title: string,
  options: { multiple?: boolean; filters?: { name: string; extensions: string[] }[] } = {},
): Promise<{ files: PickedFile[] } | { error: AppError }> {
  const answer = await files.pickOpen(title, options);
  return answer.status === 'error' ? { error: answer.error } : { files: answer.data };
}

/**
 * Lets the user save text to a file: Rust asks where (native save dialog) and writes it.
 * Never a browser download: in the webview it could replace the page. Null when the user cancelled.
 */
export async function saveTextAs(
  suggestedName: string,
  content: string,
  filter: { name: string; extensions: string[] },
): Promise<SaveOutcome | null> {
  const result = await files.saveText(suggestedName, content, filter);
  if (result.status === 'error') return { error: result.error };
  return result.data === null ? null : { path: result.data };
}

/**
 * Asks where to save (native dialog, from Rust), then lets `write` (a command that writes the
 * file itself) fill the chosen file's handle. Null when the user cancelled.
 */
export async function saveWithCommand(
  suggestedName: string,
  filter: { name: string; extensions: string[] },
  write: (handle: string) => Promise<Result<string>>,
): Promise<SaveOutcome | null> {
  const chosen = await chooseSaveFile(`Save ${suggestedName}`, suggestedName, filter);
  if (!chosen) return null;
  if ('error' in chosen) return chosen;
  const written = await write(chosen.file.handle);
  return written.status === 'error' ? { error: written.error } : { path: written.data };
}
