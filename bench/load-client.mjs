// The load generator, run as its own process so that it does not share a CPU core's event loop
// with the measuring script: `node bench/load-client.mjs <config.json>`. The config names a base
// URL, a list of paths to rotate through, connections and duration in seconds; the autocannon
// result is printed to stdout as one JSON line.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

const config = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const paths = config.paths;
let next = 0;

const result = await autocannon({
  url: config.url,
  connections: config.connections,
  duration: config.duration,
  // One request shape; each time a connection sends it, it takes the next path of the list.
  requests: [
    {
      method: 'GET',
      setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }),
    },
  ],
});

process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    latency: { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, max: result.latency.max },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    statusCodes: result.statusCodeStats,
    bytesPerSecond: result.throughput.average,
  })}\n`,
);
