/**
 * Finished answers, the same for every visitor until the data changes, so each is made once per
 * data version: pages and endpoints without query parameters (a district page, the API's lists
 * and records, the map's GeoJSON), which the response-cache middleware records as the app
 * answered them, with every header; and search answers, kept by the fast lane. The fast lane
 * (fast-lane.ts) serves them. Bounded in bytes (RESPONSE_CACHE_MB), least recently used first
 * out; a new data version empties a cache.
 */

export interface CachedAnswer {
  status: number;
  /** Every header the app gave, security headers, CORS and ETag included. */
  headers: Array<[string, string]>;
  body: Buffer;
  /** The route the answer is logged under (`/bezirk/[id]`). */
  route: string;
  /** The body compressed, per encoding, once a client asked for it (see `encodedBody`). */
  encoded?: Partial<Record<string, Buffer>>;
}

/** What an entry's headers, route and bookkeeping take besides its key and bodies (a generous estimate). */
const ENTRY_OVERHEAD_BYTES = 2048;

/**
 * The memory an entry takes. The key counts too (two bytes a character): a search address may be
 * 8 KiB long with a body of a few bytes, and many such entries must not outgrow the budget.
 */
function sizeOf(key: string, answer: CachedAnswer): number {
  let bytes = ENTRY_OVERHEAD_BYTES + key.length * 2 + answer.body.byteLength;
  for (const body of Object.values(answer.encoded ?? {})) bytes += body?.byteLength ?? 0;
  return bytes;
}

/** Headers that choose which answer a path gets, besides the path (see `answerKey`). */
const KEY_HEADERS = ['host', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

/**
 * The key of the answer to `pathname` (as the client sent it, before the language rewrite).
 * The host headers are part of it: without PUBLIC_ORIGIN, a page prints absolute links (QR code,
 * hreflang) from the address it was asked under, which must not reach another host's visitors.
 */
export function answerKey(pathname: string, header: (name: string) => string | string[] | null | undefined): string {
  return [pathname, ...KEY_HEADERS.map((name) => String(header(name) ?? ''))].join('\n');
}

export class AnswerCache {
  private readonly entries = new Map<string, CachedAnswer>();
  private bytes = 0;
  private dataVersion: string | null = null;
  /** A single answer larger than this is not kept (it would push out too many others). */
  private readonly maxEntryBytes: number;

  constructor(readonly maxBytes: number) {
    this.maxEntryBytes = maxBytes / 8;
  }

  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The answer kept under `key` for `dataVersion`, marked as just used. */
  get(key: string, dataVersion: string): CachedAnswer | undefined {
    this.forgetOtherVersions(dataVersion);
    const hit = this.entries.get(key);
    if (hit) {
      // Re-inserted: the Map's order is the order of last use.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  put(key: string, dataVersion: string, answer: CachedAnswer): void {
    if (!this.enabled || answer.body.byteLength > this.maxEntryBytes) return;
    this.forgetOtherVersions(dataVersion);
    const replaced = this.entries.get(key);
    if (replaced) {
      this.entries.delete(key);
      this.bytes -= sizeOf(key, replaced);
    }
    this.entries.set(key, answer);
    this.bytes += sizeOf(key, answer);
    this.evictOverflow();
  }

  /**
   * The answer's body compressed with `encoding`: made by `encode` once, then kept with the
   * answer (and counted in the cache's bytes), so a page is not compressed again per visitor.
   */
  encodedBody(key: string, answer: CachedAnswer, encoding: string, encode: (body: Buffer) => Buffer): Buffer {
    const kept = answer.encoded?.[encoding];
    if (kept) return kept;
    const made = encode(answer.body);
    (answer.encoded ??= {})[encoding] = made;
    // Counted only while kept: a new data version may have emptied the cache meanwhile.
    if (this.entries.get(key) === answer) {
      this.bytes += made.byteLength;
      this.evictOverflow();
    }
    return made;
  }

  get size(): number {
    return this.entries.size;
  }

  get storedBytes(): number {
    return this.bytes;
  }

  private evictOverflow(): void {
    for (const [oldKey, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldKey);
      this.bytes -= sizeOf(oldKey, old);
    }
  }

  private forgetOtherVersions(dataVersion: string): void {
    if (dataVersion === this.dataVersion) return;
    this.entries.clear();
    this.bytes = 0;
    this.dataVersion = dataVersion;
  }
}

const budgetBytes = Number(process.env.RESPONSE_CACHE_MB ?? 64) * 1024 * 1024;

/** Finished answers without query parameters: pages, the API's lists and records, map data. */
export const answerCache = new AnswerCache((budgetBytes * 7) / 8);

/**
 * Search answers by their whole address (the fast lane's, see fast-lane.ts): an eighth of the
 * budget, apart, so that a flood of different queries cannot push out the pages.
 */
export const searchAnswerCache = new AnswerCache(budgetBytes / 8);
