import { save } from '@tauri-apps/plugin-dialog';
import { files, type AppError } from '../api';
import { copyText } from './clipboard';

/**
 * `path` is where the text went; `copied` is set when this version has no command to write
 * files and the text went to the clipboard instead (`path` then says so in words).
 */
export type SaveOutcome = { path: string; copied?: true } | { error: AppError };

/** The native save dialog; null when the user cancelled. */
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
 * Lets the user save text to a file: a native save dialog, then Rust writes the file.
 * Returns null when the user cancelled. Where the app has no command to write files,
 * the text is copied to the clipboard (never a browser download: it could replace the page).
 */
export async function saveTextAs(
  suggestedName: string,
  content: string,
  filter: { name: string; extensions: string[] },
): Promise<SaveOutcome | null> {
  const chosen = await chooseSavePath(suggestedName, filter);
  if (chosen === null || 'error' in chosen) return chosen;
  const { path } = chosen;
  const result = await files.saveText(path, content);
  if (result.status === 'ok') return { path };
  if (result.error.kind === 'not_found' && result.error.what === 'command') {
    return (await copyText(content))
      ? { path: 'the clipboard (this version cannot write files yet)', copied: true }
      : { error: result.error };
  }
  return { error: result.error };
}
