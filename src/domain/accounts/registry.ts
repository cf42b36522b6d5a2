/**
 * The registry of official accounts as a lookup structure: every registered account indexed by
 * the canonical keys of its handle and (where it is a real profile URL) of its URL.
 */
import type { Platform } from '../model';
import { isLookalike } from './lookalike';
import { parseAccountInput, registeredKeys, urlKeys, type AccountInputProblem } from './normalise';

export interface RegisteredAccount {
  id: string;
  platform: Platform;
  handle: string;
  url: string;
}

export type AccountCheck<T extends RegisteredAccount> =
  | { status: 'invalid'; problem: AccountInputProblem }
  | {
      status: 'official';
      platform: Platform | null;
      handle: string;
      matches: T[];
    }
  | {
      status: 'notFound';
      platform: Platform | null;
      handle: string;
      /** Official accounts this input imitates or could be confused with. */
      lookalikes: T[];
      /**
       * Official accounts with exactly this handle on other platforms: the commonest fake copies
       * an officer's name onto a platform where the officer has no account.
       */
      elsewhere: T[];
      foreignCharacters: boolean;
    };

/** What the registry needs to know besides the input. */
export interface CheckOptions {
  /** The portal's own origins: its links to demo account pages (/demo-konto/<id>) name an account. */
  portalOrigins?: readonly string[];
}

// The portal's page of a demo account, in any UI language: /demo-konto/<id> or /en/demo-konto/<id>.
const PORTAL_ACCOUNT_PATH = /^(?:\/[a-z]{2,3})?(\/demo-konto\/[a-z0-9-]+)\/?$/;

export class AccountRegistry<T extends RegisteredAccount> {
  private readonly byKey = new Map<string, T[]>();
  private readonly entries: T[];
  /** Registered accounts whose handle could not be read: a data error to fix at import. */
  readonly unindexed: T[] = [];

  constructor(entries: Iterable<T>) {
    this.entries = [...entries];
    for (const entry of this.entries) {
      const keys = new Set(
        [...registeredKeys(entry.platform, entry.handle), ...urlKeys(entry.url)]
          .filter((key) => key.platform === entry.platform)
          .map((key) => key.key),
      );
      if (keys.size === 0) this.unindexed.push(entry);
      for (const key of keys) {
        const list = this.byKey.get(key);
        if (list) list.push(entry);
        else this.byKey.set(key, [entry]);
      }
    }
  }

  /** Checks a pasted URL or handle; `platform` narrows a bare handle to one platform. */
  check(input: string, platform: Platform | null = null, options: CheckOptions = {}): AccountCheck<T> {
    const linked = this.portalAccount(input, options.portalOrigins ?? []);
    if (linked) return { status: 'official', platform: linked.platform, handle: linked.handle, matches: [linked] };
    const parsed = parseAccountInput(input, platform);
    if (!parsed.ok) return { status: 'invalid', problem: parsed.problem };
    const matches = [...new Set(parsed.keys.flatMap((key) => this.byKey.get(key.key) ?? []))];
    if (matches.length > 0) {
      return { status: 'official', platform: parsed.platform, handle: parsed.handle, matches };
    }
    const samePlatform = parsed.platform ?? platform;
    const lookalikes = this.entries.filter(
      (entry) => (samePlatform === null || entry.platform === samePlatform) && isLookalike(parsed.handle, comparableHandle(entry)),
    );
    const wanted = parsed.handle.replace(/^@/, '').toLowerCase();
    const elsewhere =
      samePlatform === null || parsed.foreignCharacters
        ? []
        : this.entries.filter((entry) => entry.platform !== samePlatform && comparableHandle(entry).toLowerCase() === wanted);
    return {
      status: 'notFound',
      platform: parsed.platform,
      handle: parsed.handle,
      lookalikes: lookalikes.filter((entry) => !elsewhere.includes(entry)),
      elsewhere,
      foreignCharacters: parsed.foreignCharacters,
    };
  }

  /** The account a link to the portal's own account page names (the "Folgen" links of demo accounts). */
  private portalAccount(input: string, origins: readonly string[]): T | null {
    const text = input.trim();
    let path: string;
    try {
      const url = new URL(text, 'relative:/');
      if (url.protocol !== 'relative:' && !origins.includes(url.origin)) return null;
      path = url.pathname;
    } catch {
      return null;
    }
    const match = PORTAL_ACCOUNT_PATH.exec(path);
    return match ? (this.entries.find((entry) => entry.url === match[1]) ?? null) : null;
  }
}

/** A registered handle as it would be typed (without the leading @). */
function comparableHandle(entry: RegisteredAccount): string {
  return entry.handle.replace(/^@/, '');
}
