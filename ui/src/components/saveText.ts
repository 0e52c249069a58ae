import { save } from '@tauri-apps/plugin-dialog';
import { files, type AppError } from '../api';

/**
 * Lets the user save text to a file: a native save dialog, then Rust writes the file.
 * Where that command is missing (or outside the app) the browser download is used.
 * Returns the saved path, null when the user cancelled, or an error.
 */
export async function saveTextAs(
  suggestedName: string,
  content: string,
  filter: { name: string; extensions: string[] },
): Promise<{ path: string } | null | { error: AppError }> {
  let path: string | null;
  try {
    path = await save({ defaultPath: suggestedName, filters: [filter] });
  } catch {
    return download(suggestedName, content);
  }
  if (!path) return null;
  const result = await files.saveText(path, content);
  if (result.status === 'ok') return { path };
  if (result.error.kind === 'not_found') return download(suggestedName, content);
  return { error: result.error };
}

function download(name: string, content: string): { path: string } {
  const url = URL.createObjectURL(new Blob([content], { type: 'application/xml' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { path: name };
}
