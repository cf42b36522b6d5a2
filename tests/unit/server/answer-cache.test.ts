import { describe, expect, it } from 'vitest';
import { AnswerCache, answerKey, type CachedAnswer } from '../../../src/server/answer-cache';

const answer = (bytes: number, text = 'x'): CachedAnswer => ({
  status: 200,
  headers: [['content-type', 'text/html']],
  body: Buffer.alloc(bytes, text),
  route: '/bezirk/[id]',
});

describe('AnswerCache', () => {
  it('gives back what was kept, for the same data version only', () => {
    const cache = new AnswerCache(10_000);
    cache.put('/a', 'v1', answer(100));
    expect(cache.get('/a', 'v1')?.body.length).toBe(100);
    expect(cache.get('/b', 'v1')).toBeUndefined();
    // A new data version empties the cache: nothing rendered from the old data is served.
    expect(cache.get('/a', 'v2')).toBeUndefined();
    expect(cache.size).toBe(0);
    expect(cache.get('/a', 'v1')).toBeUndefined();
  });

  it('stays within its bytes, dropping the least recently used first', () => {
    const keys = Array.from({ length: 9 }, (_, index) => `/page/${index}`);
    // An entry's size: its bodies, its key (two bytes a character) and 2,048 bytes for the rest.
    const entryBytes = (key: string, body: number) => 2_048 + key.length * 2 + body;
    const cache = new AnswerCache(8 * entryBytes('/page/0', 300));
    for (const key of keys.slice(0, 8)) cache.put(key, 'v1', answer(300));
    expect(cache.size).toBe(8);
    cache.get('/page/0', 'v1'); // used: /page/1 is now the oldest
    cache.put('/page/8', 'v1', answer(200));
    expect(cache.get('/page/1', 'v1')).toBeUndefined();
    expect(keys.filter((key) => key !== '/page/1').every((key) => cache.get(key, 'v1') !== undefined)).toBe(true);
    expect(cache.storedBytes).toBe(7 * entryBytes('/page/0', 300) + entryBytes('/page/8', 200));
  });

  it('counts long keys: many tiny answers under long addresses cannot outgrow the budget', () => {
    const cache = new AnswerCache(100_000);
    for (let index = 0; index < 1_000; index++) cache.put(`/api/v1/search?q=x&pad=${'y'.repeat(8_000)}${index}`, 'v1', answer(10));
    expect(cache.storedBytes).toBeLessThanOrEqual(100_000);
    expect(cache.size).toBeLessThanOrEqual(6);
  });

  it('keeps no answer larger than an eighth of its bytes, and replaces one kept under the same key', () => {
    const cache = new AnswerCache(8_000);
    cache.put('/big', 'v1', answer(1_001));
    expect(cache.get('/big', 'v1')).toBeUndefined();
    cache.put('/a', 'v1', answer(500, 'a'));
    cache.put('/a', 'v1', answer(200, 'b'));
    expect(cache.get('/a', 'v1')?.body.toString()).toBe('b'.repeat(200));
    expect(cache.storedBytes).toBe(2_048 + 2 * 2 + 200);
  });

  it('keeps nothing when switched off', () => {
    const cache = new AnswerCache(0);
    cache.put('/a', 'v1', answer(10));
    expect(cache.enabled).toBe(false);
    expect(cache.get('/a', 'v1')).toBeUndefined();
  });
});

describe('answerKey', () => {
  it('tells apart hosts and forwarded hosts, not other headers', () => {
    const headers = (values: Record<string, string>) => (name: string) => values[name];
    const plain = answerKey('/bezirk/1', headers({ host: 'a.example' }));
    expect(answerKey('/bezirk/1', headers({ host: 'a.example', 'user-agent': 'x' }))).toBe(plain);
    expect(answerKey('/bezirk/1', headers({ host: 'b.example' }))).not.toBe(plain);
    expect(answerKey('/bezirk/1', headers({ host: 'a.example', 'x-forwarded-host': 'c.example' }))).not.toBe(plain);
    expect(answerKey('/bezirk/2', headers({ host: 'a.example' }))).not.toBe(plain);
  });
});
