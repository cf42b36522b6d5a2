/**
 * The open street list of all German streets in the "OpenPLZ" CSV format
 * (`Name,PostalCode,Locality,RegionalKey,Borough,Suburb`; github.com/openpotato/openplzapi.data,
 * derived from OpenStreetMap, ODbL). It has no coordinates: a street gives its postcode and its
 * municipality (RegionalKey, the 8-digit AGS), Borough and Suburb name the city district. The
 * search then finds the street, and answers with its town's district, saying that the street's
 * position is not known.
 *
 * The file covers all of Germany: only Niedersachsen's rows (AGS "03…") are validated and kept,
 * the others counted in a warning.
 */
import { z } from 'zod';
import { normaliseText } from '../domain/search';
import type { SourceReader } from './source-reader';

/** The header that marks a CSV file as an OpenPLZ street list. */
const OPENPLZ_HEADER = ['Name', 'PostalCode', 'Locality', 'RegionalKey', 'Borough', 'Suburb'] as const;

const NIEDERSACHSEN_KEY = '03';

const openPlzRowSchema = z.object({
  Name: z.string().trim().min(1, 'darf nicht leer sein'),
  PostalCode: z
    .string()
    .trim()
    .regex(/^\d{5}$/, 'erwartet 5-stellige Postleitzahl'),
  Locality: z.string().trim(),
  RegionalKey: z
    .string()
    .trim()
    .regex(/^(\d{8}|\d{12})$/, 'erwartet den 8-stelligen Gemeindeschlüssel (AGS) oder 12-stelligen Regionalschlüssel'),
  Borough: z.string().trim(),
  Suburb: z.string().trim(),
});

/** A street of the list, in a municipality of Niedersachsen we know. */
export interface OpenPlzStreet {
  name: string;
  ags: string;
  postcode: string;
  /** Locality, Borough and Suburb: the place words it is found by. */
  places: string[];
  borough: string | null;
  suburb: string | null;
}

/** Whether a CSV file's first line is the OpenPLZ header. */
export function isOpenPlzHeader(firstLine: string): boolean {
  const names = firstLine
    .replace(/^\uFEFF/, '')
    .split(',')
    .map((name) => name.trim());
  return names.join(',') === OPENPLZ_HEADER.join(',');
}

/**
 * Niedersachsen's streets of an OpenPLZ file. A RegionalKey of a municipality newer than our
 * outlines (a merger) is resolved through the postcode: to the one municipality of that postcode
 * with the Locality's name, or the only one the postcode reaches; otherwise the row is left out.
 */
export async function readOpenPlz(
  reader: SourceReader,
  rel: string,
  municipalities: { has(ags: string): boolean; byPostcode(postcode: string): Array<{ ags: string; name: string }> },
  warnings: string[],
): Promise<OpenPlzStreet[]> {
  let otherStates = 0;
  const inNiedersachsen = (values: Record<string, string>) =>
    (values.RegionalKey ?? '').trim().startsWith(NIEDERSACHSEN_KEY) || (otherStates++, false);
  const rows = await reader.csv(rel, openPlzRowSchema, (v) => v.Name, { keep: inNiedersachsen });
  const out: OpenPlzStreet[] = [];
  let unknownTowns = 0;
  for (const { row } of rows) {
    const key = row.RegionalKey;
    const ags = key.length === 12 ? key.slice(0, 5) + key.slice(9) : key;
    const town = municipalities.has(ags) ? ags : townByPostcode(municipalities.byPostcode(row.PostalCode), row.Locality);
    if (town === null) {
      unknownTowns++;
      continue;
    }
    out.push({
      name: row.Name,
      ags: town,
      postcode: row.PostalCode,
      places: [row.Locality, row.Borough, row.Suburb].filter((place) => place !== ''),
      borough: row.Borough || null,
      suburb: row.Suburb || null,
    });
  }
  if (otherStates > 0) warnings.push(`${rel}: ${otherStates} Straßen anderer Länder übergangen`);
  if (unknownTowns > 0) warnings.push(`${rel}: ${unknownTowns} Straßen mit unbekanntem Gemeindeschlüssel übergangen`);
  return out;
}

function townByPostcode(candidates: ReadonlyArray<{ ags: string; name: string }>, locality: string): string | null {
  const named = candidates.filter((m) => normaliseText(m.name) === normaliseText(locality));
  if (named.length === 1) return named[0]!.ags;
  return candidates.length === 1 ? candidates[0]!.ags : null;
}
