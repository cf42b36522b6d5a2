// @ts-check
// The floor of `npm run bench`: a minimal Astro app with the portal's framework, adapter and
// adapter options, answering fixed bytes, served as the portal is (bench/floor/serve.mjs, like
// src/server/main.mjs: the adapter's middleware-mode handler in a node:http server, no static
// files). bench/load.ts builds it into .cache/bench-floor/.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  outDir: new URL('../../.cache/bench-floor/', import.meta.url).pathname,
  adapter: node({ mode: 'middleware', bodySizeLimit: 64 * 1024, experimentalDisableStreaming: true }),
  security: { checkOrigin: false },
});
