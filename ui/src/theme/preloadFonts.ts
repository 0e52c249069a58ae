// Loads the monospace faces at app start, before any source is shown: loading and applying
// them on the first code view cost a noticeable pause (measured: most of the first open of a
// class). The faces are bundled (fonts.css); the CSP forbids remote fonts.
export function preloadSourceFonts(): void {
  if (typeof document === 'undefined' || !document.fonts) return;
  for (const face of ['13px "72Mono"', 'bold 13px "72Mono"']) {
    void document.fonts.load(face).catch(() => undefined);
  }
}
