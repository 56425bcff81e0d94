import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The console: built into admin/dist and served by the server at /admin; `npm run admin:dev` proxies the API. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Every chunk is under 500 kB but exceljs's own minified browser build (930 kB), fetched only by the import and
    // export buttons.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        // Vendor code in a few long-cached chunks; the dashboard (recharts) and the import page (exceljs) are loaded
        // on demand (App.tsx, importApi.ts).
        codeSplitting: {
          groups: [
            // In this order: a group also takes the dependencies of what it captures that no earlier group took.
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom)[\\/]/ },
            { name: 'mui', test: /node_modules[\\/](@mui|@emotion|@popperjs)[\\/]/ },
            { name: 'graphql', test: /node_modules[\\/](graphql|graphql-ws|@apollo|@wry|optimism)[\\/]/ },
            { name: 'react-admin', test: /node_modules[\\/](react-admin|ra-[\w-]+|@tanstack|react-hook-form)[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    fs: { allow: ['..'] },
    proxy: {
      '/graphql': { target: process.env.API_URL ?? 'http://127.0.0.1:4000', ws: true, changeOrigin: true },
    },
  },
});
