import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ThemeProvider } from '@ui5/webcomponents-react';
import { applyTheme } from './theme/assets';
import { preloadSourceFonts } from './theme/preloadFonts';
import { loadPreferences } from './app/preferences';
import { App } from './app/App';
import './app/global.css';

const root = document.getElementById('root');
if (root) {
  void applyTheme(loadPreferences().theme);
  preloadSourceFonts();
  createRoot(root).render(
    <StrictMode>
      <ThemeProvider>
        <App />
      </ThemeProvider>
    </StrictMode>,
  );
}
