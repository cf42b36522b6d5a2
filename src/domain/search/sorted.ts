/** Binary search over lists sorted by a string key (words, names), shared by the searches. */

/** The first index whose key is not below `value`. */
export function lowerBound<T>(sorted: readonly T[], value: string, keyOf: (item: T) => string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keyOf(sorted[mid]!) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
