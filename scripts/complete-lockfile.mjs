// Adds lock entries for @astrojs/compiler-rs's other-platform bindings. The registry this project
// is built against does not serve them, so `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lock file as out of sync. Run after any `npm install` that rewrites the lock.
import { readFileSync, writeFileSync } from 'node:fs';

const lockPath = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, 'utf8'));
const parent = lock.packages['node_modules/@astrojs/compiler-binding'];
if (!parent) process.exit(0);
const platforms = {
  'android-arm64': ['android', 'arm64'],
  'darwin-arm64': ['darwin', 'arm64'],
  'darwin-x64': ['darwin', 'x64'],
  'linux-arm64-gnu': ['linux', 'arm64'],
  'linux-arm64-musl': ['linux', 'arm64'],
  'linux-x64-gnu': ['linux', 'x64'],
  'linux-x64-musl': ['linux', 'x64'],
  'wasm32-wasi': [null, 'wasm32'],
  'win32-arm64-msvc': ['win32', 'arm64'],
  'win32-x64-msvc': ['win32', 'x64'],
};
let added = 0;
for (const [name, version] of Object.entries(parent.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  const platform = platforms[name.replace('@astrojs/compiler-binding-', '')];
  if (lock.packages[key] || !platform) continue;
  const [os, cpu] = platform;
  lock.packages[key] = { version, license: 'MIT', optional: true, cpu: [cpu], ...(os ? { os: [os] } : {}) };
  added += 1;
}
writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`package-lock.json: ${added} platform entries added`);
