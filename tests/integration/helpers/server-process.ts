/** What the integration and end-to-end tests share to start the production server process themselves. */
import { createServer } from 'node:net';
import path from 'node:path';

/** The production server entry (it serves the build in $ASTRO_OUT_DIR, default dist/). */
export const SERVER_ENTRY = path.join('src', 'server', 'main.mjs');

/** A TCP port nobody listens on right now, for a test's own server. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
