// @ts-check
// The floor of `npm run bench`: a minimal Astro app with the portal's framework, adapter and
// adapter options, answering fixed bytes. bench/load.ts builds it into .cache/bench-floor/.
import { defineConfig } from 'astro/config';
import node from '@astrojs/node';

export default defineConfig({
  output: 'server',
  outDir: new URL('../../.cache/bench-floor/', import.meta.url).pathname,
  adapter: node({ mode: 'standalone', bodySizeLimit: 64 * 1024, experimentalDisableStreaming: true }),
  security: { checkOrigin: false },
});
