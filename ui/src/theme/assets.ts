// Registers only the two Horizon themes, bundled with the app (the CSP forbids
// remote origins, and the full Assets.js would ship every theme and language).
import { registerThemePropertiesLoader } from '@ui5/webcomponents-base/dist/asset-registries/Themes.js';
import { setDefaultFontLoading } from '@ui5/webcomponents-base/dist/config/Fonts.js';
import { setTheme } from '@ui5/webcomponents-base/dist/config/Theme.js';
import { registerLocaleDataLoader } from '@ui5/webcomponents-base/dist/asset-registries/LocaleData.js';
import cldrEn from '@ui5/webcomponents-localization/dist/generated/assets/cldr/en.json';
import './fonts.css';
import './icons';

import themingLight from '@ui5/webcomponents-theming/dist/generated/assets/themes/sap_horizon/parameters-bundle.css.json';
import themingDark from '@ui5/webcomponents-theming/dist/generated/assets/themes/sap_horizon_dark/parameters-bundle.css.json';
import mainLight from '@ui5/webcomponents/dist/generated/assets/themes/sap_horizon/parameters-bundle.css.json';
import mainDark from '@ui5/webcomponents/dist/generated/assets/themes/sap_horizon_dark/parameters-bundle.css.json';
import fioriLight from '@ui5/webcomponents-fiori/dist/generated/assets/themes/sap_horizon/parameters-bundle.css.json';
import fioriDark from '@ui5/webcomponents-fiori/dist/generated/assets/themes/sap_horizon_dark/parameters-bundle.css.json';

export type ThemeName = 'sap_horizon' | 'sap_horizon_dark';

const bundles: Record<string, Record<ThemeName, unknown>> = {
  '@ui5/webcomponents-theming': { sap_horizon: themingLight, sap_horizon_dark: themingDark },
  '@ui5/webcomponents': { sap_horizon: mainLight, sap_horizon_dark: mainDark },
  '@ui5/webcomponents-fiori': { sap_horizon: fioriLight, sap_horizon_dark: fioriDark },
};

setDefaultFontLoading(false);
// English locale data (dates, numbers) from the bundle instead of the CDN fallback.
registerLocaleDataLoader('en', async () => cldrEn as never);
for (const [pkg, themes] of Object.entries(bundles)) {
  for (const name of Object.keys(themes) as ThemeName[]) {
    // Component packages scope their parameters to each component (`:host`), the theming base to the page.
    const target = pkg === '@ui5/webcomponents-theming' ? 'root' : 'host';
    registerThemePropertiesLoader(pkg, name, async () => themes[name] as never, target);
  }
}

export function applyTheme(theme: ThemeName): Promise<void> {
  document.documentElement.dataset.theme = theme;
  return setTheme(theme);
}
