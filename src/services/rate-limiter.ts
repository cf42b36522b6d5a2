/**
 * Per-client request limits in memory: a token bucket per client that holds up to `burst`
 * requests and refills at `perMinute`. Each server replica counts on its own; for a shared limit
 * across replicas use the load balancer's or CDN's limiter in front.
 */
import ipaddr from 'ipaddr.js';

export interface RateLimitConfig {
  /** Sustained requests per minute per client; 0 turns limiting off. */
  perMinute: number;
  /** Requests a client may make at once before the sustained rate applies. */
  burst: number;
  /** Use the last X-Forwarded-For entry (set by one trusted reverse proxy) as the client. */
  trustProxy: boolean;
  /** Clients remembered at most; idle ones are dropped first. Bounds memory under attack. */
  maxClients: number;
}

const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  perMinute: 1200,
  burst: 300,
  trustProxy: false,
  maxClients: 50_000,
};

/** Reads RATE_LIMIT_PER_MINUTE, RATE_LIMIT_BURST and RATE_LIMIT_TRUST_PROXY; bad values fall back. */
export function rateLimitConfigFromEnv(env: Record<string, string | undefined>): RateLimitConfig {
  const integer = (value: string | undefined, fallback: number) =>
    value !== undefined && /^\d{1,9}$/.test(value.trim()) ? Number(value.trim()) : fallback;
  const perMinute = integer(env.RATE_LIMIT_PER_MINUTE, DEFAULT_RATE_LIMIT.perMinute);
  return {
    perMinute,
    burst: Math.max(1, integer(env.RATE_LIMIT_BURST, DEFAULT_RATE_LIMIT.burst)),
    trustProxy: /^(1|true|yes)$/i.test(env.RATE_LIMIT_TRUST_PROXY?.trim() ?? ''),
    maxClients: DEFAULT_RATE_LIMIT.maxClients,
  };
}

export type RateDecision = { allowed: true; remaining: number } | { allowed: false; retryAfterSeconds: number };

interface Bucket {
  tokens: number;
  updatedAt: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    readonly config: RateLimitConfig,
    private readonly now: () => number = Date.now,
  ) {
    this.perMs = config.perMinute / 60_000;
  }

  get enabled(): boolean {
    return this.config.perMinute > 0;
  }

  /** Whether a request of `client` would be allowed now, without counting it. */
  allows(client: string): boolean {
    return !this.enabled || this.tokensOf(client, this.now()) >= 1;
  }

  /** Counts one request of `client`. */
  take(client: string): RateDecision {
    if (!this.enabled) return { allowed: true, remaining: Infinity };
    const now = this.now();
    this.forgetIdle(now);
    const tokens = this.tokensOf(client, now);
    if (this.buckets.has(client)) {
      // Re-inserting keeps the map in least-recently-used order for pruning.
      this.buckets.delete(client);
    }
    if (tokens < 1) {
      this.buckets.set(client, { tokens, updatedAt: now });
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / this.perMs / 1000)) };
    }
    this.buckets.set(client, { tokens: tokens - 1, updatedAt: now });
    if (this.buckets.size > this.config.maxClients) this.prune();
    return { allowed: true, remaining: Math.floor(tokens - 1) };
  }

  /** The client's tokens at `now`: a full bucket for a client not seen lately. */
  private tokensOf(client: string, now: number): number {
    const bucket = this.buckets.get(client);
    return bucket ? Math.min(this.config.burst, bucket.tokens + (now - bucket.updatedAt) * this.perMs) : this.config.burst;
  }

  /**
   * Forgets clients idle long enough for a full bucket (burst ÷ rate: 15 s by default): keeping
   * them would change no decision, and an IP-derived key is personal data, kept no longer than
   * needed. The map is in order of last use, so this stops at the first recent one.
   */
  private forgetIdle(now: number): void {
    const idleMs = this.config.burst / this.perMs;
    for (const [client, bucket] of this.buckets) {
      if (now - bucket.updatedAt < idleMs) break;
      this.buckets.delete(client);
    }
  }

  get size(): number {
    return this.buckets.size;
  }

  private prune(): void {
    // Oldest first; a client that has been away long enough to refill loses nothing by it.
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.config.maxClients * 0.9) break;
      this.buckets.delete(key);
    }
  }
}

/**
 * An address as a server or proxy writes it: dotted-quad IPv4 or IPv6 (in brackets, with a zone
 * id: both allowed), an IPv4-mapped IPv6 address as its IPv4 address; null for anything else.
 * ipaddr.js alone would also take "127.1" or "0x7f.0.0.1", which no socket or proxy writes.
 */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | null {
  const bare = text.trim().replace(/^\[(.*)\]$/, '$1');
  if (ipaddr.IPv4.isValidFourPartDecimal(bare)) return ipaddr.IPv4.parse(bare);
  if (!ipaddr.IPv6.isValid(bare)) return null;
  const address = ipaddr.IPv6.parse(bare);
  return address.isIPv4MappedAddress() ? address.toIPv4Address() : address;
}

/**
 * The client a request is counted for: its IPv4 address, an IPv6 address by its /64 network (one
 * household or device gets a whole /64, so single addresses would not limit anything). What is
 * no address at all counts as one client, "unknown": it cannot mint a fresh bucket per request.
 */
export function clientKey(address: string | undefined, forwardedFor: string | null, trustProxy: boolean): string {
  let text = address ?? '';
  if (trustProxy && forwardedFor) {
    const last = forwardedFor
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) text = last;
  }
  const parsed = parseAddress(text);
  if (!parsed) return 'unknown';
  if (parsed instanceof ipaddr.IPv4) return parsed.toString();
  const network = new ipaddr.IPv6([...parsed.parts.slice(0, 4), 0, 0, 0, 0]);
  return `${network.toString()}/64`;
}

/** 127.0.0.0/8 and ::1 (also IPv4-mapped): a request from the server's own machine. */
export function isLoopback(address: string | undefined): boolean {
  return address !== undefined && parseAddress(address)?.range() === 'loopback';
}
