// Serves the floor app (`node bench/floor/serve.mjs <its entry.mjs>`, HOST and PORT from the
// environment) the way src/server/main.mjs serves the portal: the adapter's handler in a plain
// node:http server. Nothing else: the floor is the framework's own cost.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const { handler } = await import(pathToFileURL(process.argv[2]).href);
const server = http.createServer(handler);
server.listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1', () => console.log(`listening on ${process.env.PORT}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
