/** Inputs the benchmarks share: the area points are drawn from and the search query mix. */

/** Niedersachsen's bounding box (with Bremen, the islands and some sea inside). */
export const BBOX = { minLat: 51.29, maxLat: 53.9, minLon: 6.65, maxLon: 11.6 };

/** Queries as citizens type them: towns, typos, umlaut spellings, postcodes, streets, and prefixes while typing. */
export const QUERIES = [
  'Celle', 'Hannover', 'Braunschweig', 'Göttingen', 'Oldenburg', 'Osnabrück', 'Wolfsburg', 'Hildesheim',
  'Salzgitter', 'Lüneburg', 'Hameln', 'Cuxhaven', 'Emden', 'Lingen (Ems)', 'Nienburg', 'Uelzen', 'Aurich',
  'Wilhelmshaven', 'Neuenkirchen', 'Hann. Münden', 'Hannoversch Münden', 'Bad Pyrmont', 'Samtgemeinde Hambergen',
  'Cele', 'Hanover', 'Brauschweig', 'Gottingen', 'Osnabruck', 'Wolfsbrug', 'Hildeshiem', 'Luneburg', 'Delmenhost',
  'Goettingen', 'Lueneburg', 'Osnabrueck', 'Buckeburg', 'Bückeburg', 'Bueckeburg', 'Vöhrum', 'Schoeppenstedt',
  '29221', '30159', '37434', '27419', '49074', '26721', '38100', '292', '3743',
  'Lün', 'Lüne', 'Lünebu', 'Ha', 'Han', 'Hann', 'Hanno', 'Brau', 'Braunsch', 'Göt', 'Götti', 'Old', 'Oldenb',
  '29221 Celle', 'Celle 29221', 'Bad', 'Samtgemeinde', 'xqzjkw',
  'Hauptstraße', 'Bahnhofstraße Celle', 'Bahnhofstr 12 29221 Celle', 'Lange Straße 5 Hannover', 'Kirchweg Oldenburg',
];
