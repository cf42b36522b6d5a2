import { describe, expect, it } from 'vitest';
import { endOfTurnBatch } from '../../../src/server/end-of-turn.mjs';

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('endOfTurnBatch', () => {
  it('hands over what one turn added, together and in order, at the end of that turn', async () => {
    const handed: string[][] = [];
    const batch = endOfTurnBatch<string>((items) => handed.push(items));
    batch.add('a');
    batch.add('b');
    batch.add('c');
    expect(handed).toEqual([]);
    await nextTurn();
    expect(handed).toEqual([['a', 'b', 'c']]);
    batch.add('d');
    await nextTurn();
    expect(handed).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('flush hands over what is pending now, and nothing of it again', async () => {
    const handed: number[][] = [];
    const batch = endOfTurnBatch<number>((items) => handed.push(items));
    batch.flush();
    expect(handed).toEqual([]);
    batch.add(1);
    batch.add(2);
    batch.flush();
    expect(handed).toEqual([[1, 2]]);
    await nextTurn();
    expect(handed).toEqual([[1, 2]]);
  });
});
