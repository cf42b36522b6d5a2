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
      foreignCharacters: boolean;
    };

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
  check(input: string, platform: Platform | null = null): AccountCheck<T> {
    const parsed = parseAccountInput(input, platform);
    if (!parsed.ok) return { status: 'invalid', problem: parsed.problem };
    const matches = [...new Set(parsed.keys.flatMap((key) => this.byKey.get(key.key) ?? []))];
    if (matches.length > 0) {
      return { status: 'official', platform: parsed.platform, handle: parsed.handle, matches };
    }
    const samePlatform = parsed.platform ?? platform;
    const lookalikes = this.entries.filter(
      (entry) =>
        (samePlatform === null || entry.platform === samePlatform) &&
        isLookalike(parsed.handle, comparableHandle(entry)),
    );
    return {
      status: 'notFound',
      platform: parsed.platform,
      handle: parsed.handle,
      lookalikes,
      foreignCharacters: parsed.foreignCharacters,
    };
  }
}

/** A registered handle as it would be typed (without the leading @). */
function comparableHandle(entry: RegisteredAccount): string {
  return entry.handle.replace(/^@/, '');
}
