// SAP icons for lists that render thousands of rows while the user scrolls. `ui5-icon` is a
// custom element with its own shadow tree: creating or renaming one per scrolled row left
// WebKit about 11 MB per 1,000 rows until its next full GC, and an inline SVG whose path
// changes still about 4 MB (message monitor benchmark). A CSS mask costs a class change.
//
// Usage: put `iconVariables(shapes)` on the list's root as its style, and give each icon
// element a class whose rule sets `--icon: var(--icon-<key>)` (see messages.css).

/** An icon's drawing, as `@ui5/webcomponents-icons/dist/v5/<name>.js` exports it (Horizon). */
export interface IconShape {
  pathData: string;
  viewBox: string;
}

/** The icon as a data URL, for `mask-image`. */
export function iconUrl(shape: IconShape): string {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${shape.viewBox}"><path d="${shape.pathData}"/></svg>`;
  return `url("data:image/svg+xml,${encodeURIComponent(svg)}")`;
}

/** CSS custom properties `--icon-<key>` holding each icon's URL. */
export function iconVariables<K extends string>(shapes: Record<K, IconShape>): Record<string, string> {
  return Object.fromEntries(Object.entries<IconShape>(shapes).map(([key, shape]) => [`--icon-${key}`, iconUrl(shape)]));
}
