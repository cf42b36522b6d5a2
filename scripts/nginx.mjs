// nginx for the tests and the proxy benchmark: finds Debian's nginx and runs the production
// configuration of deploy/nginx on loopback, with its paths and ports moved into a temporary
// folder. Finding never installs anything; installing is a step of its own that says what it
// does, as for Chromium (scripts/chromium.mjs): `ensureNginx()` in `npm test`'s second step, or
// `node scripts/nginx.mjs --install`. `node scripts/nginx.mjs` prints the path.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { delimiter, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEPLOY = join(ROOT, 'deploy', 'nginx');
const DEBIAN_NGINX = '/usr/sbin/nginx';
const BROTLI_MODULE = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';
const NOT_FOUND =
  'nginx nicht gefunden. Bitte installieren: sudo apt-get install nginx (brotli dazu: libnginx-mod-http-brotli-filter; als root auch: node scripts/nginx.mjs --install)';

function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  for (const dir of [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin']) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return undefined;
}

function aptGet(args, required) {
  const result = spawnSync('apt-get', args, { stdio: ['ignore', 2, 2], env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (result.status !== 0 && required) {
    throw new Error(`apt-get ${args.join(' ')} ist fehlgeschlagen (Exit-Code ${result.status ?? result.signal}). ${NOT_FOUND}`);
  }
  return result.status === 0;
}

/** Path of the nginx binary: $NGINX_PATH, nginx on PATH or /usr/sbin/nginx. Installs nothing; throws a one-line message when there is none. */
export function findNginx() {
  const fromEnv = process.env.NGINX_PATH;
  if (fromEnv) {
    if (isExecutable(fromEnv)) return fromEnv;
    throw new Error(`NGINX_PATH=${fromEnv} ist keine ausführbare Datei.`);
  }
  const found = onPath('nginx');
  if (found) return found;
  throw new Error(NOT_FOUND);
}

/**
 * Installs Debian's nginx (and its brotli module where the archive has it) with apt-get, telling
 * so on stderr, without leaving the system's own nginx service running; only as root on a machine
 * with apt-get. Returns the path; throws a one-line message otherwise.
 */
export function installNginx() {
  if (process.getuid?.() !== 0 || !onPath('apt-get')) throw new Error(NOT_FOUND);
  console.error('nginx fehlt: installiere Debians Pakete nginx und libnginx-mod-http-brotli-filter (apt-get) …');
  aptGet(['update'], true);
  // The package starts the system's nginx on port 80 unless policy-rc.d forbids it: the tests
  // start their own on loopback, so the service is stopped again if it came up.
  aptGet(['install', '-y', '--no-install-recommends', 'nginx'], true);
  aptGet(['install', '-y', '--no-install-recommends', 'libnginx-mod-http-brotli-filter'], false);
  spawnSync(
    'sh',
    ['-c', 'command -v systemctl >/dev/null && systemctl stop nginx; [ -f /run/nginx.pid ] && kill "$(cat /run/nginx.pid)"'],
    { stdio: 'ignore' },
  );
  if (!isExecutable(DEBIAN_NGINX)) throw new Error(`${DEBIAN_NGINX} fehlt nach der Installation. ${NOT_FOUND}`);
  return DEBIAN_NGINX;
}

/** findNginx(), else installNginx(): for the step of npm test that says it installs. */
export function ensureNginx() {
  try {
    return findNginx();
  } catch (error) {
    if (process.env.NGINX_PATH) throw error;
    return installNginx();
  }
}

/** The production files with their paths and ports moved; throws when one of them is no longer there. */
function rendered(file, replacements) {
  let text = readFileSync(join(DEPLOY, file), 'utf8');
  for (const [from, to] of replacements) {
    if (from instanceof RegExp ? !from.test(text) : !text.includes(from)) throw new Error(`deploy/nginx/${file}: „${from}“ nicht gefunden`);
    text = text.replaceAll(from, to);
  }
  return text;
}

/** An nginx.conf around `http` parts, with every path nginx writes in `dir`. */
function mainConfig(dir, brotli, http) {
  const temp = join(dir, 'temp');
  return [
    brotli ? `load_module ${BROTLI_MODULE};` : '',
    process.getuid?.() === 0 ? 'user nobody nogroup;' : '',
    'worker_processes 1;',
    `pid ${join(dir, 'nginx.pid')};`,
    'error_log stderr error;',
    'events { worker_connections 2048; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  default_type application/octet-stream;',
    '  access_log off;',
    '  sendfile on;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${temp}/${name};`),
    ...http,
    '}',
  ].join('\n');
}

/** Resolves once something accepts connections on 127.0.0.1:port (or rejects when `child` ends first). */
async function waitForPort(port, child) {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx endete beim Start (Exit-Code ${child.exitCode})`);
    const connected = await new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
    });
    if (connected) return;
    // Not listening yet: try again once nginx had a moment (its start is a few milliseconds).
    await Promise.race([new Promise((resolve) => setTimeout(resolve, 50)), once(child, 'exit')]);
  }
}

/**
 * Starts nginx with deploy/nginx's configuration in `dir` (which, with its parents, nginx's
 * workers must be able to enter: as root they run as nobody): listening on 127.0.0.1:`port`, in
 * front of `replicas` (ports), answering data version `dataVersion`. `rate` and `burst` replace
 * the production rate limit (20r/s, burst 300); `extra` is added to the server block (the
 * benchmark's static floor). Returns the base URL, whether brotli is on, the version file and
 * the reload command (for deploy/publish-snapshot.mjs), nginx's error output and `stop`.
 */
export async function startNginx({ dir, port, replicas, dataVersion, rate = '20r/s', burst = '300', extra = '' }) {
  const nginx = findNginx();
  for (const sub of ['cache', 'temp', 'snippets']) mkdirSync(join(dir, sub), { recursive: true });
  // As root nginx's workers run as nobody: they write the cache and read the error pages.
  chmodSync(dir, 0o755);
  for (const sub of ['cache', 'temp']) chmodSync(join(dir, sub), 0o777);
  const brotli = existsSync(BROTLI_MODULE);
  const versionFile = join(dir, 'data-version.conf');
  writeFileSync(versionFile, `map $host $revierfinder_data_version { default "${dataVersion}"; }\n`);
  const http = rendered('conf.d/revierfinder.conf', [
    [
      / {4}server 127\.0\.0\.1:4321 .*\n {4}server 127\.0\.0\.1:4322 .*\n/g,
      replicas.map((p) => `    server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;\n`).join(''),
    ],
    ['/var/lib/revierfinder/nginx/data-version.conf', versionFile],
    ['/var/cache/nginx/revierfinder', join(dir, 'cache')],
    ['rate=20r/s', `rate=${rate}`],
  ]);
  const proxy = rendered('snippets/revierfinder-proxy.conf', [
    ['/etc/nginx/snippets/revierfinder-brotli[.]conf', join(dir, 'snippets', 'revierfinder-brotli[.]conf')],
    ['/srv/revierfinder/deploy/nginx/errors/', `${join(DEPLOY, 'errors')}/`],
    ['burst=300', `burst=${burst}`],
  ]);
  if (brotli)
    writeFileSync(join(dir, 'snippets', 'revierfinder-brotli.conf'), readFileSync(join(DEPLOY, 'optional', 'revierfinder-brotli.conf')));
  writeFileSync(join(dir, 'snippets', 'revierfinder-proxy.conf'), proxy);
  const conf = join(dir, 'nginx.conf');
  const server = [
    '  server {',
    `    listen 127.0.0.1:${port};`,
    '    server_name _;',
    `    include ${join(dir, 'snippets', 'revierfinder-proxy.conf')};`,
    extra,
    '  }',
  ];
  writeFileSync(conf, mainConfig(dir, brotli, [http, ...server]));
  const args = ['-p', dir, '-c', conf, '-g', 'daemon off;'];
  const test = spawnSync(nginx, [...args, '-t'], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t: ${test.stderr}`);
  // The public server blocks too (TLS, redirect), with a throwaway certificate: nginx -t only.
  const site = rendered('sites-available/revierfinder', [
    ['/etc/ssl/revierfinder/fullchain.pem', join(dir, 'cert.pem')],
    ['/etc/ssl/revierfinder/privkey.pem', join(dir, 'key.pem')],
    ['/etc/nginx/snippets/revierfinder-proxy.conf', join(dir, 'snippets', 'revierfinder-proxy.conf')],
  ]);
  const certificate = spawnSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=revierfinder.test',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { encoding: 'utf8' },
  );
  const siteCheck =
    certificate.status === 0
      ? (writeFileSync(join(dir, 'site.conf'), mainConfig(dir, brotli, [http, site])),
        spawnSync(nginx, ['-p', dir, '-c', join(dir, 'site.conf'), '-t'], { encoding: 'utf8' }))
      : null;
  const child = spawn(nginx, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk) => (errors += chunk));
  await waitForPort(port, child).catch((error) => {
    throw new Error(`${error.message}: ${errors}`);
  });
  return {
    base: `http://127.0.0.1:${port}`,
    brotli,
    /** `nginx -t` of the full production configuration (null where openssl is missing). */
    siteCheck: siteCheck && { ok: siteCheck.status === 0, output: siteCheck.stderr },
    versionFile,
    reloadCommand: `${nginx} ${args.slice(0, 4).join(' ')} -s reload`,
    errors: () => errors,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGQUIT');
      await once(child, 'exit');
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    console.log(process.argv.includes('--install') ? ensureNginx() : findNginx());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
