/** The maps' GeoJSON as text, written once per snapshot (see per-snapshot.ts). */
import { perSnapshot } from './per-snapshot';
import type { Portal } from './portal';

const text = (data: GeoJSON.FeatureCollection | null) => (data ? JSON.stringify(data) : null);

/** Districts and inspections for the overview map. */
export function overviewMapJson(portal: Portal): string {
  return perSnapshot(portal, 'map:overview', () => text(portal.overviewGeoJson())!);
}

/** A district with its neighbours; null for an unknown id. */
export function districtMapJson(portal: Portal, id: string): string | null {
  return perSnapshot(portal, `map:district:${id}`, () => text(portal.districtGeoJson(id)));
}

/** The districts an officer covers; null for an unknown id. */
export function officerMapJson(portal: Portal, id: string): string | null {
  return perSnapshot(portal, `map:officer:${id}`, () => text(portal.officerGeoJson(id)));
}
