import type { APIContext } from 'astro';
import { describe, expect, it } from 'vitest';
import { answerCacheOf } from '../../../src/middleware/answer-cache';

/** A request through the middleware; `render` counts how often the page behind it was made. */
function harness(maxBytes = 1024 * 1024) {
  const middleware = answerCacheOf(maxBytes);
  let renders = 0;
  const call = async (
    path: string,
    { language = 'de', host = 'portal.test', dataVersion = 'v1', method = 'GET', route = '/bezirk/[id]', headers = {} } = {},
  ) => {
    const url = new URL(`http://${host}${path}`);
    const context = {
      url,
      request: new Request(url, { method, headers: { host } }),
      routePattern: route,
      locals: { language, portal: { info: { dataVersion } } },
    } as unknown as APIContext;
    const response = await middleware(context, () => {
      renders++;
      return Promise.resolve(
        new Response(`${language} ${host} ${path} ${dataVersion} #${renders}`, { headers: { 'Content-Type': 'text/html', ...headers } }),
      );
    });
    return { status: response!.status, text: await response!.text(), etag: response!.headers.get('etag') };
  };
  return { call, renders: () => renders };
}

describe('answer cache (middleware)', () => {
  it('makes an answer once and gives the same bytes, with an ETag, to the next visitor', async () => {
    const { call, renders } = harness();
    const first = await call('/bezirk/1');
    const second = await call('/bezirk/1');
    expect(second.text).toBe(first.text);
    expect(second.etag).toBe(first.etag);
    expect(first.etag).toMatch(/^"[A-Za-z0-9_-]{16}"$/);
    expect(renders()).toBe(1);
  });

  it('keeps answers apart by address, query, language and host', async () => {
    const { call, renders } = harness();
    await call('/bezirk/1');
    const variants = [
      await call('/bezirk/2'),
      await call('/bezirk/1?lat=52&lon=10'),
      await call('/bezirk/1', { language: 'en' }),
      await call('/bezirk/1', { host: 'other.test' }),
    ];
    expect(renders()).toBe(5);
    expect(new Set(variants.map((answer) => answer.text)).size).toBe(4);
  });

  it('forgets everything when the data version changes', async () => {
    const { call, renders } = harness();
    await call('/bezirk/1');
    const next = await call('/bezirk/1', { dataVersion: 'v2' });
    expect(next.text).toContain('v2');
    expect(renders()).toBe(2);
  });

  it('keeps no locate answer, nothing but GET, nothing marked no-store or private, nothing with a cookie or another Vary', async () => {
    const { call, renders } = harness();
    const twice = async (path: string, options: Parameters<typeof call>[1]) => {
      await call(path, options);
      await call(path, options);
    };
    await twice('/api/v1/locate?lat=52&lon=10', { route: '/api/v1/locate' });
    await twice('/a', { method: 'HEAD' });
    await twice('/b', { headers: { 'Cache-Control': 'no-store' } });
    await twice('/c', { headers: { 'Cache-Control': 'private, max-age=60' } });
    await twice('/d', { headers: { 'Set-Cookie': 'x=1' } });
    await twice('/e', { headers: { Vary: 'Accept-Language' } });
    expect(renders()).toBe(12);
    await twice('/f', { headers: { Vary: 'Accept-Encoding' } });
    expect(renders()).toBe(13);
  });

  it('stays within its size: the least recently used answer goes first', async () => {
    // Room for nine answers: each counts its body, its key and a 2 KB overhead (~2.1 KB).
    const { call, renders } = harness(20 * 1024);
    for (let i = 1; i <= 10; i++) await call(`/${i}`);
    expect(renders()).toBe(10);
    await call('/10');
    expect(renders()).toBe(10);
    await call('/1');
    expect(renders()).toBe(11);
  });
});
