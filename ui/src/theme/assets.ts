// Registers only the two Horizon themes, bundled with the app (the CSP forbids
// remote origins, and the full Assets.js would ship every theme and language).
import { registerThemePropertiesLoader } from '@ui5/webcomponents-base/dist/asset-registries/Themes.js';
import { setDefaultFontLoading } from '@ui5/webcomponents-base/dist/config/Fonts.js';
import { setTheme } from '@ui5/webcomponents-base/dist/config/Theme.js';
import { registerLocaleDataLoader } from '@ui5/webcomponents-base/dist/asset-registries/LocaleData.js';
import './fonts.css';
import './icons';

export type ThemeName = 'sap_horizon' | 'sap_horizon_dark';

type Loader = () => Promise<{ default: unknown }>;

// Each theme's parameters load on first use (only the theme shown is fetched at start-up).
const bundles: Record<string, Record<ThemeName, Loader>> = {
  '@ui5/webcomponents-theming': {
    sap_horizon: () => import('@ui5/webcomponents-theming/dist/generated/assets/themes/sap_horizon/parameters-bundle.css.json'),
    sap_horizon_dark: () => import('@ui5/webcomponents-theming/dist/generated/assets/themes/sap_horizon_dark/parameters-bundle.css.json'),
  },
  '@ui5/webcomponents': {
    sap_horizon: () => import('@ui5/webcomponents/dist/generated/assets/themes/sap_horizon/parameters-bundle.css.json'),
    sap_horizon_dark: () => import('@ui5/webcomponents/dist/generated/assets/themes/sap_horizon_dark/parameters-bundle.css.json'),
  },
  '@ui5/webcomponents-fiori': {
    sap_horizon: () => import('@ui5/webcomponents-fiori/dist/generated/assets/themes/sap_horizon/parameters-bundle.css.json'),
    sap_horizon_dark: () => import('@ui5/webcomponents-fiori/dist/generated/assets/themes/sap_horizon_dark/parameters-bundle.css.json'),
  },
};

setDefaultFontLoading(false);
// English locale data (dates, numbers) from the bundle instead of the CDN fallback, when first needed.
registerLocaleDataLoader('en', async () => (await import('@ui5/webcomponents-localization/dist/generated/assets/cldr/en.json')).default as never);
for (const [pkg, themes] of Object.entries(bundles)) {
  for (const name of Object.keys(themes) as ThemeName[]) {
    // Every package's parameters go on the page's root, once: the build rewrites the component
    // packages' `:host` bundles to `:root` (ui/vite/ui5ThemeOnRoot.ts says why).
    registerThemePropertiesLoader(pkg, name, async () => (await themes[name]()).default as never, 'root');
  }
}

export function applyTheme(theme: ThemeName): Promise<void> {
  document.documentElement.dataset.theme = theme;
  return setTheme(theme);
}
