// @ts-check
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  // ASTRO_OUT_DIR lets parallel builds (e.g. two test runs) keep apart; the default is dist/.
  outDir: process.env.ASTRO_OUT_DIR ?? './dist',
  // bodySizeLimit: the portal reads no request body (the editor area reads forms with a photo);
  // src/middleware/request-limits.ts refuses large ones unread, and this is the adapter's own backstop. Streaming off: every page is read
  // whole anyway (its ETag is a hash of the body, src/middleware/caching.ts), and one write of the
  // finished page costs less than many chunks.
  // Middleware mode: src/server/main.mjs is the server (drain, static files, compression).
  adapter: node({ mode: 'middleware', bodySizeLimit: 4 * 1024 * 1024, experimentalDisableStreaming: true }),
  // Astro puts script-src and style-src with the hashes of each page's inline scripts and styles
  // into its Content-Security-Policy header; src/middleware/security-headers.ts completes it.
  // checkOrigin off: it would answer a POST with a bare English 403 before the middleware, and
  // the portal accepts no POST at all (src/middleware/methods.ts answers 405 in German).
  security: { csp: true, checkOrigin: false },
  // The stylesheets (global + Leaflet, ~6 KB compressed) inline in each page: no render-blocking
  // round trip before the first paint on a slow mobile connection (Lighthouse FCP 2.8 s → 1.1 s on
  // the home page, `npm run audit`). Astro hashes them into the CSP's style-src like other inline styles.
  build: { inlineStylesheets: 'always' },
  server: { port: Number(process.env.PORT ?? 4321), host: process.env.HOST ?? 'localhost' },
});
