// Pages of preview data larger than one server call.
import { preview as previewApi, type PreviewRequest, type PreviewResult, type ProfileId, type Result } from '../../api';

export const PAGE_LIMIT = 100;

/**
 * The most rows "all rows" reads (sorting and exporting the whole result): 10,000 rows of a
 * wide table are tens of megabytes in the page, and 100 calls to the system.
 */
export const ALL_ROWS_CAP = 10_000;

const preview = previewApi.page;

/**
 * Up to `rows` rows from `offset` on, for the first object of the request: the server
 * gives at most 100 rows per call, so larger pages are read in consecutive calls.
 */
export async function previewRows(
  profileId: ProfileId,
  request: PreviewRequest,
  rows: number,
  onProgress?: (read: number, of: number) => void,
): Promise<Result<PreviewResult>> {
  const first = await preview(profileId, { ...request, limit: Math.min(rows, PAGE_LIMIT) });
  if (first.status === 'error') return first;
  const table = first.data.objects[0];
  if (!table || table.error) return first;
  let lastPage = table.rows.length;
  const goal = () => Math.min(rows, table.total_rows - request.offset);
  onProgress?.(table.rows.length, goal());
  while (table.rows.length < rows && lastPage > 0 && request.offset + table.rows.length < table.total_rows) {
    const next = await preview(profileId, {
      ...request,
      offset: request.offset + table.rows.length,
      limit: Math.min(rows - table.rows.length, PAGE_LIMIT),
    });
    if (next.status === 'error') return next;
    const page = next.data.objects[0];
    lastPage = page?.rows.length ?? 0;
    if (page) table.rows.push(...page.rows);
    first.data.pagination = next.data.pagination;
    onProgress?.(table.rows.length, goal());
  }
  table.row_count = table.rows.length;
  return first;
}
