import { describe, expect, it } from 'vitest';
import { clientKey, isLoopback, RateLimiter, rateLimitConfigFromEnv } from '../../src/services/rate-limiter';

describe('RateLimiter', () => {
  it('allows the burst, then the sustained rate, and says how long to wait', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 6, burst: 3, trustProxy: false, maxClients: 10 }, () => now);
    expect([1, 2, 3].map(() => limiter.take('a').allowed)).toEqual([true, true, true]);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 10 });
    now += 10_000;
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(false);
  });

  it('tells whether a request would be allowed without counting it', () => {
    let now = 0;
    const limiter = new RateLimiter({ perMinute: 60, burst: 2, trustProxy: false, maxClients: 10 }, () => now);
    expect(limiter.allows('a')).toBe(true);
    expect(limiter.allows('a')).toBe(true); // asking counts nothing
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.take('a').allowed).toBe(true);
    expect(limiter.allows('a')).toBe(false);
    expect(limiter.allows('b')).toBe(true);
    now = 1_000; // one token back after a second at 60 per minute
    expect(limiter.allows('a')).toBe(true);
  });

  it('is off with perMinute 0', () => {
    const limiter = new RateLimiter({ perMinute: 0, burst: 1, trustProxy: false, maxClients: 10 });
    for (let i = 0; i < 100; i++) expect(limiter.take('a').allowed).toBe(true);
  });

  it('forgets a client once its bucket would be full again, and not before', () => {
    let now = 0;
    // 60 per minute, burst 5: full again 5 s after the last request.
    const limiter = new RateLimiter({ perMinute: 60, burst: 5, trustProxy: false, maxClients: 100 }, () => now);
    limiter.take('a');
    now = 1_000;
    limiter.take('b');
    now = 5_500;
    limiter.take('c');
    expect(limiter.size).toBe(2); // a forgotten, b (4.5 s idle) kept
    for (let i = 0; i < 5; i++) limiter.take('c');
    expect(limiter.take('c').allowed).toBe(false); // forgetting others changes nothing for c
    now = 60_000;
    limiter.take('d');
    expect(limiter.size).toBe(1);
  });

  it('remembers at most maxClients', () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 5, trustProxy: false, maxClients: 100 }, () => 0);
    for (let i = 0; i < 1000; i++) limiter.take(`client-${i}`);
    expect(limiter.size).toBeLessThanOrEqual(100);
  });
});

describe('rateLimitConfigFromEnv', () => {
  it('reads the variables and falls back on bad values', () => {
    expect(rateLimitConfigFromEnv({ RATE_LIMIT_PER_MINUTE: '30', RATE_LIMIT_BURST: '5', RATE_LIMIT_TRUST_PROXY: '1' })).toMatchObject({
      perMinute: 30,
      burst: 5,
      trustProxy: true,
    });
    expect(rateLimitConfigFromEnv({ RATE_LIMIT_PER_MINUTE: '-3', RATE_LIMIT_BURST: 'lots' })).toMatchObject({
      perMinute: 1200,
      burst: 300,
      trustProxy: false,
    });
    expect(rateLimitConfigFromEnv({ RATE_LIMIT_PER_MINUTE: '0' }).perMinute).toBe(0);
  });
});

describe('clientKey and isLoopback', () => {
  it.each([
    // IPv4, as sockets and proxies write it
    ['192.0.2.1', null, false, '192.0.2.1'],
    [' 192.0.2.1 ', null, false, '192.0.2.1'],
    // IPv6: the /64 network, whichever way the address is written
    ['2001:db8:a:b:c:d:e:f', null, false, '2001:db8:a:b::/64'],
    ['2001:db8:a:b::1', null, false, '2001:db8:a:b::/64'],
    ['2001:0DB8:000A:000B:0000:0000:0000:0001', null, false, '2001:db8:a:b::/64'],
    ['2001:db8::1', null, false, '2001:db8::/64'],
    ['[2001:db8:a:b::2]', null, false, '2001:db8:a:b::/64'],
    ['2001:db8:a:c::1', null, false, '2001:db8:a:c::/64'],
    // IPv4-mapped IPv6 (a dual-stack socket) is the IPv4 client, in both spellings
    ['::ffff:192.0.2.1', null, false, '192.0.2.1'],
    ['::FFFF:c000:0201', null, false, '192.0.2.1'],
    // a zone id names the interface, not the client
    ['fe80::1:2:3:4%eth0', null, false, 'fe80::/64'],
    ['fe80::1%25', null, false, 'fe80::/64'],
    // behind a trusted proxy: the entry it appended (the last), else the socket
    ['127.0.0.1', '203.0.113.5, 198.51.100.7', true, '198.51.100.7'],
    ['127.0.0.1', '203.0.113.5, 2001:db8:1:2::9', true, '2001:db8:1:2::/64'],
    ['127.0.0.1', '203.0.113.5', false, '127.0.0.1'],
    ['127.0.0.1', ' , ', true, '127.0.0.1'],
    // anything that is no address is one client, so that it cannot mint buckets
    [undefined, null, false, 'unknown'],
    ['', null, false, 'unknown'],
    ['garbage', null, false, 'unknown'],
    ['127.0.0.1', '198.51.100.7, nonsense-1', true, 'unknown'],
    ['2001:db8::1::2', null, false, 'unknown'],
    ['1.2.3', null, false, 'unknown'],
    ['0x7f.0.0.1', null, false, 'unknown'],
    ['256.1.1.1', null, false, 'unknown'],
    ['192.0.2.1:8080', null, false, 'unknown'],
  ])('%s (XFF %s, trust %s) → %s', (address, forwarded, trust, expected) => {
    expect(clientKey(address, forwarded, trust)).toBe(expected);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.8.9.1', true],
    ['::1', true],
    ['[::1]', true],
    ['0:0:0:0:0:0:0:1', true],
    ['::ffff:127.0.0.1', true],
    ['128.0.0.1', false],
    ['::2', false],
    ['::ffff:192.0.2.1', false],
    ['127.1', false],
    ['localhost', false],
    ['garbage', false],
    ['', false],
    [undefined, false],
  ])('isLoopback(%s) = %s', (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
