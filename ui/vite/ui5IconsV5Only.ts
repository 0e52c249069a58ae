import { moduleRewritePlugin } from './moduleRewrite';

// Each `@ui5/webcomponents-icons/dist/<name>.js` imports two drawings of its icon, the
// SAP-icons-v4 one (for the older Quartz and Belize themes) and the v5 one (Horizon), and
// registers both. Agent Desk ships only the Horizon themes (ui/src/theme/assets.ts), so every
// v4 drawing is dead weight that is still parsed at start-up: 67 KiB of the first chunk alone.
//
// The build rewrites each such module to its v5 drawing only. Its exports stay the same (the
// icon's name as default export, and `getPathData`, `ltr`, `viewBox`, `accData`), so UI5's
// components and ours import icons exactly as documented.

const ICON_MODULE = /[\\/]@ui5[\\/]webcomponents-icons[\\/]dist[\\/]([^\\/]+)\.js$/;
const V4_IMPORT = /import \{ pathData as pathDatav4, ([^}]*)\} from "\.\/v4\/([^"]+)";/;
const V5_IMPORT = /import \{ pathData as pathDatav5 \} from "\.\/v5\/([^"]+)";/;

/** The icon module with its v4 drawing left out, or null when `path` is not an icon module of that shape. */
export function rewriteIconModule(code: string, path: string): string | null {
  if (!ICON_MODULE.test(path)) return null;
  const v4 = V4_IMPORT.exec(code);
  const v5 = V5_IMPORT.exec(code);
  if (!v4 || !v5 || v4[2] !== v5[1]) return null;
  const names = v4[1]!.trim();
  return code
    .replace(v4[0], '')
    .replace(v5[0], `import { pathData as pathDatav5, ${names} } from "./v5/${v5[1]}";`)
    .replace(/import \{ isLegacyThemeFamilyAsync \} from "[^"]+";\n?/, '')
    .replace(/return await isLegacyThemeFamilyAsync\(\) \? pathDatav4 : pathDatav5;/, 'return pathDatav5;');
}

export const ui5IconsV5Only = () => moduleRewritePlugin('agent-desk:ui5-icons-v5-only', rewriteIconModule);
