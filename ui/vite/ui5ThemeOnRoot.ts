import { moduleRewritePlugin } from './moduleRewrite';

// UI5 Web Components 2.x declare each component package's theme parameters (about 1,500
// `--ui5-*` custom properties) on `:host`, in a style sheet every component's shadow root
// adopts. Every UI5 element on the page then computes and stores its own copy of all of them:
// measured in this app's web process, that is most of its idle memory above an empty page.
//
// UI5 chose `:host` so that an app can restyle one element (`<ui5-button style="--sap…">`)
// and switch content density on a subtree. Agent Desk does neither: it is cozy everywhere and
// themes only the whole page. So the build declares the same parameters once, on `:root`,
// where every shadow tree inherits them (custom properties cross shadow boundaries), which is
// the `cssVariablesTarget: "root"` mode UI5's framework already supports.
//
// Two rewrites, both on UI5's generated files only:
// - a package's parameter bundles start with `:host{` → `:root{`;
// - the components' style modules register their package's default theme with `"host"` →
//   `"root"` (the last registration decides the target, and lazily loaded areas register again).

const GENERATED = /[\\/]@ui5[\\/]webcomponents(?:-fiori)?[\\/]dist[\\/]generated[\\/]/;
const PARAMETER_BUNDLE = /parameters-bundle\.css\.(?:js|json)$/;
const COMPONENT_STYLES = /[\\/]themes[\\/][^\\/]+\.css\.js$/;
const HOST_REGISTRATION = /(registerThemePropertiesLoader\([^;]*?,\s*async \(\) => \w+),\s*"host"\)/g;

/** The rewritten module, or null when `path` is not one of UI5's theme files or needs no change. */
export function rewriteUi5ThemeModule(code: string, path: string): string | null {
  if (!GENERATED.test(path)) return null;
  if (PARAMETER_BUNDLE.test(path)) {
    const at = code.indexOf(':host{');
    if (at < 0) return null;
    return `${code.slice(0, at)}:root{${code.slice(at + ':host{'.length)}`;
  }
  if (COMPONENT_STYLES.test(path)) {
    const rewritten = code.replace(HOST_REGISTRATION, '$1, "root")');
    return rewritten === code ? null : rewritten;
  }
  return null;
}

export const ui5ThemeOnRoot = () => moduleRewritePlugin('agent-desk:ui5-theme-on-root', rewriteUi5ThemeModule);
