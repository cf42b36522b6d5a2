/**
 * SYNTHETIC statewide address set for benchmarks and scale tests only: HK-DE formatted house
 * coordinates, municipalities weighted by population, plausible (made-up) German street names,
 * house numbers with suffixes, every point inside its municipality's outline. Not real addresses.
 *
 *   npm run data:synthetic -- [--addresses 2500000] [--seed 7] [--out FILE]
 *
 * Writes to .cache/synthetic/ (git-ignored), never into data/. The file name and its first
 * (comment) line say "synthetisch"; a build that reads it labels its data version so.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, rename } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bboxOf } from '../src/domain/geo/geometry';
import { locatePoint } from '../src/domain/geo/point-in-polygon';
import type { LatLon } from '../src/domain/model';
import { seededRandom } from '../src/domain/seeded-random';
import { readOfficialSources } from '../src/data-import/official-sources';
import type { MunicipalityData } from '../src/data-import/source-records';
import { wgs84ToUtm32 } from '../src/data-import/reproject';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SYNTHETIC_DIR = path.join(ROOT, '.cache', 'synthetic');

/** Where the generator writes a set of `count` addresses by default. */
export function syntheticFilePath(count: number, seed = 7): string {
  return path.join(SYNTHETIC_DIR, `hk-de-synthetisch-${count}-seed${seed}.txt`);
}

const TREES = [
  'Linden',
  'Eichen',
  'Birken',
  'Buchen',
  'Ahorn',
  'Tannen',
  'Eschen',
  'Erlen',
  'Kastanien',
  'Ulmen',
  'Weiden',
  'Fichten',
  'Kiefern',
  'Holunder',
  'Wacholder',
];
const FLOWERS = [
  'Rosen',
  'Tulpen',
  'Nelken',
  'Veilchen',
  'Lilien',
  'Astern',
  'Dahlien',
  'Narzissen',
  'Krokus',
  'Flieder',
  'Lavendel',
  'Kornblumen',
];
const BIRDS = [
  'Amsel',
  'Drossel',
  'Finken',
  'Meisen',
  'Lerchen',
  'Falken',
  'Sperlings',
  'Kranich',
  'Storchen',
  'Schwalben',
  'Eulen',
  'Reiher',
];
const PEOPLE = [
  'Goethe',
  'Schiller',
  'Lessing',
  'Heine',
  'Uhland',
  'Körner',
  'Mozart',
  'Beethoven',
  'Bach',
  'Händel',
  'Kant',
  'Luther',
  'Bismarck',
  'Fontane',
  'Eichendorff',
  'Stifter',
  'Raabe',
  'Busch',
  'Löns',
  'Leibniz',
  'Gauß',
  'Röntgen',
  'Planck',
  'Humboldt',
  'Grimm',
  'Storm',
  'Hölderlin',
  'Mörike',
  'Brahms',
  'Schubert',
];
const FULL_NAMES = [
  'Carl-Friedrich-Gauß',
  'Wilhelm-Busch',
  'Hermann-Löns',
  'Gerhart-Hauptmann',
  'Konrad-Adenauer',
  'Theodor-Heuss',
  'Friedrich-Ebert',
  'Anne-Frank',
  'Sophie-Scholl',
  'Albert-Schweitzer',
  'Bertha-von-Suttner',
  'Käthe-Kollwitz',
  'Robert-Koch',
  'Max-Planck',
  'Otto-Hahn',
  'Lise-Meitner',
  'Dietrich-Bonhoeffer',
  'Heinrich-Heine',
  'Annette-von-Droste-Hülshoff',
  'Ricarda-Huch',
];
const PLACES = [
  'Kirch',
  'Schul',
  'Bahnhof',
  'Mühlen',
  'Garten',
  'Wiesen',
  'Feld',
  'Berg',
  'Sonnen',
  'Wald',
  'Teich',
  'Brunnen',
  'Markt',
  'Burg',
  'Schloss',
  'Heide',
  'Moor',
  'Bach',
  'Hof',
  'Dorf',
  'Kamp',
  'Anger',
  'Brink',
  'Esch',
  'Geest',
];
const ENDINGS: Array<[string, number]> = [
  ['straße', 40],
  ['weg', 25],
  ['allee', 4],
  ['ring', 5],
  ['platz', 3],
  ['gasse', 2],
  ['damm', 2],
  ['pfad', 2],
  ['stieg', 2],
  ['kamp', 2],
  ['twiete', 1],
  ['graben', 1],
  ['wall', 1],
];
const FIXED = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Lange Straße',
  'Kurze Straße',
  'Am Markt',
  'Marktplatz',
  'Kirchplatz',
  'Alte Dorfstraße',
  'Neue Straße',
  'Breite Straße',
  'Mühlenweg',
  'An der Kirche',
  'Am Bahnhof',
  'Im Winkel',
  'Auf dem Kamp',
  'Zum Sportplatz',
  'Sankt-Georg-Straße',
  'Am Mühlenteich',
  'Hinter den Höfen',
  'Unter den Linden',
];
const ORTSTEIL_SUFFIXES = ['-Nord', '-Süd', '-Ost', '-West', ' Dorf', ' Siedlung'];

/** People per address in the real state (~8 million people, ~2.5 million addresses): used for weighting only. */
interface Options {
  addresses: number;
  seed: number;
  out: string;
}

function parseArgs(argv: string[]): Options {
  let addresses = 2_500_000;
  let seed = 7;
  let out: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i] ?? '';
    if (flag === '--addresses') addresses = Number(value());
    else if (flag === '--seed') seed = Number(value());
    else if (flag === '--out') out = value();
    else throw new Error(`unbekannte Option / unknown option: ${arg}`);
  }
  if (!Number.isInteger(addresses) || addresses < 1) throw new Error('--addresses braucht eine positive ganze Zahl');
  return { addresses, seed, out: out ?? syntheticFilePath(addresses, seed) };
}

/** Writes a synthetic HK-DE file; returns its path and how many lines it wrote. */
export async function generateSyntheticAddresses(
  options: Options,
  dataDir = path.join(ROOT, 'data'),
): Promise<{ file: string; addresses: number; streets: number }> {
  const random = seededRandom(options.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const official = await readOfficialSources(dataDir);
  const inhabited = official.municipalities.filter((m) => m.population > 0);
  const totalPopulation = inhabited.reduce((sum, m) => sum + m.population, 0);
  // "Hildesheimer Straße": streets named after other towns, as in every German town.
  const townAdjectives = official.municipalities
    .map((m) => m.name.replace(/\s*\(.*\)$/, ''))
    .filter((name) => /^[A-ZÄÖÜ][a-zäöüß]+$/.test(name))
    .map((name) => (name.endsWith('e') ? `${name}r` : `${name}er`));
  const postcodesOf = new Map<string, string[]>();
  for (const area of official.postcodeAreas) postcodesOf.set(area.ags, [...(postcodesOf.get(area.ags) ?? []), area.postcode]);

  await mkdir(path.dirname(options.out), { recursive: true });
  const temp = `${options.out}.tmp-${process.pid}`;
  const stream = createWriteStream(temp, { encoding: 'utf8' });
  const write = (text: string) =>
    stream.write(text) ? Promise.resolve() : new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  await write(
    `# SYNTHETISCH / SYNTHETIC: erfundene Testadressen für Lasttests, keine echten Adressen. Seed ${options.seed}, ${options.addresses} Adressen. HK-DE-Format (AdV), UTF-8.\n`,
  );

  let written = 0;
  let streetsWritten = 0;
  let serial = 0;
  let remaining = options.addresses;
  let remainingPopulation = totalPopulation;
  for (const m of inhabited) {
    // Largest-remainder style rounding keeps the total exact.
    const count = Math.round((remaining * m.population) / remainingPopulation);
    remaining -= count;
    remainingPopulation -= m.population;
    if (count === 0) continue;
    const names = streetNames(count, pick, random, townAdjectives);
    const postcodes = postcodesOf.get(m.ags) ?? ['00000'];
    const ortsteile = [m.name, `${m.name}${pick(ORTSTEIL_SUFFIXES)}`, `${m.name}${pick(ORTSTEIL_SUFFIXES)}`];
    // Distribute the addresses over the streets: a few long streets, many short ones.
    const weights = names.map(() => 0.3 + random() ** 2 * 3);
    const weightSum = weights.reduce((a, b) => a + b, 0);
    let left = count;
    for (let s = 0; s < names.length && left > 0; s++) {
      const n = s === names.length - 1 ? left : Math.min(left, Math.max(1, Math.round((count * weights[s]!) / weightSum)));
      left -= n;
      const centre = randomPointIn(m, random);
      const bearing = random() * Math.PI;
      const postcode = pick(postcodes);
      const ortsteil = pick(ortsteile);
      const streetKey = String(++streetsWritten).padStart(5, '0').slice(-5);
      const lines: string[] = [];
      let number = 1;
      for (let k = 0; k < n; k++) {
        // Odd numbers on one side, even on the other, about 12 m apart; some numbers skipped, some with suffix.
        number += random() < 0.08 ? 2 : 1;
        const suffix = random() < 0.06 ? pick(['a', 'b', 'c']) : '';
        const along = (number - n / 2) * 6;
        const side = number % 2 === 0 ? 8 : -8;
        let point = offset(
          centre,
          along * Math.cos(bearing) - side * Math.sin(bearing),
          along * Math.sin(bearing) + side * Math.cos(bearing),
        );
        if (locatePoint(point, m.geometry) === 'outside') point = centre;
        const { easting, northing } = wgs84ToUtm32(point);
        serial++;
        lines.push(
          [
            'N',
            `DENISYN${String(serial).padStart(9, '0')}`,
            'A',
            m.ags.slice(0, 2),
            m.ags.slice(2, 3),
            m.ags.slice(3, 5),
            m.ags.slice(5, 8),
            '0000',
            streetKey,
            String(number),
            suffix,
            `32${easting.toFixed(3).replace('.', ',')}`,
            northing.toFixed(3).replace('.', ','),
            names[s]!,
            postcode,
            m.name,
            '',
            ortsteil,
          ].join(';'),
        );
      }
      written += lines.length;
      await write(`${lines.join('\n')}\n`);
    }
  }
  await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
  await rename(temp, options.out);
  return { file: options.out, addresses: written, streets: streetsWritten };
}

/**
 * Distinct street names for a town with `count` addresses: about 15 addresses per street in small
 * places, longer streets in cities (as in reality), never more names than the word lists give.
 */
function streetNames(count: number, pick: <T>(list: readonly T[]) => T, random: () => number, townAdjectives: readonly string[]): string[] {
  const wanted = Math.max(1, Math.min(Math.round(count / 15), 800 + Math.round(count / 60)));
  const names = new Set<string>();
  const ending = () => {
    let r = random() * ENDINGS.reduce((sum, [, w]) => sum + w, 0);
    for (const [text, weight] of ENDINGS) if ((r -= weight) < 0) return text;
    return 'straße';
  };
  for (const fixed of FIXED) if (names.size < Math.min(wanted, 6) || random() < 0.3) names.add(fixed);
  let attempts = 0;
  while (names.size < wanted && attempts++ < wanted * 30) {
    const kind = random();
    if (kind < 0.2) names.add(`${pick(TREES)}${ending()}`);
    else if (kind < 0.3) names.add(`${pick(FLOWERS)}${ending()}`);
    else if (kind < 0.4) names.add(`${pick(BIRDS)}${ending()}`);
    else if (kind < 0.55) names.add(`${pick(PEOPLE)}${ending()}`);
    else if (kind < 0.62) names.add(`${pick(FULL_NAMES)}-${random() < 0.7 ? 'Straße' : 'Weg'}`);
    else if (kind < 0.75) names.add(`${pick(PLACES)}${ending()}`);
    else if (kind < 0.93)
      names.add(`${pick(townAdjectives)} ${random() < 0.7 ? 'Straße' : pick(['Weg', 'Landstraße', 'Heerstraße', 'Chaussee'])}`);
    else names.add(`${pick(['Alte', 'Neue', 'Große', 'Kleine', 'Obere', 'Untere'])} ${pick(PLACES)}${ending()}`);
  }
  return [...names];
}

function randomPointIn(m: MunicipalityData, random: () => number): LatLon {
  const [minLon, minLat, maxLon, maxLat] = bboxOf(m.geometry);
  for (let i = 0; i < 200; i++) {
    const point = { lat: minLat + random() * (maxLat - minLat), lon: minLon + random() * (maxLon - minLon) };
    if (locatePoint(point, m.geometry) === 'inside') return point;
  }
  return m.centre;
}

function offset(from: LatLon, eastMeters: number, northMeters: number): LatLon {
  return {
    lat: from.lat + northMeters / 111_320,
    lon: from.lon + eastMeters / (111_320 * Math.cos((from.lat * Math.PI) / 180)),
  };
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('generate-synthetic-addresses.ts')) {
  const options = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const result = await generateSyntheticAddresses(options);
  console.log(
    `SYNTHETISCHE Adressen geschrieben / synthetic addresses written: ${path.relative(process.cwd(), result.file)} (${result.addresses} Adressen, ${result.streets} Straßen, ${Math.round(performance.now() - started)} ms)`,
  );
}
