import { save } from '@tauri-apps/plugin-dialog';
import { files, type AppError } from '../api';

/** `path` is where the text went. */
export type SaveOutcome = { path: string } | { error: AppError };

/** The native save dialog, for commands that write the file themselves; null when the user cancelled. */
export async function chooseSavePath(
  suggestedName: string,
  filter: { name: string; extensions: string[] },
): Promise<{ path: string } | { error: AppError } | null> {
  try {
    const path = await save({ defaultPath: suggestedName, filters: [filter] });
    return path ? { path } : null;
  } catch (raw) {
    return { error: { kind: 'config', field: 'file', message: String(raw) } };
  }
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
