/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteIconModule } from './ui5IconsV5Only';

const icons = resolve(__dirname, '..', 'node_modules', '@ui5', 'webcomponents-icons', 'dist');

describe('rewriteIconModule', () => {
  it('leaves the v4 and v5 drawings and other files alone', () => {
    for (const name of ['v4/accept.js', 'v5/accept.js', 'AllIcons.js']) {
      const file = join(icons, name);
      expect(rewriteIconModule(readFileSync(file, 'utf8'), file), name).toBeNull();
    }
  });

  // Every icon of the installed package, so that an upgrade changing the modules' shape fails
  // here instead of shipping icons that no longer draw.
  it('keeps every icon’s exports and imports only its v5 drawing', () => {
    const modules = readdirSync(icons).filter((name: string) => name.endsWith('.js') && !/^(AllIcons|Assets)/.test(name));
    expect(modules.length).toBeGreaterThan(600);
    for (const name of modules) {
      const file = join(icons, name);
      const rewritten = rewriteIconModule(readFileSync(file, 'utf8'), file);
      expect(rewritten, name).not.toBeNull();
      expect(rewritten, name).not.toContain('/v4/');
      expect(rewritten, name).not.toContain('isLegacyThemeFamilyAsync');
      expect(rewritten, name).toContain(`from "./v5/${name}"`);
      expect(rewritten, name).toMatch(/return pathDatav5;/);
      expect(rewritten, name).toContain('export { getPathData, ltr, viewBox, accData };');
      expect(rewritten, name).toMatch(/import \{ pathData as pathDatav5, ltr, viewBox, accData \}/);
    }
  });
});
