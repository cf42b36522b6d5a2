/**
 * Reads what a citizen pastes to check an account (a profile URL in any of its usual forms, or a
 * handle) and turns it into canonical lookup keys. Index and query go through the same
 * functions, so a lookup is plain key equality.
 *
 * Strict on purpose: a handle must consist of the characters its platform allows (ASCII). A
 * look-alike character (Cyrillic "а" for Latin "a") never folds into the official handle: that
 * is exactly how fake accounts are made, so such input is reported, never matched.
 */
import { PLATFORMS, type Platform } from '../model';

/** Raw input beyond this many characters is rejected: no profile URL is that long. */
export const MAX_ACCOUNT_INPUT_LENGTH = 500;

export type AccountInputProblem =
  /** Nothing (or only invisible characters) was entered. */
  | 'empty'
  | 'tooLong'
  /** A link to a post, video, search or share dialog that does not name the account. */
  | 'notAProfile'
  /** A shortened link (t.co, vm.tiktok.com, …) whose target we cannot see without following it. */
  | 'shortLink'
  /** A web address of a site that is none of the platforms we know, nor a Mastodon profile. */
  | 'unknownSite'
  /** Characters no handle of the platform can contain (spaces, punctuation, a display name). */
  | 'invalidHandle';

/** One way to find an account in the registry. */
export interface AccountKey {
  platform: Platform;
  /** Canonical key, e.g. "x:polizei_celle", "facebook:id:100064", "mastodon:user@host". */
  key: string;
}

export type ParsedAccountInput =
  | { ok: false; problem: AccountInputProblem }
  | {
      ok: true;
      /** The platform, when the input names one (a URL, a Mastodon or Bluesky form, or the hint). */
      platform: Platform | null;
      /** The account part of the input as read, for display and look-alike comparison. */
      handle: string;
      /** Keys to look up; empty when the handle has characters the platform does not allow. */
      keys: AccountKey[];
      /** The handle contains non-ASCII letters (e.g. Cyrillic or Greek look-alikes). */
      foreignCharacters: boolean;
    };

type HandleKind = 'name' | 'id' | 'handle' | 'channel' | 'custom' | 'user' | 'did';

interface Located {
  platform: Platform;
  kind: HandleKind;
  value: string;
}

// Characters that are invisible or steer text direction: copying from a web page or an app
// often carries them along. They are never part of a handle.
// The Hangul fillers (U+115F, U+1160) are listed one by one on purpose, not as a sequence.
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\p{Cf}\u00AD\u034F\u115F\u1160\u3164\uFFA0]/gu;

const HOSTS: ReadonlyMap<string, Platform> = new Map([
  ['x.com', 'x'],
  ['twitter.com', 'x'],
  ['fxtwitter.com', 'x'],
  ['vxtwitter.com', 'x'],
  ['fixupx.com', 'x'],
  ['instagram.com', 'instagram'],
  ['instagr.am', 'instagram'],
  ['facebook.com', 'facebook'],
  ['fb.com', 'facebook'],
  ['fb.me', 'facebook'],
  ['youtube.com', 'youtube'],
  ['tiktok.com', 'tiktok'],
  ['threads.net', 'threads'],
  ['threads.com', 'threads'],
  ['bsky.app', 'bluesky'],
  ['whatsapp.com', 'whatsapp'],
]);

const SHORT_LINK_HOSTS = new Set([
  't.co',
  'bit.ly',
  'buff.ly',
  'ow.ly',
  'tinyurl.com',
  'goo.gl',
  'lnkd.in',
  'vm.tiktok.com',
  'vt.tiktok.com',
  'l.facebook.com',
  'l.instagram.com',
]);

/** Hosts that are links to something else than a profile (a video, a chat with a phone number). */
const NOT_PROFILE_HOSTS = new Set(['youtu.be', 'wa.me', 'chat.whatsapp.com']);

// Prefixes of the same site: mobile, language and legacy subdomains.
const SUBDOMAIN = /^(?:www|m|mobile|web|touch|mbasic|business|[a-z]{2}(?:-[a-z]{2})?)\./;

const X_RESERVED = new Set([
  'home',
  'explore',
  'search',
  'hashtag',
  'i',
  'settings',
  'messages',
  'notifications',
  'compose',
  'login',
  'logout',
  'signup',
  'tos',
  'privacy',
  'about',
  'download',
  'jobs',
  'share',
  'lists',
]);
const INSTAGRAM_RESERVED = new Set(['p', 'reel', 'reels', 'tv', 'explore', 'accounts', 'direct', 'about', 'legal', 'developer', 'web']);
const FACEBOOK_NOT_PROFILE = new Set([
  'groups',
  'events',
  'watch',
  'photo',
  'photo.php',
  'photos',
  'permalink.php',
  'story.php',
  'login',
  'login.php',
  'help',
  'marketplace',
  'gaming',
  'reel',
  'reels',
  'hashtag',
  'search',
  'sharer',
  'sharer.php',
  'home.php',
  'privacy',
  'policies',
  'messages',
  'notifications',
  'dialog',
  'plugins',
  'video.php',
  'videos',
]);
const YOUTUBE_NOT_PROFILE = new Set([
  'watch',
  'shorts',
  'embed',
  'live',
  'playlist',
  'results',
  'feed',
  'v',
  'clip',
  'post',
  'hashtag',
  'redirect',
]);
// Tabs of a YouTube channel page; the channel is the segment before.
const YOUTUBE_TABS = new Set(['videos', 'featured', 'shorts', 'streams', 'about', 'community', 'playlists', 'live', 'posts']);

const ASCII_HANDLE: Record<Platform, RegExp> = {
  x: /^[A-Za-z0-9_]{1,50}$/,
  instagram: /^[A-Za-z0-9._]{1,50}$/,
  threads: /^[A-Za-z0-9._]{1,50}$/,
  tiktok: /^[A-Za-z0-9._]{1,50}$/,
  facebook: /^[A-Za-z0-9._-]{1,80}$/,
  youtube: /^[A-Za-z0-9._-]{1,100}$/,
  // Bluesky handles are domain names; Mastodon's are checked as user@domain below.
  bluesky: /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/,
  mastodon:
    /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,62}[A-Za-z0-9_])?@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,62}$/,
  whatsapp: /^[A-Za-z0-9_-]{5,80}$/,
};
const FACEBOOK_ID = /^\d{5,20}$/;
const YOUTUBE_CHANNEL = /^UC[A-Za-z0-9_-]{22}$/;
const BLUESKY_DID = /^did:(?:plc:[a-z2-7]{24}|web:(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63})$/;

/**
 * Reads a pasted profile URL or handle. `platform` is a hint for a bare handle ("polizei_celle"
 * could be on any platform); a URL names its own platform and wins over the hint.
 */
export function parseAccountInput(raw: string, platform: Platform | null = null): ParsedAccountInput {
  if (raw.length > MAX_ACCOUNT_INPUT_LENGTH * 4) return { ok: false, problem: 'tooLong' };
  const text = raw.toWellFormed().normalize('NFC').replace(INVISIBLE, '').trim();
  if (text.length === 0) return { ok: false, problem: 'empty' };
  if ([...text].length > MAX_ACCOUNT_INPUT_LENGTH) return { ok: false, problem: 'tooLong' };

  if (looksLikeUrl(text)) {
    const located = locateInUrl(text);
    if ('problem' in located) return { ok: false, problem: located.problem };
    return keyed(located);
  }
  if (/\s/.test(text)) return { ok: false, problem: 'invalidHandle' };
  return readHandle(text, platform);
}

/** The lookup keys of a registered account, from its platform and handle as recorded. */
export function registeredKeys(platform: Platform, handle: string): AccountKey[] {
  const parsed = parseAccountInput(handle, platform);
  return parsed.ok ? parsed.keys.filter((key) => key.platform === platform) : [];
}

/** The lookup keys of a registered account's profile URL (empty for a portal-relative demo URL). */
export function urlKeys(url: string): AccountKey[] {
  if (!/^https?:\/\//i.test(url)) return [];
  const located = locateInUrl(url);
  if ('problem' in located) return [];
  const parsed = keyed(located);
  return parsed.ok ? parsed.keys : [];
}

function looksLikeUrl(text: string): boolean {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return true;
  // "x.com/polizei", "www.instagram.com/polizei": a host followed by a path, no scheme.
  return /^[^\s/@:]+\.[a-z]{2,}(?::\d+)?\//i.test(text);
}

function locateInUrl(text: string): Located | { problem: AccountInputProblem } {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
  } catch {
    return { problem: 'invalidHandle' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { problem: 'unknownSite' };
  const fullHost = url.hostname.replace(/\.$/, '');
  if (SHORT_LINK_HOSTS.has(fullHost)) return { problem: 'shortLink' };
  if (NOT_PROFILE_HOSTS.has(fullHost)) return { problem: 'notAProfile' };
  const bareHost = fullHost.replace(SUBDOMAIN, '');
  const platform = HOSTS.get(fullHost) ?? HOSTS.get(bareHost);
  // Old Twitter links: twitter.com/#!/name
  const path = url.hash.startsWith('#!/') ? url.hash.slice(2) : url.pathname;
  const segments = decodeSegments(path);
  if (segments === null) return { problem: 'invalidHandle' };
  if (!platform) return locateMastodon(fullHost, segments);
  const [first = '', second = '', third = ''] = segments;
  const firstLower = first.toLowerCase();
  const notProfile = { problem: 'notAProfile' as const };

  switch (platform) {
    case 'x': {
      if (firstLower === 'intent' || firstLower === 'share') {
        const name = url.searchParams.get('screen_name');
        return name ? { platform, kind: 'name', value: name } : notProfile;
      }
      if (!first || X_RESERVED.has(firstLower)) return notProfile;
      return { platform, kind: 'name', value: stripAt(first) };
    }
    case 'instagram':
      if (firstLower === 'stories' && second && second !== 'highlights') return { platform, kind: 'name', value: second };
      if (!first || INSTAGRAM_RESERVED.has(firstLower) || firstLower === 'stories') return notProfile;
      return { platform, kind: 'name', value: stripAt(first) };
    case 'threads':
    case 'tiktok':
      if (firstLower === 't' && platform === 'tiktok') return { problem: 'shortLink' };
      return first.startsWith('@') && first.length > 1 ? { platform, kind: 'name', value: first.slice(1) } : notProfile;
    case 'facebook': {
      if (firstLower === 'share') return { problem: 'shortLink' };
      if (firstLower === 'profile.php') {
        const id = url.searchParams.get('id');
        return id ? { platform, kind: 'id', value: id } : notProfile;
      }
      if (firstLower === 'people' && third) return { platform, kind: 'id', value: third };
      if (firstLower === 'pages') {
        const id = segments.slice(1).find((segment) => FACEBOOK_ID.test(segment));
        return id ? { platform, kind: 'id', value: id } : notProfile;
      }
      // New page addresses: facebook.com/p/Polizei-Celle-100064123456789/
      if (firstLower === 'p' && second) {
        const id = /-(\d{5,20})$/.exec(second)?.[1] ?? (FACEBOOK_ID.test(second) ? second : null);
        return id ? { platform, kind: 'id', value: id } : notProfile;
      }
      if (firstLower === 'pg' && second) return { platform, kind: 'name', value: second };
      if (!first || FACEBOOK_NOT_PROFILE.has(firstLower)) return notProfile;
      if (FACEBOOK_ID.test(first)) return { platform, kind: 'id', value: first };
      return { platform, kind: 'name', value: stripAt(first) };
    }
    case 'youtube': {
      if (first.startsWith('@') && first.length > 1) return { platform, kind: 'handle', value: first.slice(1) };
      if (firstLower === 'channel' && second) return { platform, kind: 'channel', value: second };
      if (firstLower === 'c' && second) return { platform, kind: 'custom', value: second };
      if (firstLower === 'user' && second) return { platform, kind: 'user', value: second };
      if (!first || YOUTUBE_NOT_PROFILE.has(firstLower) || YOUTUBE_TABS.has(firstLower)) return notProfile;
      // Legacy vanity address youtube.com/Name: the custom URL.
      return { platform, kind: 'custom', value: first };
    }
    case 'bluesky':
      if (firstLower !== 'profile' || !second) return notProfile;
      return second.toLowerCase().startsWith('did:')
        ? { platform, kind: 'did', value: second }
        : { platform, kind: 'handle', value: stripAt(second) };
    case 'whatsapp':
      return firstLower === 'channel' && second ? { platform, kind: 'id', value: second } : notProfile;
    case 'mastodon':
      return locateMastodon(fullHost, segments);
  }
}

/** Any other host: a Mastodon (or other fediverse) profile at /@user, /web/@user or /users/user. */
function locateMastodon(host: string, segments: string[]): Located | { problem: AccountInputProblem } {
  const rest = segments[0]?.toLowerCase() === 'web' ? segments.slice(1) : segments;
  const [first = '', second = ''] = rest;
  let user: string | null = null;
  if (first.startsWith('@') && first.length > 1) user = first.slice(1);
  else if (first.toLowerCase() === 'users' && second) user = second;
  if (user === null) return { problem: 'unknownSite' };
  // /@user@other.host on one instance shows a remote account: that is the account meant.
  return { platform: 'mastodon', kind: 'name', value: user.includes('@') ? user : `${user}@${host}` };
}

function readHandle(text: string, hint: Platform | null): ParsedAccountInput {
  const withoutAt = stripAt(text);
  // Mastodon: @user@instance or user@instance.
  if (withoutAt.includes('@') && (hint === null || hint === 'mastodon')) {
    return keyed({ platform: 'mastodon', kind: 'name', value: withoutAt });
  }
  if (/^did:/i.test(withoutAt) && (hint === null || hint === 'bluesky')) {
    return keyed({ platform: 'bluesky', kind: 'did', value: withoutAt });
  }
  if (YOUTUBE_CHANNEL.test(withoutAt) && (hint === null || hint === 'youtube')) {
    return keyed({ platform: 'youtube', kind: 'channel', value: withoutAt });
  }
  if (hint === 'facebook' && FACEBOOK_ID.test(withoutAt)) return keyed({ platform: 'facebook', kind: 'id', value: withoutAt });
  if (hint) return keyed({ platform: hint, kind: hint === 'youtube' || hint === 'bluesky' ? 'handle' : 'name', value: withoutAt });

  // No platform named: every platform whose handles can look like this.
  const foreign = hasForeignCharacters(withoutAt);
  const keys = PLATFORMS.flatMap((platform) => {
    if (platform === 'mastodon') return [];
    const kind: HandleKind = platform === 'youtube' || platform === 'bluesky' ? 'handle' : 'name';
    const result = keyed({ platform, kind, value: withoutAt });
    return result.ok ? result.keys : [];
  });
  if (keys.length === 0 && !foreign) return { ok: false, problem: 'invalidHandle' };
  return { ok: true, platform: null, handle: withoutAt, keys, foreignCharacters: foreign };
}

/** Validates a located handle against its platform's rules and makes its lookup key. */
function keyed({ platform, kind, value }: Located): ParsedAccountInput {
  const handle = value.trim();
  const foreignCharacters = hasForeignCharacters(handle);
  const key = keyFor(platform, kind, handle);
  if (key === null) {
    // Foreign letters: reported as not matching (and compared for look-alikes), not as a typo.
    if (foreignCharacters) return { ok: true, platform, handle, keys: [], foreignCharacters };
    return { ok: false, problem: 'invalidHandle' };
  }
  return { ok: true, platform, handle, keys: [{ platform, key }], foreignCharacters: false };
}

function keyFor(platform: Platform, kind: HandleKind, value: string): string | null {
  const lower = value.toLowerCase();
  switch (platform) {
    case 'facebook':
      if (kind === 'id') return FACEBOOK_ID.test(value) ? `facebook:id:${value}` : null;
      // Facebook ignores dots and case in page names: facebook.com/polizei.celle = /PolizeiCelle.
      return ASCII_HANDLE.facebook.test(value) ? `facebook:name:${lower.replaceAll('.', '')}` : null;
    case 'youtube':
      if (kind === 'channel') return YOUTUBE_CHANNEL.test(value) ? `youtube:channel:${value}` : null;
      if (!ASCII_HANDLE.youtube.test(value)) return null;
      return `youtube:${kind === 'custom' ? 'c' : kind === 'user' ? 'user' : 'handle'}:${lower}`;
    case 'bluesky':
      if (kind === 'did') return BLUESKY_DID.test(lower) ? `bluesky:did:${lower}` : null;
      return ASCII_HANDLE.bluesky.test(value) ? `bluesky:handle:${lower}` : null;
    case 'whatsapp':
      // Channel ids are case-sensitive.
      return ASCII_HANDLE.whatsapp.test(value) ? `whatsapp:${value}` : null;
    default:
      return ASCII_HANDLE[platform].test(value) ? `${platform}:${lower}` : null;
  }
}

function decodeSegments(path: string): string[] | null {
  try {
    return path
      .split('/')
      .filter(Boolean)
      .map((segment) => decodeURIComponent(segment).replace(INVISIBLE, '').trim());
  } catch {
    return null;
  }
}

function stripAt(value: string): string {
  return value.startsWith('@') ? value.slice(1) : value;
}

/** Letters outside ASCII: in a handle, the mark of a look-alike (homoglyph) imitation. */
export function hasForeignCharacters(value: string): boolean {
  return /[\u0080-\u{10FFFF}]/u.test(value);
}
