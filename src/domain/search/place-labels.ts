/**
 * Display labels of places that tell same-named ones apart: the name, plus the Kreis (and if need
 * be the type) where several municipalities or districts share it.
 */
import type { District, Municipality } from '../model';
import { normaliseText } from './normalise';

/** Name, plus the Kreis (and if need be the type) where several municipalities share the name. */
export function municipalityLabels(municipalities: readonly Municipality[], kreisNames: ReadonlyMap<string, string>): Map<string, string> {
  const kreisOf = (m: Municipality) => kreisNames.get(m.ags.slice(0, 5)) ?? m.ags.slice(0, 5);
  // Compared folded: "Brockel" and "Bröckel" look alike to a searcher and need the Kreis too.
  const byName = countBy(municipalities, (m) => normaliseText(m.name));
  const byNameAndKreis = countBy(municipalities, (m) => `${normaliseText(m.name)}\u0000${kreisOf(m)}`);
  const labels = new Map<string, string>();
  for (const m of municipalities) {
    if ((byName.get(normaliseText(m.name)) ?? 0) <= 1) labels.set(m.ags, m.name);
    else if ((byNameAndKreis.get(`${normaliseText(m.name)}\u0000${kreisOf(m)}`) ?? 0) <= 1) labels.set(m.ags, `${m.name} (${kreisOf(m)})`);
    else labels.set(m.ags, `${m.name} (${m.type}, ${kreisOf(m)})`);
  }
  return labels;
}

/**
 * "Samtgemeinde Hambergen"; with the Kreis where that is not unique, and with the type of its
 * municipalities where even that is not ("Einheitsgemeinde Helmstedt" is the town and, apart,
 * the gemeindefreies Gebiet of the same name).
 */
export function districtLabels(
  districts: readonly District[],
  kreisNames: ReadonlyMap<string, string>,
  memberTypes: ReadonlyMap<string, ReadonlySet<string>>,
): Map<string, string> {
  const plain = (d: District) => `${d.type} ${d.name}`;
  const kreisOf = (d: District) => kreisNames.get(d.kreisAgs) ?? d.kreisAgs;
  const byLabel = countBy(districts, (d) => normaliseText(plain(d)));
  const byLabelAndKreis = countBy(districts, (d) => `${normaliseText(plain(d))}\u0000${kreisOf(d)}`);
  const labels = new Map<string, string>();
  for (const d of districts) {
    if ((byLabel.get(normaliseText(plain(d))) ?? 0) <= 1) labels.set(d.id, plain(d));
    else if ((byLabelAndKreis.get(`${normaliseText(plain(d))}\u0000${kreisOf(d)}`) ?? 0) <= 1)
      labels.set(d.id, `${plain(d)} (${kreisOf(d)})`);
    else {
      const types = [...(memberTypes.get(d.id) ?? [])].sort().join('/');
      labels.set(d.id, types === '' ? `${plain(d)} (${kreisOf(d)})` : `${plain(d)} (${types}, ${kreisOf(d)})`);
    }
  }
  return labels;
}

/** "Landkreis Osnabrück" -> "Osnabrück", "Region Hannover" -> "Hannover". */
export function shortKreisName(name: string): string {
  return name.replace(/^(Landkreis|Kreis|Region|Stadt)\s+/u, '');
}

function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}
