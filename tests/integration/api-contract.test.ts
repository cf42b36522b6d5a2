/**
 * Contract tests of the open-data API: every endpoint's answers validate against the OpenAPI
 * document the API publishes (ajv, JSON Schema 2020-12), every parameter survives hostile
 * values with a 2xx/4xx in the error shape, ETag/304, 405 with Allow, CORS, and 429 after the
 * configured burst.
 */
import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_OPERATIONS, openApiDocument } from '../../src/services/openapi';
import { RateLimiter } from '../../src/services/rate-limiter';
import type { Portal } from '../../src/services/portal';
import { buildProjectPortal, removeTempDirs } from './helpers/data-dir';
import { callApi, type Called } from './helpers/api-harness';

let portal: Portal;
const doc = openApiDocument() as any;
const ajv = new Ajv2020({ strict: true, allErrors: true });
// The document is registered whole so that "#/components/schemas/X" references resolve.
for (const keyword of ['openapi', 'jsonSchemaDialect', 'info', 'servers', 'tags', 'paths', 'components', 'example']) {
  ajv.addKeyword(keyword);
}
ajv.addSchema(doc, 'openapi');

const validators = new Map<string, ValidateFunction>();
function validatorFor(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `openapi#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

const escapePointer = (path: string) => path.replaceAll('~', '~0').replaceAll('/', '~1');

/** Checks a response against what the document says about this operation and status. */
function expectConforms(operationPath: string, result: Called): void {
  const operation = doc.paths[operationPath].get;
  const documented = operation.responses[String(result.status)];
  expect(documented, `status ${result.status} dokumentiert für ${operationPath}: ${result.text.slice(0, 300)}`).toBeDefined();
  expect(result.status).toBeLessThan(500);
  if (result.status === 304) {
    expect(result.text).toBe('');
    return;
  }
  const contentType = result.headers.get('content-type') ?? '';
  if (result.status === 200) {
    const [mediaType] = Object.keys(documented.content);
    expect(contentType.startsWith(mediaType!), contentType).toBe(true);
    const validate = validatorFor(`/paths/${escapePointer(operationPath)}/get/responses/200/content/${escapePointer(mediaType!)}/schema`);
    expect(validate(result.body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
  } else {
    expect(contentType).toMatch(/^application\/json/);
    const validate = validatorFor('/components/schemas/Error');
    expect(validate(result.body), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(result.body.error.message.length).toBeGreaterThan(0);
  }
}

const get = (path: string, headers: Record<string, string> = {}) => callApi(portal, path, { headers });

/** Valid requests per operation (besides the operation's own documented example). */
let samples: Record<string, string[]>;

beforeAll(async () => {
  portal = await buildProjectPortal();
  const officerId = portal.listOfficers().find((o) => portal.officerView(o.id))!.id;
  const stationId = portal.listStations()[0]!.id;
  const account = portal.listAccounts()[0]!.account;
  samples = {
    '/locate': ['/api/v1/locate?lat=52.6226&lon=10.0805', '/api/v1/locate?lat=53.861&lon=8.6944'],
    '/search': [
      '/api/v1/search?q=Celle',
      '/api/v1/search?q=37434&limit=20',
      '/api/v1/search?q=xqzjkw',
      '/api/v1/search?q=Greetsiel',
      '/api/v1/search?q=Bremen',
      '/api/v1/search?q=28195',
      '/api/v1/search?q=Neustadt',
      '/api/v1/search?q=Steinhude&lang=en',
      '/api/v1/search?q=Hannover',
      '/api/v1/search?q=Linden',
      '/api/v1/search?q=Vahrenwalder%20Stra%C3%9Fe',
    ],
    '/cities': ['/api/v1/cities', '/api/v1/cities?limit=1&offset=0'],
    '/cities/{id}': ['/api/v1/cities/032410001'],
    '/cities/{id}/boundary': ['/api/v1/cities/032410001/boundary'],
    '/districts': ['/api/v1/districts', '/api/v1/districts?limit=100&offset=400', '/api/v1/districts?offset=100000'],
    '/districts/{id}': ['/api/v1/districts/033510006', '/api/v1/districts/032410001-33'],
    '/districts/{id}/boundary': [
      '/api/v1/districts/033510006/boundary',
      '/api/v1/districts/032410001-33/boundary',
      '/api/v1/districts/033510006/boundary?simplify=0',
      '/api/v1/districts/033510006/boundary?simplify=10000',
    ],
    '/officers': ['/api/v1/officers', '/api/v1/officers?limit=1&offset=3'],
    '/officers/{id}': [`/api/v1/officers/${officerId}`],
    '/stations': ['/api/v1/stations?limit=100'],
    '/stations/{id}': [`/api/v1/stations/${stationId}`],
    '/inspections': ['/api/v1/inspections'],
    '/directorates': ['/api/v1/directorates'],
    '/accounts/verify': [
      `/api/v1/accounts/verify?platform=${account.platform}&handle=${encodeURIComponent(account.handle)}`,
      '/api/v1/accounts/verify?url=https%3A%2F%2Fx.com%2Fpolizei_cel1e_jannik_demo',
      '/api/v1/accounts/verify?handle=nobody_here_at_all',
    ],
  };
});
afterAll(removeTempDirs);

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every operation with its responses', () => {
    expect(doc.openapi).toBe('3.1.0');
    for (const operation of API_OPERATIONS) {
      const entry = doc.paths[operation.path]?.get;
      expect(entry, operation.path).toBeDefined();
      for (const status of ['200', '304', '405', '429']) expect(entry.responses[status], `${operation.path} ${status}`).toBeDefined();
    }
  });

  it('compiles every schema it references', () => {
    for (const id of Object.keys(doc.components.schemas)) expect(() => validatorFor(`/components/schemas/${id}`)).not.toThrow();
  });

  it('is what /api/v1/openapi.json serves', async () => {
    const result = await get('/api/v1/openapi.json');
    expect(result.status).toBe(200);
    expect(result.body).toEqual(JSON.parse(JSON.stringify(doc)));
  });

  it('rejects a response with an extra or missing field (the validation can fail)', () => {
    const validate = validatorFor('/components/schemas/DistrictDetail');
    expect(validate({ id: '1' })).toBe(false);
    const errorValidate = validatorFor('/components/schemas/Error');
    expect(errorValidate({ error: { code: 'not_found', message: 'x', extra: 1 } })).toBe(false);
    expect(errorValidate({ error: { code: 'teapot', message: 'x' } })).toBe(false);
  });
});

describe('every endpoint answers as documented', () => {
  it.each(API_OPERATIONS.map((operation) => [operation.path, operation] as const))('%s', async (path, operation) => {
    const requests = [`/api/v1${operation.example}`, ...(samples[path] ?? [])];
    for (const request of requests) {
      const result = await get(request);
      expect(result.status, `${request}: ${result.text.slice(0, 300)}`).toBe(200);
      expectConforms(path, result);
    }
  });

  it.each([
    ['/districts/{id}', '/api/v1/districts/032410001', '/api/v1/cities/032410001'],
    ['/districts/{id}', '/api/v1/districts/032410001?x=1', '/api/v1/cities/032410001?x=1'],
    ['/districts/{id}/boundary', '/api/v1/districts/032410001/boundary?simplify=200', '/api/v1/cities/032410001/boundary?simplify=200'],
  ])('%s: the old id of a divided city (%s) moves to the city, as documented', async (path, request, location) => {
    const result = await get(request);
    expect(result.status).toBe(308);
    expect(doc.paths[path].get.responses['308']).toBeDefined();
    expect(result.headers.get('location')).toBe(location);
    expect(result.headers.get('cache-control')).toMatch(/max-age=\d+/);
    const moved = await get(location);
    expect(moved.status).toBe(200);
    expectConforms(location.includes('boundary') ? '/cities/{id}/boundary' : '/cities/{id}', moved);
  });

  it.each([
    ['/cities/{id}', '/api/v1/cities/033510006'],
    ['/cities/{id}/boundary', '/api/v1/cities/032410001-33/boundary'],
    ['/districts/{id}', '/api/v1/districts/000000000'],
    ['/districts/{id}/boundary', '/api/v1/districts/nope/boundary'],
    ['/officers/{id}', '/api/v1/officers/nobody'],
    ['/stations/{id}', '/api/v1/stations/nowhere'],
    ['/locate', '/api/v1/locate?lat=52.52&lon=13.405'],
  ])('%s answers 404 in the error shape for %s', async (path, request) => {
    const result = await get(request);
    expect(result.status).toBe(404);
    expectConforms(path, result);
  });
});

describe('outside Niedersachsen', () => {
  const validate = () => validatorFor('/components/schemas/OutsideLocateDetails');

  it('locate: the 404 details validate against OutsideLocateDetails, with and without a named state', async () => {
    for (const request of ['/api/v1/locate?lat=53.0793&lon=8.8017', '/api/v1/locate?lat=52.52&lon=13.405']) {
      const result = await get(request);
      expect(result.status).toBe(404);
      expect(validate()(result.body.error.details), JSON.stringify(validate().errors?.slice(0, 3))).toBe(true);
    }
    expect(validate()({ point: { lat: 1, lon: 2 }, state: 'Bremen', police: null })).toBe(false);
  });

  it('search: 200 with outsideArea beside results, each result saying how it matched', async () => {
    const bremen = (await get('/api/v1/search?q=Bremen')).body;
    expect(bremen.outsideArea).toMatchObject({ place: 'Bremen', state: 'Bremen', police: { name: 'Polizei Bremen' } });
    expect(bremen.decision).toEqual({ action: 'outside', result: null, reason: null });
    const celle = (await get('/api/v1/search?q=Celle')).body;
    expect(celle.outsideArea).toBeNull();
    expect(celle.results[0].match).toBe('exact');
    expect(celle.decision).toEqual({ action: 'go', result: 0, reason: null });
  });
});

describe('answers', () => {
  it('pages the district list with working next and prev links', async () => {
    const first = (await get('/api/v1/districts?limit=100')).body;
    expect(first.pagination).toMatchObject({ offset: 0, limit: 100, total: 481, prev: null });
    const second = (await get(first.pagination.next)).body;
    expect(second.pagination.offset).toBe(100);
    expect(second.items[0].id > first.items.at(-1).id).toBe(true);
    const ids = new Set<string>();
    let next: string | null = '/api/v1/districts?limit=100';
    while (next) {
      const page: any = (await get(next)).body;
      for (const item of page.items) ids.add(item.id);
      next = page.pagination.next;
    }
    expect(ids.size).toBe(481);
  });

  it('gives a district with its officers, station, inspection and directorate', async () => {
    const body = (await get('/api/v1/districts/033510006')).body;
    expect(body).toMatchObject({
      id: '033510006',
      name: 'Celle',
      inspection: { id: 'pi-celle', name: 'PI Celle' },
      directorate: { id: 'pd-lueneburg', name: 'PD Lüneburg' },
      links: { boundary: '/api/v1/districts/033510006/boundary', html: '/bezirk/033510006' },
    });
    expect(body.station).not.toBeNull();
    expect(body.officers.map((o: { role: string }) => o.role)).toEqual(expect.arrayContaining(['digital', 'kobb']));
  });

  it('keeps office hours as German text and adds the structured form (OSM value, usual week, holidays)', async () => {
    const station = portal.listStations().find((entry) => entry.openingHours === 'Mo-Fr 08:00-16:00; PH off')!;
    const body = (await get(`/api/v1/stations/${station.id}`)).body;
    expect(body.officeHours).toBe('Montag bis Freitag 8–16 Uhr; nicht an Feiertagen');
    expect(body.openingHours).toEqual({
      osm: 'Mo-Fr 08:00-16:00; PH off',
      weekly: [{ days: [1, 2, 3, 4, 5], intervals: [{ from: '08:00', to: '16:00' }] }],
      holidays: 'closed',
      timeZone: 'Europe/Berlin',
    });
    expect(body.location).toEqual({ lat: station.lat, lon: station.lon });
    const kobb = portal.listOfficers().find((entry) => entry.openingHours === 'We 14:00-16:00; PH off')!;
    const officer = (await get(`/api/v1/officers/${kobb.id}`)).body;
    expect(officer.officeHours).toBe('Mittwoch 14–16 Uhr; nicht an Feiertagen');
    expect(officer.openingHours.weekly).toEqual([{ days: [3], intervals: [{ from: '14:00', to: '16:00' }] }]);
  });

  it('calls the same handle on a platform without an official account a probable fake, naming where it is official', async () => {
    const result = await get('/api/v1/accounts/verify?platform=tiktok&handle=polizei_hannover_dmitri_demo');
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ status: 'not_found', warnings: ['same_handle_elsewhere'] });
    expect(result.body.message).toBe(
      'Dieser Name gehört zu einem offiziellen Konto auf X (ehemals Twitter), YouTube und WhatsApp-Kanal. Auf TikTok gibt es kein offizielles Konto dieser Person: wahrscheinlich eine Fälschung.',
    );
    expect(result.body.officialElsewhere.map((entry: { platform: string }) => entry.platform).sort()).toEqual(['whatsapp', 'x', 'youtube']);
  });

  it('simplifies a boundary no finer than the floor, and coarser on request', async () => {
    const count = (body: any) => JSON.stringify(body.geometry.coordinates).split('],[').length;
    const stored = (await get('/api/v1/districts/033510006/boundary')).body;
    const floor = (await get('/api/v1/districts/033510006/boundary?simplify=1')).body;
    const coarse = (await get('/api/v1/districts/033510006/boundary?simplify=5000')).body;
    expect(stored.properties.simplifyMeters).toBe(0);
    expect(floor.properties.simplifyMeters).toBe(50);
    expect(coarse.properties.simplifyMeters).toBe(5000);
    expect(count(coarse)).toBeLessThan(count(stored));
    expect(stored.properties.attribution).toMatch(/GeoBasis-DE \/ BKG/);
  });

  it('says "Demo-Konto (erfunden)" for a demo account, with holder, district and since when', async () => {
    const account = portal.listAccounts().find((entry) => entry.account.platform === 'x' && entry.holders[0]?.type === 'officer')!;
    const result = await get(
      `/api/v1/accounts/verify?url=${encodeURIComponent(`https://twitter.com/${account.account.handle.toUpperCase()}?s=21`)}`,
    );
    expect(result.status).toBe(200);
    expect(result.body.status).toBe('official');
    expect(result.body.accounts[0]).toMatchObject({
      id: account.account.id,
      isDemo: true,
      label: 'Demo-Konto (erfunden)',
      verifiedSince: account.account.verifiedSince,
      holders: [{ type: 'officer', id: account.holders[0]!.id, url: `/beamte/${account.holders[0]!.id}` }],
    });
    expect(result.body.accounts[0].districts.length).toBeGreaterThan(0);
  });

  it('warns about a look-alike with a Cyrillic letter and does not verify it', async () => {
    const account = portal.listAccounts().find((entry) => entry.account.platform === 'instagram')!;
    const fake = account.account.handle.replace('o', 'о');
    const result = await get(`/api/v1/accounts/verify?url=${encodeURIComponent(`https://www.instagram.com/${fake}/`)}`);
    expect(result.body).toMatchObject({ status: 'not_found', warnings: ['foreign_characters', 'lookalike'] });
    expect(result.body.lookalikes[0].handle).toBe(account.account.handle);
  });

  it.each([
    ['both url and handle', '/api/v1/accounts/verify?url=a&handle=b', 'invalid_parameter', 'handle'],
    ['neither', '/api/v1/accounts/verify', 'invalid_parameter', 'url'],
    ['a post link', '/api/v1/accounts/verify?url=https%3A%2F%2Fwww.instagram.com%2Fp%2FC1a2B3%2F', 'invalid_account', 'url'],
    ['an unknown platform', '/api/v1/accounts/verify?handle=x&platform=myspace', 'invalid_parameter', 'platform'],
  ])('answers 400 for %s, naming the parameter', async (_name, request, code, parameter) => {
    const result = await get(request);
    expect(result.status).toBe(400);
    expect(result.body.error).toMatchObject({ code, details: { parameter } });
    expectConforms('/accounts/verify', result);
  });
});

// Odd and hostile values for every parameter of every operation.
const HOSTILE = [
  '',
  ' ',
  '0',
  '-1',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '1.5',
  '9'.repeat(40),
  'null',
  'undefined',
  'true',
  '[]',
  '{}',
  '__proto__',
  'constructor',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '../../etc/passwd',
  '%00',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  '🚓',
  'ä'.repeat(3000),
  'a'.repeat(10_000),
  'https://x.com/polizei',
  'did:plc:',
  '@@',
];

describe('fuzzing: every parameter with odd and hostile values', () => {
  const cases = API_OPERATIONS.flatMap((operation) => [
    ...operation.queryParams.map((param) => [operation.path, 'query', param.name] as const),
    ...operation.pathParams.map((param) => [operation.path, 'path', param.name] as const),
  ]);

  it.each(cases)('%s %s parameter %s', async (path, where, name) => {
    const operation = API_OPERATIONS.find((op) => op.path === path)!;
    const base = new URL(`http://x/api/v1${operation.example}`);
    for (const value of HOSTILE) {
      let request: string;
      if (where === 'query') {
        const query = new URLSearchParams(base.search);
        query.set(name, value);
        request = `${base.pathname}?${query.toString()}`;
      } else {
        const example = operation.pathParams.find((param) => param.name === name)!.example;
        request = `${base.pathname.replace(example, encodeURIComponent(value.toWellFormed()))}${base.search}`;
      }
      const result = await get(request);
      expect([200, 400, 404], `${request.slice(0, 120)} → ${result.status} ${result.text.slice(0, 200)}`).toContain(result.status);
      expectConforms(path, result);
    }
    if (where === 'query') {
      // A repeated parameter is ambiguous: 400 (or, for search and locate, their own code).
      const query = new URLSearchParams(base.search);
      while (query.getAll(name).length < 2) query.append(name, query.get(name) ?? 'x');
      const result = await get(`${base.pathname}?${query.toString()}`);
      expect(result.status).toBe(400);
      expectConforms(path, result);
    }
  });
});

describe('caching: ETag, Cache-Control and 304', () => {
  it.each(API_OPERATIONS.map((operation) => [operation.path, operation.example] as const))('%s', async (_path, example) => {
    const first = await get(`/api/v1${example}`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    // Weak: the same tag stands for the plain and the compressed body.
    expect(etag).toMatch(new RegExp(`^W/"${portal.info.dataVersion}-[A-Za-z0-9_-]{16}"$`));
    expect(first.headers.get('cache-control')).toMatch(/stale-while-revalidate=\d+/);
    // The same for everyone: shared caches may keep it too.
    expect(first.headers.get('cache-control')).toMatch(/^public, .*s-maxage=\d+/);
    const again = await get(`/api/v1${example}`, { 'If-None-Match': etag! });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
    // Weak comparison and lists, as browsers and CDNs send them.
    expect((await get(`/api/v1${example}`, { 'If-None-Match': `"other", ${etag}` })).status).toBe(304);
    expect((await get(`/api/v1${example}`, { 'If-None-Match': `"other", ${etag!.slice(2)}` })).status).toBe(304);
    expect((await get(`/api/v1${example}`, { 'If-None-Match': '"other"' })).status).toBe(200);
  });

  it('gives different resources different ETags', async () => {
    const a = (await get('/api/v1/districts/033510006')).headers.get('etag');
    const b = (await get('/api/v1/districts/032410001')).headers.get('etag');
    expect(a).not.toBe(b);
  });

  it('does not turn errors into 304', async () => {
    const result = await get('/api/v1/districts/000000000', { 'If-None-Match': '*' });
    expect(result.status).toBe(404);
    expect(result.headers.get('etag')).toBeNull();
  });

  it('answers HEAD with the headers and no body', async () => {
    const full = await get('/api/v1/districts/033510006');
    const result = await callApi(portal, '/api/v1/districts/033510006', { method: 'HEAD' });
    expect(result.status).toBe(200);
    expect(result.headers.get('etag')).toBe(full.headers.get('etag'));
    const notModified = await callApi(portal, '/api/v1/districts/033510006', {
      method: 'HEAD',
      headers: { 'If-None-Match': full.headers.get('etag')! },
    });
    expect(notModified.status).toBe(304);
  });
});

describe('methods and CORS', () => {
  const paths = [...API_OPERATIONS.map((operation) => `/api/v1${operation.example}`), '/daten/beamte.csv', '/api/v1/nope'];

  it.each(paths)('%s: other methods get 405 with Allow', async (path) => {
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
      const result = await callApi(portal, path, { method, body: method === 'DELETE' ? undefined : '{}' });
      expect(result.status).toBe(405);
      expect(result.headers.get('allow')).toBe('GET, HEAD, OPTIONS');
      expect(result.body).toEqual({ error: { code: 'method_not_allowed', message: expect.any(String) } });
      expect(result.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('answers a CORS preflight', async () => {
    const result = await callApi(portal, '/api/v1/districts', {
      method: 'OPTIONS',
      headers: { Origin: 'https://station.example', 'Access-Control-Request-Method': 'GET' },
    });
    expect(result.status).toBe(204);
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.headers.get('access-control-allow-methods')).toBe('GET, HEAD, OPTIONS');
    expect(result.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('lets any origin read GET answers, without credentials', async () => {
    const result = await get('/api/v1/inspections', { Origin: 'https://station.example' });
    expect(result.headers.get('access-control-allow-origin')).toBe('*');
    expect(result.headers.get('access-control-allow-credentials')).toBeNull();
    expect(result.headers.get('access-control-expose-headers')).toMatch(/ETag/);
  });

  it('answers an unknown API path with a JSON 404', async () => {
    const result = await get('/api/v1/nope');
    expect(result.status).toBe(404);
    expect(result.body.error.code).toBe('not_found');
  });
});

describe('rate limiting', () => {
  it('answers 429 with Retry-After after the configured burst, per client', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter({ perMinute: 60, burst: 5, trustProxy: false, maxClients: 100 }, () => now);
    const call = (client = '198.51.100.7') => callApi(portal, '/api/v1/directorates', {}, { limiter, clientAddress: client });
    for (let i = 0; i < 5; i++) expect((await call()).status).toBe(200);
    const limited = await call();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error.code).toBe('rate_limited');
    expect(limited.headers.get('access-control-allow-origin')).toBe('*');
    expectConforms('/directorates', limited);
    // Another client is not affected; the same client again after the wait.
    expect((await call('198.51.100.8')).status).toBe(200);
    now += Number(limited.headers.get('retry-after')) * 1000;
    expect((await call()).status).toBe(200);
  });

  it('counts an IPv6 /64 as one client', async () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 2, trustProxy: false, maxClients: 100 }, () => 0);
    const call = (client: string) => callApi(portal, '/api/v1/directorates', {}, { limiter, clientAddress: client });
    expect((await call('2001:db8:1:2::1')).status).toBe(200);
    expect((await call('2001:db8:1:2:ffff::9')).status).toBe(200);
    expect((await call('2001:0db8:0001:0002::77')).status).toBe(429);
    expect((await call('2001:db8:1:3::1')).status).toBe(200);
  });
});

describe('rate limiting and the server itself', () => {
  it('does not count loopback requests (health checks, a local proxy without RATE_LIMIT_TRUST_PROXY)', async () => {
    const limiter = new RateLimiter({ perMinute: 60, burst: 1, trustProxy: false, maxClients: 100 }, () => 0);
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) {
      for (let i = 0; i < 3; i++) {
        expect((await callApi(portal, '/api/v1/directorates', {}, { limiter, clientAddress: address })).status).toBe(200);
      }
    }
  });

  it('counts the last X-Forwarded-For entry behind a trusted proxy, and ignores it otherwise', async () => {
    const trusting = new RateLimiter({ perMinute: 60, burst: 1, trustProxy: true, maxClients: 100 }, () => 0);
    const via = (limiter: RateLimiter, forwarded: string) =>
      callApi(portal, '/api/v1/directorates', { headers: { 'X-Forwarded-For': forwarded } }, { limiter, clientAddress: '127.0.0.1' });
    expect((await via(trusting, '203.0.113.9, 198.51.100.1')).status).toBe(200);
    expect((await via(trusting, '203.0.113.10, 198.51.100.1')).status).toBe(429);
    expect((await via(trusting, '198.51.100.2')).status).toBe(200);
    const distrusting = new RateLimiter({ perMinute: 60, burst: 1, trustProxy: false, maxClients: 100 }, () => 0);
    const direct = (forwarded: string) =>
      callApi(
        portal,
        '/api/v1/directorates',
        { headers: { 'X-Forwarded-For': forwarded } },
        { limiter: distrusting, clientAddress: '198.51.100.50' },
      );
    expect((await direct('1.1.1.1')).status).toBe(200);
    expect((await direct('2.2.2.2')).status).toBe(429);
  });
});
