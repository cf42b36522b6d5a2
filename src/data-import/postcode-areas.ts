/** Postcode areas: which postcodes a municipality has, from the postcode list and the AGS aliases of merged municipalities. */
import type { z } from 'zod';
import type { PostcodeArea } from '../domain/model';
import type { RecordRef } from './errors';
import type { agsAliasRowSchema, postcodeRowSchema } from './schemas';
import type { SourceReader } from './source-reader';
import { SOURCE_FILES, type MunicipalityData } from './source-records';

/**
 * Postcode → municipality pairs. Rows with an AGS newer than the geometry (a merger) go to the
 * predecessor municipalities listed in postcodes/ags_aliases.csv: to those whose main postcode is
 * the row's postcode, or to all predecessors if none matches. Rows with an AGS that is neither
 * known nor aliased are skipped with a warning. Municipalities left without any postcode get
 * their PLZ_HAUPT from the geometry file.
 */
export function resolvePostcodes(
  reader: SourceReader,
  rows: { row: z.infer<typeof postcodeRowSchema>; ref: RecordRef }[],
  aliasRows: { row: z.infer<typeof agsAliasRowSchema>; ref: RecordRef }[],
  municipalityByAgs: Map<string, unknown>,
  municipalities: MunicipalityData[],
  warnings: string[],
): PostcodeArea[] {
  const file = SOURCE_FILES;
  const byAgs = new Map(municipalities.map((m) => [m.ags, m]));
  const predecessors = new Map<string, string[]>();
  for (const { row, ref } of aliasRows) {
    if (!municipalityByAgs.has(row.predecessor_ags)) {
      reader.problems.add(reader.display(file.agsAliases), ref, 'predecessor_ags', `unbekannte Gemeinde "${row.predecessor_ags}"`);
      continue;
    }
    if (municipalityByAgs.has(row.successor_ags)) {
      warnings.push(`${file.agsAliases}: AGS ${row.successor_ags} ist schon eine Gemeinde der Geometrie; Alias wird nicht gebraucht`);
      continue;
    }
    predecessors.set(row.successor_ags, [...(predecessors.get(row.successor_ags) ?? []), row.predecessor_ags]);
  }

  const areas = new Map<string, PostcodeArea>();
  const add = (postcode: string, ags: string, placeName: string) => {
    const key = `${postcode}|${ags}`;
    if (!areas.has(key)) areas.set(key, { postcode, ags, placeName });
  };
  let aliased = 0;
  let skipped = 0;
  for (const { row } of rows) {
    if (byAgs.has(row.ags)) {
      add(row.plz, row.ags, row.ort);
      continue;
    }
    const olds = predecessors.get(row.ags);
    if (olds) {
      const matching = olds.filter((ags) => byAgs.get(ags)?.mainPostcode === row.plz);
      for (const ags of matching.length > 0 ? matching : olds) add(row.plz, ags, row.ort);
      aliased++;
      continue;
    }
    skipped++;
    warnings.push(`${file.postcodes}: PLZ ${row.plz} "${row.ort}": unbekannter AGS ${row.ags}, übersprungen`);
  }
  let fromMainPostcode = 0;
  const covered = new Set([...areas.values()].map((a) => a.ags));
  for (const m of municipalities) {
    if (!covered.has(m.ags) && m.mainPostcode) {
      add(m.mainPostcode, m.ags, m.name);
      fromMainPostcode++;
    }
  }
  if (aliased > 0) warnings.push(`${file.postcodes}: ${aliased} Zeilen über ${file.agsAliases} Vorgänger-Gemeinden zugeordnet`);
  if (fromMainPostcode > 0) warnings.push(`${file.municipalities}: ${fromMainPostcode} Gemeinden ohne PLZ-Zeile bekamen ihre PLZ_HAUPT`);
  if (skipped > 0) warnings.push(`${file.postcodes}: ${skipped} Zeilen mit unbekanntem AGS übersprungen`);
  return [...areas.values()].sort((a, b) => (a.postcode + a.ags).localeCompare(b.postcode + b.ags));
}
