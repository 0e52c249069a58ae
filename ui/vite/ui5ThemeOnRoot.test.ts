/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteUi5ThemeModule } from './ui5ThemeOnRoot';

const ui5 = resolve(__dirname, '..', 'node_modules', '@ui5');
const packages = ['webcomponents', 'webcomponents-fiori'];
const themes = ['sap_horizon', 'sap_horizon_dark'];

describe('rewriteUi5ThemeModule', () => {
  it('leaves everything outside UI5’s generated files alone', () => {
    expect(rewriteUi5ThemeModule(':host{--a:1}', '/app/src/theme/parameters-bundle.css.json')).toBeNull();
    expect(rewriteUi5ThemeModule('x, "host")', '/app/node_modules/@ui5/webcomponents/dist/Button.js')).toBeNull();
  });

  // Against the installed packages, so an upgrade that changes their shape fails here, not in
  // a screen that silently loses its colours.
  for (const pkg of packages) {
    for (const theme of themes) {
      for (const ext of ['js', 'json']) {
        it(`moves ${pkg}'s ${theme} parameters (${ext}) from :host to :root`, () => {
          const file = join(ui5, pkg, 'dist', 'generated', ext === 'js' ? 'themes' : 'assets/themes', theme, `parameters-bundle.css.${ext}`);
          const rewritten = rewriteUi5ThemeModule(readFileSync(file, 'utf8'), file);
          expect(rewritten).not.toBeNull();
          // Vite's JSON plugin runs after this one: a `.json` bundle is still its JSON text here.
          const css = ext === 'json' ? (JSON.parse(rewritten ?? '""') as string) : (rewritten ?? '');
          expect(css).toMatch(/^[^{]*:root\{\s*--/);
          expect(css).not.toContain(':host');
        });
      }
    }

    it(`registers every ${pkg} component's default theme on :root`, () => {
      const dir = join(ui5, pkg, 'dist', 'generated', 'themes');
      const modules = readdirSync(dir).filter((name: string) => name.endsWith('.css.js'));
      expect(modules.length).toBeGreaterThan(10);
      for (const name of modules) {
        const source = readFileSync(join(dir, name), 'utf8');
        const rewritten = rewriteUi5ThemeModule(source, join(dir, name)) ?? source;
        expect(rewritten, name).not.toMatch(/"host"\)/);
        if (source.includes('registerThemePropertiesLoader(')) expect(rewritten, name).toMatch(/"root"\)/);
      }
    });
  }
});
