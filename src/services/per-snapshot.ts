/**
 * Work done once per data snapshot. A loaded snapshot never changes, so whatever a page or an
 * endpoint needs that does not depend on the request (GeoJSON text, JSON members of an answer,
 * view models) is made on first use and kept with the snapshot's Portal; it goes when a new
 * snapshot replaces that Portal. Keys name records of the data, never free request input, and
 * nothing is kept for a record that is not there (null or undefined), so the memory is bounded
 * by the data.
 */
import type { Portal } from './portal';

const kept = new WeakMap<Portal, Map<string, unknown>>();

/** The value kept under `key` for `portal`'s snapshot, made by `make` the first time. */
export function perSnapshot<T>(portal: Portal, key: string, make: () => T): T {
  let values = kept.get(portal);
  if (!values) kept.set(portal, (values = new Map<string, unknown>()));
  if (values.has(key)) return values.get(key) as T;
  const value = make();
  if (value !== null && value !== undefined) values.set(key, value);
  return value;
}
