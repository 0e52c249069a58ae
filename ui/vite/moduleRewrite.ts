import type { Plugin } from 'vite';

/** Rewrites a module's source, or answers null to leave it as it is. */
export type ModuleRewrite = (code: string, path: string) => string | null;

/**
 * A build plugin that passes every module through `rewrite` with its file path (without Vite's
 * `?query`). It runs before Vite's own plugins, so a `.json` file is still its JSON text.
 */
export function moduleRewritePlugin(name: string, rewrite: ModuleRewrite): Plugin {
  return {
    name,
    enforce: 'pre',
    transform(code, id) {
      const rewritten = rewrite(code, id.split('?')[0] ?? id);
      return rewritten === null ? null : { code: rewritten, map: null };
    },
  };
}
