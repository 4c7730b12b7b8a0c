import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The server serves `dist/` at `/` with an SPA fallback to index.html; in dev, Vite proxies the API to it. */
export default defineConfig({
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
  },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false, ws: true },
    },
  },
});
