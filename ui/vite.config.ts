/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { ui5IconsV5Only } from './vite/ui5IconsV5Only';
import { ui5ThemeOnRoot } from './vite/ui5ThemeOnRoot';

// Tauri serves the built files from tauri://localhost, so paths stay relative;
// the dev server port is the one tauri.conf.json's devUrl points at.
export default defineConfig({
  base: './',
  plugins: [react(), ui5ThemeOnRoot(), ui5IconsV5Only()],
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
    watch: { ignored: ['**/src-tauri/**'] },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    chunkSizeWarningLimit: 4000,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'vite/**/*.test.ts'],
  },
});
