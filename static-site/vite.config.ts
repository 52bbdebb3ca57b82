import { defineConfig } from 'vite';

// The built site is static files only; config.json is not among them: each environment serves its
// own next to index.html (the local cloud's gateway, Terraform's S3 object in AWS).
export default defineConfig({
  base: './',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    // `npm run dev` against `make run`: the API, the issuer and config.json come from the gateway,
    // so the dev server is the same origin as everything the site talks to.
    port: 5173,
    strictPort: true,
    proxy: Object.fromEntries(
      ['/products', '/orders', '/customers', '/oauth2', '/config.json'].map((path) => [
        path,
        { target: process.env.SHOP_URL ?? 'http://localhost:8080' },
      ]),
    ),
  },
});
