import { describe, expect, it } from 'vitest';
import {
  AccountRegistry,
  isLookalike,
  parseAccountInput,
  skeleton,
  withinOneEdit,
  type RegisteredAccount,
} from '../../../src/domain/accounts';
import type { Platform } from '../../../src/domain/model';

// A fictional registry with one account of every form a registry entry can take.
const ACCOUNTS: RegisteredAccount[] = [
  { id: 'x', platform: 'x', handle: 'polizei_celle', url: '/demo-konto/x' },
  { id: 'ig', platform: 'instagram', handle: 'polizei.celle', url: '/demo-konto/ig' },
  { id: 'fb', platform: 'facebook', handle: 'PolizeiCelle', url: '/demo-konto/fb' },
  {
    id: 'fb-id',
    platform: 'facebook',
    handle: '100064123456789',
    url: 'https://www.facebook.com/profile.php?id=100064123456789',
  },
  { id: 'yt', platform: 'youtube', handle: '@polizeicelle', url: '/demo-konto/yt' },
  { id: 'yt-channel', platform: 'youtube', handle: 'UCabcdefghijklmnopqrstuv', url: '/demo-konto/yt-channel' },
  {
    id: 'yt-custom',
    platform: 'youtube',
    handle: '@polizei_nds',
    url: 'https://www.youtube.com/c/PolizeiNiedersachsen',
  },
  { id: 'tt', platform: 'tiktok', handle: 'polizei.celle', url: '/demo-konto/tt' },
  { id: 'masto', platform: 'mastodon', handle: '@polizei_celle@social.example', url: '/demo-konto/masto' },
  { id: 'bsky', platform: 'bluesky', handle: 'polizei-celle.bsky.social', url: '/demo-konto/bsky' },
  { id: 'bsky-did', platform: 'bluesky', handle: 'did:plc:abcdefghijklmnopqrstuvwx', url: '/demo-konto/bsky-did' },
  { id: 'threads', platform: 'threads', handle: 'polizei.celle', url: '/demo-konto/threads' },
  { id: 'wa', platform: 'whatsapp', handle: '0029VaExampleChannel01', url: '/demo-konto/wa' },
];
const registry = new AccountRegistry(ACCOUNTS);

type Expect = string[] | 'notFound' | `problem:${string}`;

// [input, platform hint, expected: the matching ids, notFound, or the problem reported]
const TABLE: Array<[string, Platform | null, Expect]> = [
  // X / Twitter
  ['https://x.com/polizei_celle', null, ['x']],
  ['https://twitter.com/polizei_celle', null, ['x']],
  ['https://mobile.twitter.com/Polizei_Celle', null, ['x']],
  ['https://www.x.com/polizei_celle/', null, ['x']],
  ['x.com/polizei_celle', null, ['x']],
  ['http://twitter.com/#!/polizei_celle', null, ['x']],
  ['https://x.com/polizei_celle/status/1790000000000000000?s=20&t=abc', null, ['x']],
  ['https://twitter.com/intent/user?screen_name=polizei_celle', null, ['x']],
  ['https://fxtwitter.com/polizei_celle', null, ['x']],
  ['https://x.com/@polizei_celle', null, ['x']],
  ['@Polizei_Celle', 'x', ['x']],
  ['polizei_celle', 'x', ['x']],
  ['\u200E@polizei_celle\u200F ', 'x', ['x']],
  ['https://x.com/home', null, 'problem:notAProfile'],
  ['https://x.com/search?q=polizei', null, 'problem:notAProfile'],
  ['https://t.co/AbCdEf', null, 'problem:shortLink'],
  // Instagram
  ['https://www.instagram.com/polizei.celle/', null, ['ig']],
  ['https://instagram.com/polizei.celle?igsh=MWZ4dGx1&utm_source=qr', null, ['ig']],
  ['https://www.instagram.com/stories/polizei.celle/3312345678/', null, ['ig']],
  ['instagr.am/Polizei.Celle', null, ['ig']],
  ['https://www.instagram.com/p/C1a2B3c4D5e/', null, 'problem:notAProfile'],
  ['https://www.instagram.com/reel/C1a2B3c4D5e/?igsh=abc', null, 'problem:notAProfile'],
  ['@polizei.celle', 'instagram', ['ig']],
  // Threads (same names as Instagram)
  ['https://www.threads.net/@polizei.celle', null, ['threads']],
  ['https://www.threads.com/@polizei.celle/post/C9xyz', null, ['threads']],
  ['https://www.threads.net/polizei.celle', null, 'problem:notAProfile'],
  // TikTok
  ['https://www.tiktok.com/@polizei.celle?_t=8kLmN&_r=1', null, ['tt']],
  ['https://www.tiktok.com/@polizei.celle/video/7312345678901234567?is_from_webapp=1', null, ['tt']],
  ['https://m.tiktok.com/@Polizei.Celle', null, ['tt']],
  ['https://vm.tiktok.com/ZMabcdef/', null, 'problem:shortLink'],
  ['@polizei.celle', 'tiktok', ['tt']],
  // Facebook: page names ignore dots and case; numeric ids in several URL forms
  ['https://www.facebook.com/PolizeiCelle', null, ['fb']],
  ['https://m.facebook.com/polizei.celle/', null, ['fb']],
  ['https://de-de.facebook.com/polizeicelle/posts/pfbid0abc', null, ['fb']],
  ['https://www.facebook.com/pg/PolizeiCelle/about/', null, ['fb']],
  ['fb.com/PolizeiCelle', null, ['fb']],
  ['https://www.facebook.com/profile.php?id=100064123456789', null, ['fb-id']],
  ['https://www.facebook.com/100064123456789', null, ['fb-id']],
  ['https://www.facebook.com/people/Polizei-Celle/100064123456789/', null, ['fb-id']],
  ['https://www.facebook.com/p/Polizei-Celle-100064123456789/', null, ['fb-id']],
  ['100064123456789', 'facebook', ['fb-id']],
  ['https://www.facebook.com/share/1AbCdEfG/', null, 'problem:shortLink'],
  ['https://www.facebook.com/groups/123456789', null, 'problem:notAProfile'],
  // YouTube: @handle, channel id, custom URL
  ['https://www.youtube.com/@polizeicelle', null, ['yt']],
  ['https://m.youtube.com/@PolizeiCelle/videos', null, ['yt']],
  ['@polizeicelle', 'youtube', ['yt']],
  ['https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv', null, ['yt-channel']],
  ['UCabcdefghijklmnopqrstuv', null, ['yt-channel']],
  ['https://www.youtube.com/c/PolizeiNiedersachsen', null, ['yt-custom']],
  ['https://youtube.com/PolizeiNiedersachsen?si=xyz', null, ['yt-custom']],
  ['https://www.youtube.com/@polizei_nds/featured', null, ['yt-custom']],
  ['https://www.youtube.com/watch?v=dQw4w9WgXcQ', null, 'problem:notAProfile'],
  ['https://youtu.be/dQw4w9WgXcQ', null, 'problem:notAProfile'],
  // A channel id is case-sensitive.
  ['https://www.youtube.com/channel/UCABCDEFGHIJKLMNOPQRSTUV', null, 'notFound'],
  // Mastodon
  ['@polizei_celle@social.example', null, ['masto']],
  ['polizei_celle@social.example', null, ['masto']],
  ['@Polizei_Celle@Social.Example', 'mastodon', ['masto']],
  ['https://social.example/@polizei_celle', null, ['masto']],
  ['https://social.example/@polizei_celle/112233445566', null, ['masto']],
  ['https://social.example/users/polizei_celle', null, ['masto']],
  ['https://mastodon.example/@polizei_celle@social.example', null, ['masto']],
  ['https://other.example/@polizei_celle', null, 'notFound'],
  ['https://www.polizei.example/impressum', null, 'problem:unknownSite'],
  // Bluesky: handle and DID
  ['https://bsky.app/profile/polizei-celle.bsky.social', null, ['bsky']],
  ['@polizei-celle.bsky.social', null, ['bsky']],
  ['https://bsky.app/profile/polizei-celle.bsky.social/post/3kabc', null, ['bsky']],
  ['did:plc:abcdefghijklmnopqrstuvwx', null, ['bsky-did']],
  ['https://bsky.app/profile/did:plc:abcdefghijklmnopqrstuvwx', null, ['bsky-did']],
  // WhatsApp channel
  ['https://whatsapp.com/channel/0029VaExampleChannel01', null, ['wa']],
  ['https://www.whatsapp.com/channel/0029vaexamplechannel01', null, 'notFound'],
  ['https://wa.me/4951100000', null, 'problem:notAProfile'],
  // A bare handle without platform: every platform where it is registered
  ['polizei.celle', null, ['ig', 'tt', 'threads', 'fb']],
  ['@polizei_celle', null, ['x']],
  // Look-alikes: letter swaps, Cyrillic and Greek homoglyphs, extra dots and underscores, digits
  ['https://x.com/polizie_celle', null, 'notFound'],
  ['https://x.com/polizei_cele', null, 'notFound'],
  ['https://x.com/polizei__celle', null, 'notFound'],
  ['https://x.com/polizei_celle_', null, 'notFound'],
  ['https://x.com/po1izei_celle', null, 'notFound'],
  ['https://x.com/polizei_сelle', null, 'notFound'], // Cyrillic с
  ['https://x.com/pоlizei_celle', null, 'notFound'], // Cyrillic о
  ['@polizei_celle', 'instagram', 'notFound'],
  ['https://www.instagram.com/polizei..celle/', null, 'notFound'],
  ['https://www.instagram.com/polizei.celle_/', null, 'notFound'],
  ['https://www.instagram.com/polizei_celle/', null, 'notFound'],
  ['https://www.instagram.com/polizeі.celle/', null, 'notFound'], // Cyrillic і
  ['https://www.tiktok.com/@polizei.ce11e', null, 'notFound'],
  ['https://www.youtube.com/@polizeicele', null, 'notFound'],
  ['https://www.youtube.com/@роlizeicelle', null, 'notFound'], // Cyrillic р, о
  ['https://social.example/@polizei.celle', null, 'notFound'],
  ['@polizei_celle@social.exarnple', null, 'notFound'],
  ['https://bsky.app/profile/polizei-celle.bsky.social.example', null, 'notFound'],
  ['https://bsky.app/profile/polizei-cel1e.bsky.social', null, 'notFound'],
  ['https://bsky.app/profile/polizeі-celle.bsky.social', null, 'notFound'], // Cyrillic і
  ['polizei_сelle', null, 'notFound'], // Cyrillic с, no platform
  ['ροlizei_celle', 'x', 'notFound'], // Greek ρ, ο
  ['https://www.facebook.com/PolizeiCeIle', null, 'notFound'], // capital I for l
  // Not a handle at all
  ['', null, 'problem:empty'],
  ['   \u200B ', null, 'problem:empty'],
  ['Polizei Celle', null, 'problem:invalidHandle'],
  ['<script>alert(1)</script>', null, 'problem:invalidHandle'],
  ['javascript:alert(1)', null, 'problem:invalidHandle'],
  ['ftp://x.com/polizei_celle', null, 'problem:unknownSite'],
  ['https://x.com/%E0%A4%A', null, 'problem:invalidHandle'],
  ['a'.repeat(501), null, 'problem:tooLong'],
];

describe('AccountRegistry.check: pasted URLs and handles', () => {
  it('has at least 60 variants in its table', () => {
    expect(TABLE.length).toBeGreaterThanOrEqual(60);
  });

  it('indexes every fixture account', () => {
    expect(registry.unindexed).toEqual([]);
  });

  it.each(TABLE)('%j (platform %s) → %j', (input, platform, expected) => {
    const result = registry.check(input, platform);
    if (Array.isArray(expected)) {
      expect(result.status, JSON.stringify(result)).toBe('official');
      if (result.status === 'official') expect(result.matches.map((m) => m.id).sort()).toEqual([...expected].sort());
    } else if (expected === 'notFound') {
      expect(result.status, JSON.stringify(result)).toBe('notFound');
    } else {
      expect(result).toEqual({ status: 'invalid', problem: expected.slice('problem:'.length) });
    }
  });
});

describe('look-alike warnings', () => {
  it.each<[string, Platform | null, string]>([
    ['https://x.com/polizie_celle', null, 'x'],
    ['https://x.com/polizei__celle', null, 'x'],
    ['https://x.com/polizei_сelle', null, 'x'],
    ['https://x.com/po1izei_celle', null, 'x'],
    ['https://www.instagram.com/polizei..celle/', null, 'ig'],
    ['https://www.instagram.com/polizeі.celle/', null, 'ig'],
    ['https://www.youtube.com/@роlizeicelle', null, 'yt'],
    ['@polizei_celle@social.exarnple', null, 'masto'],
    ['https://www.facebook.com/PolizeiCeIle', null, 'fb'],
  ])('%j is flagged as imitating %s', (input, platform, officialId) => {
    const result = registry.check(input, platform);
    expect(result.status).toBe('notFound');
    if (result.status === 'notFound') expect(result.lookalikes.map((entry) => entry.id)).toContain(officialId);
  });

  it('reports foreign characters', () => {
    const result = registry.check('https://x.com/polizei_сelle');
    expect(result).toMatchObject({ status: 'notFound', platform: 'x', foreignCharacters: true });
  });

  it('does not flag an unrelated handle', () => {
    const result = registry.check('https://x.com/feuerwehr_hannover');
    expect(result).toMatchObject({ status: 'notFound', lookalikes: [], foreignCharacters: false });
  });

  it('does not flag an official account on another platform as its own look-alike', () => {
    const result = registry.check('https://x.com/polizei_celle');
    expect(result.status).toBe('official');
  });
});

describe('the same handle on another platform', () => {
  it('names the platforms where the handle is official when it is checked on one where it is not', () => {
    const result = registry.check('polizei_celle', 'tiktok');
    expect(result.status).toBe('notFound');
    if (result.status === 'notFound') expect(result.elsewhere.map((entry) => entry.id)).toEqual(['x']);
    const viaUrl = registry.check('https://www.tiktok.com/@POLIZEI_CELLE?lang=de');
    if (viaUrl.status === 'notFound') expect(viaUrl.elsewhere.map((entry) => entry.id)).toEqual(['x']);
    else throw new Error('expected notFound');
  });

  it('says nothing of other platforms for an unrelated handle or a foreign-letter imitation', () => {
    const unrelated = registry.check('feuerwehr_celle', 'tiktok');
    const foreign = registry.check('polizei_сelle', 'tiktok');
    for (const result of [unrelated, foreign]) if (result.status === 'notFound') expect(result.elsewhere).toEqual([]);
  });
});

describe("the portal's own links to demo account pages", () => {
  const origins = ['https://revierfinder.example', 'http://127.0.0.1:4321'];
  it.each([
    'https://revierfinder.example/demo-konto/x',
    'https://revierfinder.example/en/demo-konto/x/',
    'http://127.0.0.1:4321/demo-konto/x?utm_source=share',
    '/demo-konto/x',
  ])('%j names its account', (input) => {
    const result = registry.check(input, null, { portalOrigins: origins });
    expect(result).toMatchObject({ status: 'official', platform: 'x', handle: 'polizei_celle' });
  });

  it('does not trust the same path on another host', () => {
    expect(registry.check('https://evil.example/demo-konto/x', null, { portalOrigins: origins }).status).not.toBe('official');
    expect(registry.check('https://revierfinder.example/demo-konto/unknown', null, { portalOrigins: origins }).status).not.toBe('official');
  });
});

describe('skeleton and edit distance', () => {
  it.each([
    ['polizei_celle', 'po1izei.celle'],
    ['polizei_celle', 'POLIZEI_CELLE'],
    ['polizei_celle', 'pоlizei_сelle'],
    ['modern', 'rnodern'],
    ['polizei', 'pοlizeι'],
  ])('%j and %j share a skeleton', (a, b) => {
    expect(skeleton(a)).toBe(skeleton(b));
  });

  it.each<[string, string, boolean]>([
    ['abcdef', 'abcdef', true],
    ['abcdef', 'abdcef', true],
    ['abcdef', 'abcde', true],
    ['abcdef', 'xabcdef', true],
    ['abcdef', 'abcxef', true],
    ['abcdef', 'badcef', false],
    ['abcdef', 'abcdefgh', false],
  ])('withinOneEdit(%j, %j) = %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
    expect(withinOneEdit(b, a)).toBe(expected);
  });

  it('needs five characters for a one-edit look-alike', () => {
    expect(isLookalike('abcd', 'abce')).toBe(false);
    expect(isLookalike('polizei', 'polizel')).toBe(true);
  });
});

describe('parseAccountInput', () => {
  it('reads the platform and handle of a URL', () => {
    expect(parseAccountInput('https://www.instagram.com/polizei.celle/?hl=de')).toEqual({
      ok: true,
      platform: 'instagram',
      handle: 'polizei.celle',
      keys: [{ platform: 'instagram', key: 'instagram:polizei.celle' }],
      foreignCharacters: false,
    });
  });

  it('lets a URL win over a platform hint', () => {
    const parsed = parseAccountInput('https://x.com/polizei_celle', 'instagram');
    expect(parsed).toMatchObject({ ok: true, platform: 'x' });
  });

  it('never throws on hostile input', () => {
    const samples = ['%', '%%%', 'https://', 'https://x.com/%ZZ', '@', '@@', 'did:', 'http://[::1]/@a', '\uD800', '🚓'.repeat(600)];
    for (const sample of samples) expect(() => parseAccountInput(sample)).not.toThrow();
  });
});
