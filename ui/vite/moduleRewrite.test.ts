import { describe, expect, it } from 'vitest';
import { moduleRewritePlugin } from './moduleRewrite';

// The plugin's transform as a plain function: it uses no plugin context.
type Transform = (this: unknown, code: string, id: string) => unknown;

describe('moduleRewritePlugin', () => {
  it('gives the rewrite the file path without the query, and leaves null answers alone', () => {
    const seen: string[] = [];
    const plugin = moduleRewritePlugin('test', (code, path) => {
      seen.push(path);
      return path.endsWith('.json') ? code.toUpperCase() : null;
    });
    const transform = plugin.transform as unknown as Transform;
    const context = {};
    expect(transform.call(context, '"a"', '/x/bundle.json?import')).toEqual({ code: '"A"', map: null });
    expect(transform.call(context, 'b', '/x/module.js')).toBeNull();
    expect(seen).toEqual(['/x/bundle.json', '/x/module.js']);
    expect(plugin.enforce).toBe('pre');
  });
});
