/** Requests as tab-separated text for the clipboard. */
export function transportsAsText(list: readonly { number: string; description: string; owner: string; date: string }[]): string {
  return ['Request\tDescription\tOwner\tDate', ...list.map((t) => [t.number, t.description, t.owner, t.date].join('\t'))].join('\n');
}
