/**
 * The request pipeline's concerns, each tested where it lives: the middleware functions of
 * src/middleware called directly, with the answer of the next step given. What only the running
 * server shows (the order of the sequence, static files, compression, shutdown) is tested in
 * tests/integration/server.test.ts and the end-to-end suite.
 */
import type { APIContext, MiddlewareHandler } from 'astro';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// No snapshot for /readyz: the snapshot module reads the path once, when it is loaded.
vi.hoisted(() => {
  process.env.DATABASE_PATH = '/nonexistent/revierfinder-test.db';
  delete process.env.SNAPSHOT_DIR;
});
// The request log's lines, as the middleware hands them to the logger.
const logged = vi.hoisted(() => ({ requests: [] as unknown[][], errors: [] as unknown[] }));
vi.mock('../../src/server/log.mjs', () => ({
  logRequest: (...line: unknown[]) => logged.requests.push(line),
  logError: (error: unknown) => logged.errors.push(error),
}));

const { securityHeaders, hstsEnabled } = await import('../../src/middleware/security-headers');
const { requestLimits, MAX_URL_LENGTH, MAX_BODY_BYTES, MALFORMED_URL_HEADER } = await import('../../src/middleware/request-limits');
const { readOnlyMethods } = await import('../../src/middleware/methods');
const { health } = await import('../../src/middleware/health');
const { requestLog } = await import('../../src/middleware/request-log');

interface Call {
  method?: string;
  headers?: Record<string, string>;
  language?: 'de' | 'en';
  routePattern?: string;
  /** What the rest of the pipeline answers (or throws). */
  answer?: () => Response;
}

/** Runs `middleware` for `path`; `reached` says whether it let the request through. */
async function run(
  middleware: MiddlewareHandler,
  path: string,
  { method = 'GET', headers = {}, language = 'de', routePattern = '/', answer }: Call = {},
) {
  const url = new URL(`http://portal.test${path}`);
  const context = { url, request: new Request(url, { method, headers }), locals: { language }, routePattern } as unknown as APIContext;
  let reached = false;
  const response = (await middleware(context, () => {
    reached = true;
    return Promise.resolve(answer ? answer() : new Response('<p>Seite</p>', { headers: { 'Content-Type': 'text/html' } }));
  })) as Response;
  return { response, reached, text: await response.clone().text() };
}

/** The Content-Security-Policy as directive → sources. */
const policyOf = (response: Response) =>
  new Map(
    (response.headers.get('content-security-policy') ?? '')
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name, ...sources]) => [name!, sources]),
  );

describe('security headers (src/middleware/security-headers.ts)', () => {
  it('a page: nothing from other hosts, no framing, no sniffing, referrer and permissions limited', async () => {
    const { response } = await run(securityHeaders, '/bezirk/033510006');
    const policy = policyOf(response);
    expect(policy.get('default-src')).toEqual(["'self'"]);
    expect(policy.get('script-src')).toEqual(["'self'"]);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers.get('content-security-policy')).not.toMatch(/https?:|\*|unsafe/);
    expect(response.headers.get('x-frame-options')).toBe('DENY');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    expect(response.headers.get('permissions-policy')).toMatch(/^geolocation=\(self\), camera=\(\), microphone=\(\)/);
    expect(response.headers.get('cross-origin-opener-policy')).toBe('same-origin');
  });

  it("keeps the hashes Astro computed for the page's inline scripts and styles, and adds no 'unsafe-inline'", async () => {
    const astro = "script-src 'self' 'sha256-abc='; style-src 'self' 'sha256-def='; default-src *";
    const { response } = await run(securityHeaders, '/', {
      answer: () => new Response('', { headers: { 'Content-Security-Policy': astro } }),
    });
    const policy = policyOf(response);
    expect(policy.get('script-src')).toEqual(["'self'", "'sha256-abc='"]);
    expect(policy.get('style-src')).toEqual(["'self'", "'sha256-def='"]);
    // Only script and style sources are Astro's; everything else is the portal's own policy.
    expect(policy.get('default-src')).toEqual(["'self'"]);
  });

  it('the widget frame: framed by the portal and the allowlisted sites only, no referrer, no X-Frame-Options', async () => {
    const { response } = await run(securityHeaders, '/embed/bezirk/033510006', {
      answer: () => new Response('', { headers: { 'X-Frame-Options': 'DENY' } }),
    });
    const policy = policyOf(response);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')?.[0]).toBe("'self'");
    expect(policy.get('frame-ancestors')).not.toContain("'none'");
    expect(response.headers.has('x-frame-options')).toBe(false);
    expect(response.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('also on a redirect, whose headers cannot be changed in place', async () => {
    const { response } = await run(securityHeaders, '/suche?q=Celle', {
      answer: () => Response.redirect('http://portal.test/bezirk/1', 303),
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('http://portal.test/bezirk/1');
    expect(policyOf(response).get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('HSTS only where the portal is served over HTTPS, and never with HSTS=0', () => {
    expect(hstsEnabled({})).toBe(false);
    expect(hstsEnabled({ PUBLIC_ORIGIN: 'http://localhost:4321' })).toBe(false);
    expect(hstsEnabled({ PUBLIC_ORIGIN: 'https://revierfinder.example' })).toBe(true);
    expect(hstsEnabled({ HSTS: '1' })).toBe(true);
    expect(hstsEnabled({ HSTS: '0', PUBLIC_ORIGIN: 'https://revierfinder.example' })).toBe(false);
  });
});

describe('request limits (src/middleware/request-limits.ts)', () => {
  it('an address over 8,192 characters: 414, as a page in its language or as JSON, before any work', async () => {
    const long = `/suche?q=${'a'.repeat(MAX_URL_LENGTH)}`;
    const page = await run(requestLimits, long);
    expect(page.reached).toBe(false);
    expect(page.response.status).toBe(414);
    expect(page.response.headers.get('cache-control')).toBe('no-store');
    expect(page.text).toMatch(/<html lang="de">[\s\S]*Adresse zu lang/);
    expect((await run(requestLimits, long, { language: 'en' })).text).toMatch(/<html lang="en">[\s\S]*Address too long/);
    const api = await run(requestLimits, `/api/v1/search?q=${'a'.repeat(MAX_URL_LENGTH)}`);
    expect(api.response.status).toBe(414);
    expect(JSON.parse(api.text)).toMatchObject({ error: { code: 'uri_too_long', message: expect.stringContaining('8.192') } });
  });

  it('an address of exactly 8,192 characters passes', async () => {
    const path = '/suche?q=';
    const { reached, response } = await run(requestLimits, path + 'a'.repeat(MAX_URL_LENGTH - path.length));
    expect(reached).toBe(true);
    expect(response.status).toBe(200);
  });

  it('a declared body over 64 KiB: 413, and the connection is closed instead of reading it', async () => {
    const refused = await run(requestLimits, '/api/v1/districts', {
      method: 'POST',
      headers: { 'Content-Length': String(MAX_BODY_BYTES + 1) },
    });
    expect(refused.reached).toBe(false);
    expect(refused.response.status).toBe(413);
    expect(refused.response.headers.get('connection')).toBe('close');
    expect(JSON.parse(refused.text)).toMatchObject({ error: { code: 'payload_too_large' } });
    const page = await run(requestLimits, '/bezirk/1', { method: 'PUT', headers: { 'Content-Length': 'viel' } });
    expect(page.response.status).toBe(413);
    expect(page.text).toContain('Anfrage zu groß');
    expect((await run(requestLimits, '/', { method: 'POST', headers: { 'Content-Length': String(MAX_BODY_BYTES) } })).reached).toBe(true);
  });

  it('an address the server marked as malformed: 400 in the page language, never the page itself', async () => {
    const marked = { headers: { [MALFORMED_URL_HEADER]: '1' } };
    const page = await run(requestLimits, '/bezirk/_ZZ', marked);
    expect(page.reached).toBe(false);
    expect(page.response.status).toBe(400);
    expect(page.text).toContain('Ungültige Adresse');
    const api = await run(requestLimits, '/api/v1/search', marked);
    expect(JSON.parse(api.text)).toMatchObject({ error: { code: 'bad_request' } });
    expect((await run(requestLimits, '/bezirk/1', { headers: { [MALFORMED_URL_HEADER]: 'ja' } })).reached).toBe(true);
  });
});

describe('methods (src/middleware/methods.ts)', () => {
  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s: 405 with Allow, as a page and as JSON', async (method) => {
    const page = await run(readOnlyMethods, '/bezirk/1', { method });
    expect(page.reached).toBe(false);
    expect(page.response.status).toBe(405);
    expect(page.response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect(page.text).toContain('Methode nicht erlaubt');
    const api = await run(readOnlyMethods, '/api/v1/districts', { method });
    expect(api.response.status).toBe(405);
    expect(JSON.parse(api.text)).toMatchObject({ error: { code: 'method_not_allowed' } });
  });

  it('GET and HEAD pass; OPTIONS is 204 on pages and left to CORS on the API', async () => {
    for (const method of ['GET', 'HEAD']) expect((await run(readOnlyMethods, '/', { method })).reached).toBe(true);
    const options = await run(readOnlyMethods, '/', { method: 'OPTIONS' });
    expect(options.reached).toBe(false);
    expect(options.response.status).toBe(204);
    expect(options.response.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    expect((await run(readOnlyMethods, '/api/v1/districts', { method: 'OPTIONS' })).reached).toBe(true);
  });
});

describe('health checks (src/middleware/health.ts)', () => {
  it('/healthz: alive without any data, never cached', async () => {
    const { response, reached, text } = await run(health, '/healthz');
    expect(reached).toBe(false);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(text)).toEqual({ status: 'ok' });
  });

  it('/readyz: 503 with Retry-After while no snapshot can be read', async () => {
    const { response, text } = await run(health, '/readyz');
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe('10');
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable' });
  });

  it('everything else passes', async () => {
    expect((await run(health, '/healthz/x')).reached).toBe(true);
  });
});

describe('request log (src/middleware/request-log.ts)', () => {
  beforeEach(() => {
    logged.requests.length = 0;
    logged.errors.length = 0;
  });

  it('one line per request: method, the route pattern (never the address or its query), status, duration', async () => {
    await run(requestLog, '/bezirk/033510006?suche=Geheimweg', { routePattern: '/bezirk/[id]' });
    await run(requestLog, '/healthz', { routePattern: '/404' });
    expect(logged.requests).toHaveLength(2);
    const [method, route, status, durationMs] = logged.requests[0]!;
    expect([method, route, status]).toEqual(['GET', '/bezirk/[id]', 200]);
    expect(durationMs).toEqual(expect.any(Number));
    expect(JSON.stringify(logged.requests)).not.toContain('Geheimweg');
    // The health checks are answered by the middleware: logged under their own path.
    expect(logged.requests[1]!.slice(0, 3)).toEqual(['GET', '/healthz', 200]);
  });

  it('an error escaping a route: logged, answered with a 500 page in the page language, no stack trace', async () => {
    const failing = () => {
      throw new Error('geheimer Stapel');
    };
    const page = await run(requestLog, '/en/bezirk/1', { language: 'en', routePattern: '/bezirk/[id]', answer: failing });
    expect(page.response.status).toBe(500);
    expect(page.text).toMatch(/<html lang="en">[\s\S]*An error occurred/);
    expect(page.text).not.toContain('geheimer Stapel');
    expect(logged.errors).toEqual([expect.objectContaining({ message: 'geheimer Stapel' })]);
    expect(logged.requests.at(-1)!.slice(0, 3)).toEqual(['GET', '/bezirk/[id]', 500]);
    const api = await run(requestLog, '/api/v1/districts', { answer: failing });
    expect(JSON.parse(api.text)).toMatchObject({ error: { code: 'internal_error' } });
  });
});
