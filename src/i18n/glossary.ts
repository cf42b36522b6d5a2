/**
 * The data glossary: words that come from the data, not from the UI (types of districts and
 * Kreise, ranks, the attributions and licences of the sources), in every UI language besides
 * German, the language of the data. Proper names (places, stations, people) are not listed: they
 * stay German. A term of the data missing here is shown in German, marked `lang="de"`;
 * tests/unit/i18n/messages.test.ts checks every language against this list and
 * tests/integration/glossary.test.ts checks that the data uses no term missing here.
 */
import { DEFAULT_LANGUAGE, type Language } from './languages';

export const DATA_TERMS = [
  // District types (VG250 "BEZ" of Samtgemeinden and Einheitsgemeinden)
  'Einheitsgemeinde',
  'Samtgemeinde',
  // Parts of cities divided into districts (city-districts.json) and their groups
  'Stadtteil',
  'Stadtbezirk',
  // Kreis types
  'Landkreis',
  'Kreisfreie Stadt',
  // Ranks (Dienstgrade) of the police of Niedersachsen
  'Polizeikommissarin',
  'Polizeikommissar',
  'Polizeioberkommissarin',
  'Polizeioberkommissar',
  'Polizeihauptkommissarin',
  'Polizeihauptkommissar',
  'Erste Polizeihauptkommissarin',
  'Erster Polizeihauptkommissar',
  // Attributions and licences of the sources (data/sources.json), shown on every map and page
  '© GeoBasis-DE / BKG 2017, 2021 (Daten verändert)',
  'Einwohnerzahlen: © Statistisches Bundesamt (Destatis)',
  '© OpenStreetMap contributors',
  'Zusammengestellt nach Angaben der Polizei Niedersachsen (teilweise unbestätigt)',
  'Demo-Daten des Revierfinders (fiktiv)',
  'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)',
  'Open Database License (ODbL) 1.0',
  'Amtliche Angaben (Tatsachen); Zusammenstellung: CC0 1.0',
  'CC0 1.0',
  'Postleitzahlen und Orte: GeoNames (geonames.org)',
  'CC BY 4.0',
  'Polizei der Länder, zusammengestellt für den Revierfinder (Stand 4. Dezember 2026)',
  'Tatsachen; Zusammenstellung: CC0 1.0',
  'Stadtteilgrenzen: Landeshauptstadt Hannover, Bereich Geoinformation',
] as const;
export type DataTerm = (typeof DATA_TERMS)[number];

/** Each other language's words for the terms of the data. */
export const glossary: Record<Exclude<Language, 'de'>, Record<DataTerm, string>> = {
  en: {
    Einheitsgemeinde: 'Unitary municipality',
    Samtgemeinde: 'Joint municipality (Samtgemeinde)',
    Stadtteil: 'neighbourhood',
    Stadtbezirk: 'borough',
    Landkreis: 'rural district',
    'Kreisfreie Stadt': 'independent city',
    Polizeikommissarin: 'Police Inspector',
    Polizeikommissar: 'Police Inspector',
    Polizeioberkommissarin: 'Police Senior Inspector',
    Polizeioberkommissar: 'Police Senior Inspector',
    Polizeihauptkommissarin: 'Police Chief Inspector',
    Polizeihauptkommissar: 'Police Chief Inspector',
    'Erste Polizeihauptkommissarin': 'First Police Chief Inspector',
    'Erster Polizeihauptkommissar': 'First Police Chief Inspector',
    '© GeoBasis-DE / BKG 2017, 2021 (Daten verändert)': '© GeoBasis-DE / BKG 2017, 2021 (data modified)',
    'Einwohnerzahlen: © Statistisches Bundesamt (Destatis)': 'Population figures: © Statistisches Bundesamt (Destatis)',
    '© OpenStreetMap contributors': '© OpenStreetMap contributors',
    'Zusammengestellt nach Angaben der Polizei Niedersachsen (teilweise unbestätigt)':
      'Compiled from information of the Polizei Niedersachsen (partly unconfirmed)',
    'Demo-Daten des Revierfinders (fiktiv)': 'Revierfinder demo data (fictional)',
    'Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0)':
      'Data licence Germany – attribution – version 2.0 (dl-de/by-2-0)',
    'Open Database License (ODbL) 1.0': 'Open Database License (ODbL) 1.0',
    'Amtliche Angaben (Tatsachen); Zusammenstellung: CC0 1.0': 'Official information (facts); compilation: CC0 1.0',
    'CC0 1.0': 'CC0 1.0',
    'Postleitzahlen und Orte: GeoNames (geonames.org)': 'Postcodes and places: GeoNames (geonames.org)',
    'CC BY 4.0': 'CC BY 4.0',
    'Polizei der Länder, zusammengestellt für den Revierfinder (Stand 4. Dezember 2026)':
      'Police of the German states, compiled for the Revierfinder (as of 4 December 2026)',
    'Tatsachen; Zusammenstellung: CC0 1.0': 'Facts; compilation: CC0 1.0',
    'Stadtteilgrenzen: Landeshauptstadt Hannover, Bereich Geoinformation':
      'Neighbourhood boundaries: Landeshauptstadt Hannover, Bereich Geoinformation',
  },
};

export function isDataTerm(value: string): value is DataTerm {
  return (DATA_TERMS as readonly string[]).includes(value);
}

/** A term of the data in `language`: its translation, or the German value where none is known. */
export function glossIn(language: Language, value: string): { text: string; lang: string | undefined } {
  if (language === DEFAULT_LANGUAGE) return { text: value, lang: undefined };
  const terms = (glossary as Partial<Record<Language, Record<DataTerm, string>>>)[language];
  const translated = isDataTerm(value) ? terms?.[value] : undefined;
  return translated === undefined ? { text: value, lang: DEFAULT_LANGUAGE } : { text: translated, lang: undefined };
}
