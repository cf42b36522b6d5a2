import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The middleware's helpers (defineMiddleware, sequence) are a virtual module inside Astro's
    // build; tests/integration/middleware.test.ts calls the middleware functions directly.
    alias: { 'astro:middleware': 'astro/virtual-modules/middleware.js' },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/integration/**/*.test.ts'],
    testTimeout: 30_000,
    // Suites build a database in beforeAll (10 s and more on a busy two-core machine): a hang
    // guard, not a speed target (those are in npm run bench).
    hookTimeout: 60_000,
  },
});
