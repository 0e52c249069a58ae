import type { Result, SavedDownload } from '../../api';
import { saveWithCommand, type SaveOutcome } from '../../components';

const ZIP = { name: 'Zip archive', extensions: ['zip'] };

/** Asks where to save (the native dialog), then lets `write` stream the tenant's file there. Null when cancelled. */
export function saveDownload(
  suggestedName: string,
  write: (handle: string) => Promise<Result<SavedDownload>>,
  filter: { name: string; extensions: string[] } = ZIP,
): Promise<SaveOutcome | null> {
  return saveWithCommand(suggestedName, filter, async (handle) => {
    const written = await write(handle);
    return written.status === 'ok' ? { status: 'ok', data: written.data.path } : written;
  });
}
