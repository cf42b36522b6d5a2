/**
 * The JSON API endpoints, called directly with a minimal context over a snapshot built from
 * data/: status codes, response shapes, and hostile input (never a 5xx, always the error shape).
 */
import type { APIContext, APIRoute } from 'astro';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as locate } from '../../src/pages/api/v1/locate';
import { GET as search } from '../../src/pages/api/v1/search';
import { seededRandom } from '../../src/domain/seeded-random';
import { shapedJson } from '../../src/services/api';
import { LocateResponse } from '../../src/services/api-schemas';
import type { Portal } from '../../src/services/portal';
import { buildProjectPortal, removeTempDirs } from './helpers/data-dir';

let portal: Portal;

beforeAll(async () => {
  portal = await buildProjectPortal();
});
afterAll(removeTempDirs);

interface Called {
  status: number;
  contentType: string | null;
  text: string;
  body: any;
}

/** Calls an endpoint with `query` (a raw, already encoded query string) the way Astro would. */
async function call(route: APIRoute, pathname: string, query: string): Promise<Called> {
  const url = new URL(`http://x${pathname}?${query}`);
  const context = { url, request: new Request(url), locals: { portal } } as unknown as APIContext;
  const response = await route(context);
  const text = await response.text();
  return { status: response.status, contentType: response.headers.get('content-type'), text, body: JSON.parse(text) };
}

const callLocate = (query: string) => call(locate, '/api/v1/locate', query);
const callSearch = (query: string) => call(search, '/api/v1/search', query);
/** `q=<value>` encoded as a browser would (lone surrogates become U+FFFD; encodeURIComponent would throw). */
const q = (value: string, extra = '') => `${new URLSearchParams({ q: value }).toString()}${extra}`;

function expectError(result: Called, status: number, code: string): void {
  expect(result.status, JSON.stringify(result.body)).toBe(status);
  expect(result.contentType).toMatch(/^application\/json/);
  // `details` only where the answer has more to say (outside_area: the state and the neighbours).
  const details = result.body.error?.details === undefined ? {} : { details: expect.any(Object) };
  expect(result.body).toEqual({ error: { code, message: expect.any(String), ...details } });
  expect(result.body.error.message.length).toBeGreaterThan(0);
}

describe('GET /api/v1/locate', () => {
  it('answers 200 with the district, inspection, directorate and officers for Celle', async () => {
    const result = await callLocate('lat=52.6226&lon=10.0805');
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^application\/json/);
    const body = result.body;
    expect(body).toMatchObject({
      point: { lat: 52.6226, lon: 10.0805 },
      municipality: { ags: '03351006', name: 'Celle' },
      district: { id: '033510006', name: 'Celle' },
      inspection: { id: 'pi-celle', name: 'PI Celle' },
      directorate: { id: 'pd-lueneburg', name: 'PD Lüneburg' },
      responsibilityVerified: true,
      nearBoundary: [],
    });
    expect(Object.keys(body.municipality).sort()).toEqual(['ags', 'name']);
    expect(Object.keys(body.district).sort()).toEqual(['id', 'name']);
    expect(Object.keys(body.inspection).sort()).toEqual(['id', 'name']);
    expect(Object.keys(body.directorate).sort()).toEqual(['id', 'name']);
    expect(body.station).toEqual({ id: expect.any(String), name: expect.any(String) });
    expect(body.officers.length).toBeGreaterThanOrEqual(2);
    for (const officer of body.officers) {
      expect(officer).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        role: expect.stringMatching(/^(digital|kobb)$/),
        isDemo: true,
        accounts: expect.any(Array),
      });
      for (const account of officer.accounts) {
        expect(account).toEqual({ platform: expect.any(String), handle: expect.any(String), url: expect.any(String) });
      }
    }
    const roles = body.officers.map((officer: { role: string }) => officer.role);
    expect(roles).toContain('digital');
    expect(roles).toContain('kobb');
    // Digital officers first, then the kobb.
    expect(roles.indexOf('kobb')).toBeGreaterThan(roles.lastIndexOf('digital'));
  });

  it('writes the answer its schema gives for the whole, at points anywhere and near boundaries', async () => {
    // The answer is written from members kept per municipality and district (computed-answers.ts);
    // the reference shapes the whole answer at once, as every other endpoint does.
    const random = seededRandom(7);
    const points = Array.from({ length: 300 }, () => ({ lat: 51.3 + random() * 2.6, lon: 6.7 + random() * 4.5 }));
    let inside = 0;
    let withNeighbours = 0;
    for (const { lat, lon } of points) {
      const query = `lat=${lat.toFixed(6)}&lon=${lon.toFixed(6)}`;
      const answer = await callLocate(query);
      const result = portal.locate({ lat: Number(lat.toFixed(6)), lon: Number(lon.toFixed(6)) });
      if (result.kind === 'outside') {
        expect(answer.status).toBe(404);
        continue;
      }
      inside++;
      if (result.nearBoundary.length > 0) withNeighbours++;
      const view = portal.districtView(result.district.id)!;
      const whole = shapedJson(LocateResponse, {
        point: result.point,
        municipality: result.municipality,
        district: result.district,
        inspection: result.inspection,
        directorate: result.directorate,
        station: view.station,
        responsibilityVerified: view.responsibilityVerified,
        officers: [...view.digitalOfficers, ...view.kobbOfficers],
        nearBoundary: result.nearBoundary,
      });
      expect(answer.text).toBe(whole);
    }
    expect(inside).toBeGreaterThan(150);
    expect(withNeighbours).toBeGreaterThan(10);
  });

  it('accepts signs, surrounding spaces and up to 12 decimals', async () => {
    expect((await callLocate('lat=+52.6226&lon=%2010.0805%20')).status).toBe(200);
    expect((await callLocate('lat=52.622600000000&lon=10.080500000000')).status).toBe(200);
  });

  it('reports neighbours near a boundary as {id, name, distanceMeters}', async () => {
    // Hannover's city centre has none; a search result's point may lie anywhere: check the shape only.
    const { results } = portal.search('Wathlingen', 1);
    const body = (await callLocate(`lat=${results[0]!.point.lat}&lon=${results[0]!.point.lon}`)).body;
    for (const entry of body.nearBoundary) {
      expect(entry).toEqual({ id: expect.stringMatching(/^\d{9}$/), name: expect.any(String), distanceMeters: expect.any(Number) });
    }
  });

  it('says responsibility is not verified in Region Hannover', async () => {
    const result = await callLocate('lat=52.3759&lon=9.732');
    expect(result.status).toBe(200);
    expect(result.body.responsibilityVerified).toBe(false);
  });

  it('answers 200 without digital officers where an inspection has none (Cuxhaven)', async () => {
    const result = await callLocate('lat=53.861&lon=8.6944');
    expect(result.status).toBe(200);
    expect(result.body.inspection.id).toBe('pi-cuxhaven');
    expect(result.body.officers.every((officer: { role: string }) => officer.role === 'kobb')).toBe(true);
  });

  it.each([
    ['Berlin', 'lat=52.52&lon=13.405', null],
    ['the North Sea', 'lat=54.2&lon=7.0', null],
    ['Hamburg', 'lat=53.5511&lon=9.9937', null],
    ['Groningen (Netherlands)', 'lat=53.2194&lon=6.5665', null],
    ['Bremen', 'lat=53.0793&lon=8.8017', 'Polizei Bremen'],
    ['Bremen-Vegesack', 'lat=53.1717&lon=8.6217', 'Polizei Bremen'],
    ['the edge of the world', 'lat=-90&lon=180', null],
  ])('answers 404 outside_area for %s, naming the police only where the data allow it', async (_name, query, police) => {
    const result = await callLocate(query);
    expectError(result, 404, 'outside_area');
    const details = result.body.error.details;
    expect(details.police?.name ?? null).toBe(police);
    expect(details.state).toBe(police === null ? null : 'Bremen');
    // Always the neighbours, the Netherlands included, each with its police and website.
    expect(details.neighbours.map((n: { state: string }) => n.state)).toEqual(
      expect.arrayContaining(['Bremen', 'Hamburg', 'Schleswig-Holstein', 'Nordrhein-Westfalen', 'Niederlande']),
    );
    for (const neighbour of details.neighbours) expect(neighbour.police.url).toMatch(/^https:\/\//);
  });

  const thousandDigits = '5'.repeat(1000);
  it.each([
    ['no parameters', ''],
    ['lat only', 'lat=52.6'],
    ['lon only', 'lon=10.08'],
    ['empty values', 'lat=&lon='],
    ['blank values', 'lat=%20&lon=%20'],
    ['letters', 'lat=abc&lon=10.08'],
    ['exponent', 'lat=1e5&lon=10.08'],
    ['small exponent', 'lat=52.6&lon=1e1'],
    ['NaN', 'lat=NaN&lon=10.08'],
    ['Infinity', 'lat=Infinity&lon=10.08'],
    ['-Infinity', 'lat=52.6&lon=-Infinity'],
    ['hex', 'lat=0x10&lon=10.08'],
    ['lat 91', 'lat=91&lon=10.08'],
    ['lat -90.5', 'lat=-90.5&lon=10.08'],
    ['lon -181', 'lat=52.6&lon=-181'],
    ['lon 180.000001', 'lat=52.6&lon=180.000001'],
    ['decimal comma', 'lat=52,5&lon=10,08'],
    ['trailing dot', 'lat=52.&lon=10.08'],
    ['leading dot', 'lat=.5&lon=10.08'],
    ['two signs', 'lat=--52&lon=10.08'],
    ['13 decimals', 'lat=52.1234567890123&lon=10.08'],
    ['1000-digit integer', `lat=${thousandDigits}&lon=10.08`],
    ['1000-digit fraction', `lat=52.${thousandDigits}&lon=10.08`],
    ['array syntax', 'lat[]=52.6&lon[]=10.08'],
    ['a NUL byte', 'lat=52.6%00&lon=10.08'],
    ['a unit', 'lat=52.6°&lon=10.08°'],
    ['DMS', 'lat=52°37%2721%22N&lon=10°4%2750%22E'],
    ['swapped names only', 'latitude=52.6&longitude=10.08'],
  ])('answers 400 invalid_coordinates for %s', async (_name, query) => {
    expectError(await callLocate(query), 400, 'invalid_coordinates');
  });

  it.each([
    ['lat', 'lat=52.6226&lat=99&lon=10.0805'],
    ['lon', 'lat=52.6226&lon=10.0805&lon=10.0805'],
  ])('answers 400 invalid_coordinates for a repeated %s', async (_name, query) => {
    // Two values for one coordinate are ambiguous; taking the first silently would hide client bugs.
    expectError(await callLocate(query), 400, 'invalid_coordinates');
  });
});

describe('GET /api/v1/search', () => {
  const resultShape = {
    type: expect.stringMatching(/^(address|street|municipality|locality|district|postcode)$/),
    label: expect.any(String),
    match: expect.stringMatching(/^(exact|prefix|corrected)$/),
    lat: expect.any(Number),
    lon: expect.any(Number),
    postcode: expect.toSatisfy((value: unknown) => value === null || (typeof value === 'string' && /^\d{5}$/.test(value))),
    municipality: expect.toSatisfy((value: any) => value === null || (typeof value.ags === 'string' && typeof value.name === 'string')),
    // A place in a divided city whose part is not known names the city instead (Hannover, 30159).
    district: expect.toSatisfy((value: any) => value === null || (/^\d{9}(-[0-9a-z]+)?$/.test(value.id) && typeof value.name === 'string')),
    city: expect.toSatisfy((value: any) => value === null || (/^\d{9}$/.test(value.id) && value.districts > 1)),
    approximate: expect.any(Boolean),
    note: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
    street: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
    houseNumber: expect.toSatisfy((value: unknown) => value === null || typeof value === 'string'),
  };

  it('answers 200 with Celle first', async () => {
    const result = await callSearch(q('Celle'));
    expect(result.status).toBe(200);
    expect(result.contentType).toMatch(/^application\/json/);
    expect(Object.keys(result.body)).toEqual(['results', 'outsideArea', 'decision']);
    expect(result.body.decision).toEqual({ action: 'go', result: 0, reason: null });
    expect(result.body.results[0]).toEqual({
      type: 'municipality',
      label: 'Celle',
      match: 'exact',
      lat: expect.any(Number),
      lon: expect.any(Number),
      postcode: null,
      municipality: { ags: '03351006', name: 'Celle' },
      district: { id: '033510006', name: 'Celle' },
      city: null,
      approximate: false,
      note: null,
      street: null,
      houseNumber: null,
    });
    for (const entry of result.body.results) expect(entry).toEqual(resultShape);
  });

  it.each([
    ['Cele', 'Celle'],
    ['Goettingen', 'Göttingen'],
    ['Hannoversch Münden', 'Hann. Münden'],
    ['Hann. Münden', 'Hann. Münden'],
    ['29221', '29221 Celle'],
  ])('ranks %j → %s first', async (query, label) => {
    const result = await callSearch(q(query));
    expect(result.status).toBe(200);
    expect(result.body.results[0].label).toBe(label);
  });

  it('answers a postcode result with its postcode and municipality', async () => {
    const result = await callSearch(q('37434', '&limit=20'));
    expect(result.body.results).toHaveLength(11);
    for (const entry of result.body.results) {
      expect(entry).toEqual(resultShape);
      expect(entry).toMatchObject({ type: 'postcode', postcode: '37434' });
      expect(entry.municipality).not.toBeNull();
    }
  });

  it('answers 200 with no results for nonsense', async () => {
    const result = await callSearch(q('xqzjkw'));
    expect(result.status).toBe(200);
    expect(result.body).toEqual({ results: [], outsideArea: null, decision: { action: 'unknown', result: null, reason: null } });
  });

  it('honours limit 1..20 and defaults to 10', async () => {
    expect((await callSearch(q('Lün'))).body.results).toHaveLength(10);
    expect((await callSearch(q('Lün', '&limit=1'))).body.results).toHaveLength(1);
    expect((await callSearch(q('Lün', '&limit=5'))).body.results).toHaveLength(5);
    const twenty = (await callSearch(q('Lün', '&limit=20'))).body.results;
    expect(twenty.length).toBeGreaterThan(10);
    expect(twenty.length).toBeLessThanOrEqual(20);
    expect((await callSearch(q('Lün', '&limit=%2020%20'))).status).toBe(200);
  });

  it.each(['0', '21', '-1', '1.5', 'abc', '', '%20', '1e1', '0x5', '100', '99999999999999999999', 'NaN', '5abc'])(
    'answers 400 invalid_limit for limit=%j',
    async (limit) => {
      expectError(await callSearch(q('Celle', `&limit=${limit}`)), 400, 'invalid_limit');
    },
  );

  it('answers 400 invalid_limit for a repeated limit', async () => {
    expectError(await callSearch(q('Celle', '&limit=5&limit=6')), 400, 'invalid_limit');
  });

  it.each([
    ['missing', ''],
    ['empty', 'q='],
    ['whitespace', 'q=%20%20%09'],
    ['only control characters', 'q=%00%01%1F%7F'],
    ['only format characters', 'q=%E2%80%8B%E2%80%AE'],
    ['201 characters', q('a'.repeat(201))],
    ['201 umlauts', q('ü'.repeat(201))],
    ['10,000 characters', q('Celle '.repeat(1667).slice(0, 10_000))],
    ['repeated', 'q=Celle&q=Hannover'],
  ])('answers 400 invalid_query when q is %s', async (_name, query) => {
    expectError(await callSearch(query), 400, 'invalid_query');
  });

  it('accepts exactly 200 characters, counting code points', async () => {
    expect((await callSearch(q('a'.repeat(200)))).status).toBe(200);
    expect((await callSearch(q('🚓'.repeat(200)))).status).toBe(200);
  });

  const hostile: Array<[string, string]> = [
    ['emoji', q('🚓 Celle 👮‍♀️')],
    ['only emoji', q('🏳️‍🌈🏳️‍🌈')],
    ['RTL Arabic', q('القاهرة')],
    ['RTL Hebrew with Latin', q('Celle תל אביב')],
    ['RTL override', q('\u202ECelle\u202C')],
    ['a lone high surrogate (percent-encoded)', 'q=%ED%A0%80'],
    ['a lone surrogate (JS string)', q('\uD800')],
    ['a lone low surrogate before text', q('\uDC00Celle')],
    ['invalid UTF-8', 'q=%FF%FE%C3'],
    ['a broken percent escape', 'q=%E4%ZZ%'],
    ['control characters', q('Ce\u0000ll\u0007e\u001B[31m')],
    ['zero-width characters', q('Ce\u200Bl\u200Dle')],
    ['combining marks', q('Go\u0308ttingen')],
    ['zalgo', q('C̸̡̛e̵l̷l̶e̸' + '\u0301'.repeat(150))],
    ['SQL injection', q("' OR 1=1 --")],
    ['SQL injection 2', q('Celle"; DROP TABLE districts; --')],
    ['FTS syntax', q('Celle* NEAR(a b) OR "x"')],
    ['HTML injection', q('<script>alert(1)</script>')],
    ['HTML attribute', q('"><img src=x onerror=alert(1)>')],
    ['regex metacharacters', q('.*+?^${}()|[]\\')],
    ['percent signs', q('%%%25')],
    ['a very long word', q('x'.repeat(200))],
    ['many short words', q('a '.repeat(100))],
    ['digits', q('1'.repeat(200))],
    ['postcode-like with letters', q('2922l')],
    ['a postcode and a town that contradict', q('29221 Göttingen')],
    ['object prototype words', q('__proto__ constructor')],
    ['NUL-separated', q('Celle\u0000Hannover')],
    ['fullwidth', q('Ｃｅｌｌｅ')],
    ['ligatures and eszett', q('ﬀ Straße ẞ')],
  ];

  it.each(hostile)('never fails on %s', async (_name, query) => {
    const result = await callSearch(query);
    expect([200, 400]).toContain(result.status);
    if (result.status === 200) {
      expect(Array.isArray(result.body.results)).toBe(true);
      for (const entry of result.body.results) expect(entry).toEqual(resultShape);
    } else {
      expectError(result, 400, 'invalid_query');
    }
  });

  it('never fails on 500 seeded random strings', async () => {
    const alphabet = [
      ...'abcdefghijklmnopqrstuvwxyzäöüßÄÖÜ0123456789 .-/()\'"%&<>*?',
      '\u0000',
      '\u0009',
      '\u200B',
      '\u202E',
      '\uFFFD',
      '🚓',
      'ق',
      'é',
      '\u0308',
      '\uD800',
      '\uDFFF',
    ];
    let seed = 0x5eed;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const length = Math.floor(random() * (i % 50 === 0 ? 400 : 24));
      let text = '';
      for (let j = 0; j < length; j++) text += alphabet[Math.floor(random() * alphabet.length)];
      const result = await callSearch(q(text));
      expect([200, 400], JSON.stringify(text)).toContain(result.status);
      if (result.status === 400) expect(result.body.error.code).toBe('invalid_query');
    }
  });

  it('checks the query before the limit', async () => {
    expectError(await callSearch('q=&limit=0'), 400, 'invalid_query');
  });
});
