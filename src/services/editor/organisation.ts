/** The organisation behind the scopes (directorates and their inspections), from the loaded snapshot. */
import { getPortal } from '../snapshot';
import type { Portal } from '../portal';
import type { Organisation } from './records';

const byPortal = new WeakMap<Portal, Organisation>();

/** The organisation of `portal` (default: the current snapshot), computed once per snapshot. */
export function organisation(portal: Portal = getPortal()): Organisation {
  let org = byPortal.get(portal);
  if (!org) {
    const inspections = portal.listInspections().map(({ id, name, directorateId }) => ({ id, name, directorateId }));
    org = {
      inspections,
      directorates: portal.listDirectorates().map(({ id, name }) => ({ id, name })),
      directorateOf: new Map(inspections.map((i) => [i.id, i.directorateId])),
    };
    byPortal.set(portal, org);
  }
  return org;
}

/** Every scope id an account may be given. */
export function knownScopes(org: Organisation): Set<string> {
  return new Set([...org.directorates.map((d) => `pd:${d.id}`), ...org.inspections.map((i) => `pi:${i.id}`)]);
}
