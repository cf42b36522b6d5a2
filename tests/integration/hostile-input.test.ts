/**
 * Hostile and odd input against every JSON endpoint (and the open-data downloads), in process
 * through the project's middleware: the whole Big List of Naughty Strings as a search query, a
 * rotating sample of it for every other parameter and path segment, bad UTF-8, NUL, CRLF, 10 KB
 * values and repeated parameters. Never a 5xx; always valid JSON; errors in the one error shape.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Portal } from '../../src/services/portal';
import { callApi, type Called } from './helpers/api-harness';
import { buildProjectPortal, removeTempDirs } from './helpers/data-dir';
import { BLNS, encodeValue, hostileValues } from '../naughty-input';

let portal: Portal;
beforeAll(async () => {
  portal = await buildProjectPortal();
});
afterAll(removeTempDirs);

/** Calls `path` and checks the answer is no 5xx, valid JSON where JSON is declared, and the error shape on failure. */
async function expectHandled(path: string): Promise<Called> {
  let result: Called;
  try {
    result = await callApi(portal, path);
  } catch (error) {
    throw new Error(`${path.slice(0, 200)}: ${(error as Error).message}`, { cause: error });
  }
  const label = `${path.slice(0, 200)} → ${result.status} ${result.text.slice(0, 200)}`;
  expect(result.status, label).toBeLessThan(500);
  const type = result.headers.get('content-type') ?? '';
  if (result.status >= 400) {
    expect(type, label).toMatch(/^application\/json/);
    expect(result.body?.error?.code, label).toEqual(expect.any(String));
    expect(result.body.error.message, label).toEqual(expect.any(String));
    expect(result.body.error.message.length, label).toBeGreaterThan(0);
  }
  return result;
}

describe('the search API and the whole Big List of Naughty Strings', () => {
  it('answers every string with 200 or a 400 in the error shape', async () => {
    expect(BLNS.length).toBeGreaterThan(400);
    const statuses = new Set<number>();
    for (const value of BLNS) {
      const result = await expectHandled(`/api/v1/search?q=${encodeValue(value)}`);
      statuses.add(result.status);
      if (result.status === 200) expect(Array.isArray(result.body.results)).toBe(true);
    }
    expect([...statuses].every((status) => status === 200 || status === 400)).toBe(true);
  });
});

/** Every endpoint with the parameters it reads; `{}` marks the path segment. */
const QUERY_ROUTES: Array<{ path: string; params: string[] }> = [
  { path: '/api/v1/search', params: ['q', 'limit'] },
  { path: '/api/v1/locate', params: ['lat', 'lon'] },
  { path: '/api/v1/districts', params: ['limit', 'offset'] },
  { path: '/api/v1/officers', params: ['limit', 'offset'] },
  { path: '/api/v1/stations', params: ['limit', 'offset'] },
  { path: '/api/v1/inspections', params: ['limit', 'offset'] },
  { path: '/api/v1/directorates', params: ['limit', 'offset'] },
  { path: '/api/v1/districts/033510006/boundary', params: ['simplify'] },
  { path: '/api/v1/accounts/verify', params: ['url', 'handle', 'platform'] },
];
/** A valid value for each parameter, so that one bad parameter is tried beside good ones. */
const GOOD: Record<string, string> = {
  q: 'Celle',
  limit: '5',
  offset: '0',
  lat: '52.62',
  lon: '10.08',
  simplify: '500',
  url: 'https%3A%2F%2Fx.com%2Fpolizei_ce',
  handle: 'polizei_ce',
  platform: 'x',
};
const PATH_ROUTES = [
  '/api/v1/districts/{}',
  '/api/v1/districts/{}/boundary',
  '/api/v1/officers/{}',
  '/api/v1/stations/{}',
  '/api/{}',
  '/api/v1/{}',
  '/daten/{}',
];

describe('every endpoint with hostile parameters', () => {
  QUERY_ROUTES.forEach(({ path, params }, routeIndex) => {
    it(`${path}?${params.join('&')}`, async () => {
      for (const [paramIndex, name] of params.entries()) {
        const others = params.filter((other) => other !== name).map((other) => `${other}=${GOOD[other]}`);
        for (const value of hostileValues(30, routeIndex * 53 + paramIndex * 17)) {
          await expectHandled(`${path}?${[`${name}=${value}`, ...others].join('&')}`);
        }
        // Repeated parameters: the same twice, a good and a bad one, and many.
        await expectHandled(`${path}?${name}=${GOOD[name]}&${name}=${GOOD[name]}&${others.join('&')}`);
        await expectHandled(`${path}?${name}=${GOOD[name]}&${name}=%3Cx%3E&${others.join('&')}`);
        await expectHandled(`${path}?${Array.from({ length: 500 }, () => `${name}=${GOOD[name]}`).join('&')}`);
      }
      // Parameters no endpoint reads, and an oversized query string as a whole.
      await expectHandled(`${path}?unknown=%3Cscript%3E&${params.map((name) => `${name}=${GOOD[name]}`).join('&')}`);
      await expectHandled(`${path}?${'x'.repeat(10_240)}`);
    });
  });

  PATH_ROUTES.forEach((route, routeIndex) => {
    it(route, async () => {
      for (const value of hostileValues(30, 200 + routeIndex * 41)) {
        await expectHandled(route.replace('{}', value));
      }
    });
  });
});

describe('repeated parameters', () => {
  it('refuses an ambiguous repeated query or point with a 400 in the error shape', async () => {
    const search = await expectHandled('/api/v1/search?q=Celle&q=Hannover');
    const locate = await expectHandled('/api/v1/locate?lat=52.62&lat=53.1&lon=10.08');
    for (const result of [search, locate]) {
      expect(result.status).toBe(400);
      expect(result.body.error.message).toMatch(/[a-zäöüß]/);
    }
  });
});
