import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.WUYE_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  preview: {
    port: 4173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Only for scripts/bundle-report.mjs: the served build does not need to list its files.
    manifest: process.env.WUYE_BUNDLE_REPORT === '1',
    rolldownOptions: {
      // The contracts package re-exports its zod schemas next to the labels; the web app uses only the
      // labels and types, so let the bundler drop the schema modules (and zod with them).
      treeshake: {
        moduleSideEffects: (id: string) =>
          !/[\\/]packages[\\/]contracts[\\/]|[\\/]node_modules[\\/]zod[\\/]/.test(id),
      },
    },
  },
});
