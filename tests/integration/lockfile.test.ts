/**
 * package-lock.json must let `npm ci` install every platform's packages, each checked against
 * its integrity hash (scripts/check-lockfile.mjs says why npm itself can leave holes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lockfileProblems } from '../../scripts/check-lockfile.mjs';

const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8'));

describe('package-lock.json', () => {
  it('is complete: every entry with an integrity hash, every optional platform build listed', () => {
    expect(lockfileProblems(lock)).toEqual([]);
    const bindings = Object.keys(lock.packages).filter((location) => location.startsWith('node_modules/@astrojs/compiler-binding-'));
    expect(bindings).toContain('node_modules/@astrojs/compiler-binding-darwin-arm64');
  });

  it('names an optional dependency npm left out, and an entry without integrity', () => {
    const holed = structuredClone(lock);
    const { version } = holed.packages['node_modules/@astrojs/compiler-binding-darwin-arm64'];
    delete holed.packages['node_modules/@astrojs/compiler-binding-darwin-arm64'];
    delete holed.packages['node_modules/@astrojs/compiler-binding-win32-x64-msvc'].integrity;
    expect(lockfileProblems(holed)).toEqual([
      `@astrojs/compiler-binding-darwin-arm64@${version} fehlt (optionale Abhängigkeit), gebraucht von node_modules/@astrojs/compiler-binding`,
      `node_modules/@astrojs/compiler-binding-win32-x64-msvc@${version}: ohne Integritäts-Hash (integrity)`,
    ]);
  });

  it('finds a dependency where Node finds it: nested first, then in the node_modules above', () => {
    const tree = {
      packages: {
        '': { dependencies: { a: '^1.0.0' }, devDependencies: { d: '^1.0.0' } },
        'node_modules/a': { version: '1.0.0', integrity: 'sha512-a', dependencies: { b: '^1.0.0', c: '^1.0.0' } },
        'node_modules/a/node_modules/b': { version: '1.0.0', integrity: 'sha512-b' },
        'node_modules/c': { version: '1.0.0', integrity: 'sha512-c' },
      },
    };
    expect(lockfileProblems(tree)).toEqual(['d@^1.0.0 fehlt, gebraucht von package.json']);
  });
});
