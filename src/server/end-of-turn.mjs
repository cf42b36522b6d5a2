/**
 * Work gathered during one turn of the event loop and done together at its end (setImmediate):
 * under a rush a turn reads many requests, and what they produce is handled in one go instead
 * of one at a time. Used for the request log lines (log.mjs) and the fast lane's answers
 * (fast-lane.ts). Plain JavaScript, like log.mjs, because main.mjs runs beside Astro's bundle.
 */

/**
 * @template T
 * @typedef {{ add: (item: T) => void, flush: () => void }} EndOfTurnBatch
 */

/**
 * A batch handed to `handle` at the end of the turn in which its first item was added; `flush`
 * hands over what is pending now (at exit).
 * @template T
 * @param {(items: T[]) => void} handle
 * @returns {EndOfTurnBatch<T>}
 */
export function endOfTurnBatch(handle) {
  /** @type {T[]} */
  let pending = [];
  const flush = () => {
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    handle(items);
  };
  return {
    add(item) {
      if (pending.length === 0) setImmediate(flush);
      pending.push(item);
    },
    flush,
  };
}
