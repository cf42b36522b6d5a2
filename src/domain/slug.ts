/**
 * Stable URL ids from German names: "PI Lüneburg/Lüchow-Dannenberg/Uelzen" → "pi-lueneburg-luechow-dannenberg-uelzen".
 * Pure; used by the demo-data generator and the import so both derive the same ids.
 */
const TRANSLITERATION: Record<string, string> = {
  ä: 'ae',
  ö: 'oe',
  ü: 'ue',
  ß: 'ss',
  // Letters that Unicode does not decompose into a base letter plus accent.
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  æ: 'ae',
  œ: 'oe',
};

/** Lowercase, ä→ae ö→oe ü→ue ß→ss, other accents dropped, runs of non-alphanumerics → one "-", trimmed. */
export function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/[äöüßıłøđæœ]/g, (c) => TRANSLITERATION[c] ?? c)
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
