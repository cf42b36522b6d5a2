/**
 * The widget's scripts as host pages load them: the loader within its size budget (3 KB
 * compressed), and neither script touching storage, cookies or other hosts.
 */
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const loader = readFileSync('public/widget.js');
const frameScript = readFileSync('public/widget-frame.js');

describe('public/widget.js (the loader)', () => {
  it('is at most 3 KB gzip-compressed', () => {
    const size = gzipSync(loader, { level: 9 }).length;
    expect(size).toBeLessThanOrEqual(3 * 1024);
  });

  it('parses as a script and wraps everything in one function (no global names)', () => {
    const source = loader.toString('utf8');
    // Compiling (never running) the loader is how the test knows it parses as a classic script.
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    expect(() => new Function(source)).not.toThrow();
    const code = source.replace(/\/\*[\s\S]*?\*\//g, '').trim();
    expect(code.startsWith('(function () {')).toBe(true);
    expect(code.endsWith('})();')).toBe(true);
  });

  it('checks origin, type, widget id and sender of every message', () => {
    const source = loader.toString('utf8');
    expect(source).toContain('event.origin !== portal');
    expect(source).toContain("message.type !== 'revierfinder:size'");
    expect(source).toContain('frames.get(message.id)');
    expect(source).toContain('event.source !== widget.frame.contentWindow');
  });
});

describe('both scripts', () => {
  it.each([
    ['widget.js', loader],
    ['widget-frame.js', frameScript],
  ])('%s uses no cookies, no storage and no network requests', (_name, file) => {
    const source = file
      .toString('utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const forbidden of ['cookie', 'localStorage', 'sessionStorage', 'indexedDB', 'fetch(', 'XMLHttpRequest', 'sendBeacon', 'eval(']) {
      expect(source).not.toContain(forbidden);
    }
  });

  it('the frame script posts only to the checked host origin, never to "*"', () => {
    const source = frameScript.toString('utf8');
    expect(source).toMatch(/postMessage\(\{ type: 'revierfinder:size', id: id, height: height \}, origin\)/);
    expect(source).not.toContain("'*'");
  });
});
