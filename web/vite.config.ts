import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { aliases } from './aliases.js';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: { alias: aliases },
  // Relative asset addresses: the same build works at / and below a path prefix (PUBLIC_URL with a path).
  base: './',
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: {
    // `npm run dev:web` beside the API server (PORT, 3000 by default) serves the Banner with hot reload.
    proxy: { '/api': { target: process.env.SMSDESK_API ?? 'http://127.0.0.1:3000' } },
  },
});
