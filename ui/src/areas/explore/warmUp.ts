// Loads the monospace font before the first source is shown: loading and applying it on the
// first code view costs a noticeable pause (measured: most of the first open of a class).
let started = false;

export function warmUpSourceFont(): void {
  if (started || typeof document === 'undefined' || !document.fonts) return;
  started = true;
  void document.fonts.load('13px "72Mono"').catch(() => undefined);
}
