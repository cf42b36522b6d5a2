/** The widget's allowlist: which entries are accepted, and which host origins they admit. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_ALLOWED_ORIGINS,
  frameAncestors,
  loadAllowlist,
  originMatches,
  parseOriginPattern,
  type OriginPattern,
} from '../../../src/services/embed-origins';

const patterns = (...entries: string[]): OriginPattern[] =>
  entries.map((entry) => {
    const parsed = parseOriginPattern(entry);
    if (!parsed.ok) throw new Error(`${entry}: ${parsed.reason}`);
    return parsed.pattern;
  });

describe('parseOriginPattern', () => {
  it.each([
    ['https://www.pi-celle.example', 'https://www.pi-celle.example'],
    ['HTTPS://WWW.Celle.DE/', 'https://www.celle.de'],
    ['https://*.celle.de', 'https://*.celle.de'],
    ['http://localhost:*', 'http://localhost:*'],
    ['http://127.0.0.1:8080', 'http://127.0.0.1:8080'],
    ['  https://schule.example  ', 'https://schule.example'],
  ])('accepts %s as %s', (entry, source) => {
    const parsed = parseOriginPattern(entry);
    expect(parsed.ok && parsed.pattern.source).toBe(source);
  });

  it.each([
    ['', 'leer'],
    ['*', 'Platzhalter'],
    ["'self'", 'Schlüsselwörter'],
    ["'none'", 'Schlüsselwörter'],
    ['www.celle.de', 'https://'],
    ['ftp://celle.de', 'https://'],
    ['https://celle.de/pfad', 'keine gültige Herkunft'],
    ['https://celle.de?x=1', 'keine gültige Herkunft'],
    ['https://*', 'keine gültige Herkunft'],
    ['https://foo.*.de', 'keine gültige Herkunft'],
    ['https://user@celle.de', 'keine gültige Herkunft'],
    ['https://celle.de:0', 'Port'],
    ['https://celle.de:70000', 'Port'],
    ['https://celle.de; script-src *', 'keine gültige Herkunft'],
    ['https://celle.de https://evil.example', 'keine gültige Herkunft'],
  ])('rejects %j with a reason', (entry, reason) => {
    const parsed = parseOriginPattern(entry);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.reason).toContain(reason);
  });
});

describe('originMatches (as browsers match frame-ancestors)', () => {
  const list = patterns('https://www.celle.de', 'https://*.schule.example', 'http://localhost:*', 'https://alt.example:8443');

  it.each([
    ['https://www.celle.de', true],
    ['http://www.celle.de', false],
    ['https://celle.de', false],
    ['https://www.celle.de.evil.example', false],
    ['https://evilwww.celle.de', false],
    ['https://a.schule.example', true],
    ['https://a.b.schule.example', true],
    ['https://schule.example', false],
    ['https://notschule.example', false],
    ['http://localhost:4442', true],
    ['https://localhost:4442', true],
    ['http://localhost', true],
    ['http://127.0.0.1:4442', false],
    ['https://alt.example:8443', true],
    ['https://alt.example', false],
    ['https://www.celle.de/', false],
    ['null', false],
    ['', false],
    ['javascript:alert(1)', false],
  ])('%s → %s', (origin, expected) => {
    expect(originMatches(origin, list)).toBe(expected);
  });

  it('an http pattern without a port admits the secure upgrade on 443, as CSP does', () => {
    const plain = patterns('http://celle.de');
    expect(originMatches('https://celle.de', plain)).toBe(true);
    expect(originMatches('http://celle.de:8080', plain)).toBe(false);
  });
});

describe('loadAllowlist', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'embed-origins-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('uses the local demo defaults when neither variable nor file is there', () => {
    const list = loadAllowlist({ env: undefined, file: path.join(dir, 'fehlt.json') });
    expect(list.origin).toBe('default');
    expect(list.patterns.map((p) => p.source)).toEqual([...DEFAULT_ALLOWED_ORIGINS]);
    expect(list.problems).toEqual([]);
  });

  it('merges the variable and the file, drops duplicates and names every bad entry', async () => {
    const file = path.join(dir, 'origins.json');
    await writeFile(file, JSON.stringify({ origins: ['https://www.celle.de', 'celle.de', 'https://*.schule.example'] }));
    const list = loadAllowlist({ env: 'https://www.celle.de, https://pi.example  *', file });
    expect(list.origin).toBe('env+file');
    expect(list.patterns.map((p) => p.source)).toEqual(['https://www.celle.de', 'https://pi.example', 'https://*.schule.example']);
    expect(list.problems).toHaveLength(2);
    expect(list.problems[0]).toMatch(/^EMBED_ALLOWED_ORIGINS: „\*“ ignoriert/);
    expect(list.problems[1]).toContain('origins[1]: „celle.de“ ignoriert: muss mit https://');
  });

  it('reports a broken file clearly and ignores it; an empty list means only the portal itself', async () => {
    const broken = path.join(dir, 'kaputt.json');
    await writeFile(broken, '{ "origins": [');
    const fromBroken = loadAllowlist({ env: undefined, file: broken });
    expect(fromBroken.problems[0]).toContain('kein gültiges JSON');
    expect(fromBroken.patterns).toEqual([]);

    const wrongShape = path.join(dir, 'form.json');
    await writeFile(wrongShape, JSON.stringify(['https://www.celle.de']));
    expect(loadAllowlist({ env: undefined, file: wrongShape }).problems[0]).toContain('erwartet { "origins"');

    const empty = path.join(dir, 'leer.json');
    await writeFile(empty, JSON.stringify({ origins: [] }));
    const list = loadAllowlist({ env: '', file: empty });
    expect(list.origin).toBe('file');
    expect(list.patterns).toEqual([]);
    expect(frameAncestors(list.patterns)).toBe("frame-ancestors 'self'");
  });

  it('the shipped data/embed-origins.json is valid', () => {
    const list = loadAllowlist({ env: undefined, file: 'data/embed-origins.json' });
    expect(list.problems).toEqual([]);
    expect(list.origin).toBe('file');
    expect(frameAncestors(list.patterns)).toBe("frame-ancestors 'self' http://localhost:* http://127.0.0.1:*");
  });
});
