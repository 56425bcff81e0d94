import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The console: built into admin/dist and served by the server at /admin; `npm run admin:dev` proxies the API. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 3000 },
  server: {
    fs: { allow: ['..'] },
    proxy: {
      '/graphql': { target: process.env.API_URL ?? 'http://127.0.0.1:4000', ws: true, changeOrigin: true },
    },
  },
});
