import { defineConfig } from 'vite';

/**
 * The customer portal: Preact through Vite's own JSX transform (no React plugin in this workspace). The server serves
 * `dist/index.html` for every `/portal/<handle>/...` page and the hashed files at `/portal/assets/`.
 */
export default defineConfig({
  base: '/portal/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
  },
  server: {
    port: 5174,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
});
