/**
 * Generates the portal's FICTIONAL demo people: stations, officers and social-media accounts for
 * every Polizeiinspektion in data/. Deterministic (seeded PRNG, sorted inputs), so the committed
 * files only change when the generator or the geography changes.
 *
 *   npx tsx scripts/generate-demo-data.ts [--data-dir DIR]
 *
 * Nothing here may reach a real person:
 * - phone numbers start with "0000": in Germany "00" is the international prefix and no country
 *   code starts with 0, so such a number cannot be dialled anywhere (and it cannot be mistaken for
 *   a real local area code, which starts with 0 followed by 1–9);
 * - e-mail addresses and Mastodon/Bluesky handles use polizei-demo.example, a domain under the
 *   reserved top-level domain .example (RFC 2606), which never resolves;
 * - account URLs are portal pages (/demo-konto/<id>), never third-party profiles;
 * - streets are "Musterweg <n>" (the usual German placeholder street).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PLATFORMS, type Platform, type Station } from '../src/domain/model';
import { slugify } from '../src/domain/slug';
import { readOfficialSources, type OfficialData } from '../src/data-import/official-sources';
import type { DistrictData, MunicipalityData } from '../src/data-import/source-records';
import { seededRandom } from '../src/domain/seeded-random';
import { cityAreas } from './demo-city-groups';

const SEED = 20261101;
/** The people of divided cities come from a stream of their own, so that no one else's change. */
const CITY_SEED = 20261215;
const UPDATED_AT = '2026-11-01';
const DEMO_DOMAIN = 'polizei-demo.example';
/** Districts above this population get their own Polizeistation if no other station sits there. */
const STATION_POPULATION = 15_000;
/** How many inspections get no digital officer, so the page's fallback is exercised. */
const INSPECTIONS_WITHOUT_DIGITAL = 3;

let rng = seededRandom(SEED);
const int = (min: number, max: number) => min + Math.floor(rng() * (max - min + 1));
const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;
function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// Fictional names: common first and family names in Germany today, of several origins.
const FIRST_FEMALE = [
  'Anna',
  'Julia',
  'Lena',
  'Sarah',
  'Laura',
  'Katharina',
  'Lisa',
  'Johanna',
  'Miriam',
  'Sandra',
  'Nicole',
  'Stefanie',
  'Christina',
  'Jana',
  'Melanie',
  'Maren',
  'Frauke',
  'Insa',
  'Wiebke',
  'Hanna',
  'Imke',
  'Tanja',
  'Birte',
  'Svenja',
  'Kerstin',
  'Sabine',
  'Anke',
  'Merle',
  'Lea',
  'Carolin',
  'Ayşe',
  'Elif',
  'Zeynep',
  'Derya',
  'Fatma',
  'Leyla',
  'Amira',
  'Yasmin',
  'Aleksandra',
  'Magdalena',
  'Katarzyna',
  'Natalia',
  'Olga',
  'Irina',
  'Jelena',
  'Ana',
  'Maria',
  'Sofia',
  'Giulia',
  'Chiara',
  'Nadine',
  'Vanessa',
  'Franziska',
  'Theresa',
  'Anja',
  'Silke',
  'Gesa',
  'Kira',
  'Mareike',
  'Friederike',
] as const;
const FIRST_MALE = [
  'Jan',
  'Lukas',
  'Tobias',
  'Michael',
  'Thomas',
  'Stefan',
  'Daniel',
  'Sebastian',
  'Christian',
  'Florian',
  'Markus',
  'Jens',
  'Sven',
  'Torsten',
  'Hauke',
  'Malte',
  'Jannik',
  'Ole',
  'Hendrik',
  'Frank',
  'Andreas',
  'Matthias',
  'Björn',
  'Dirk',
  'Kai',
  'Nils',
  'Henning',
  'Arne',
  'Timo',
  'Philipp',
  'Mehmet',
  'Murat',
  'Emre',
  'Can',
  'Deniz',
  'Ahmet',
  'Karim',
  'Omar',
  'Tarek',
  'Piotr',
  'Tomasz',
  'Marek',
  'Dmitri',
  'Alexander',
  'Sergej',
  'Nikola',
  'Marko',
  'Luca',
  'Matteo',
  'João',
  'Patrick',
  'Benjamin',
  'Felix',
  'Moritz',
  'Jonas',
  'Niklas',
  'Fabian',
  'Marcel',
  'René',
  'Hinrich',
] as const;
const LAST = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Meyer',
  'Weber',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Koch',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Braun',
  'Zimmermann',
  'Krüger',
  'Hartmann',
  'Lange',
  'Werner',
  'Krause',
  'Lehmann',
  'Köhler',
  'Peters',
  'Petersen',
  'Janssen',
  'Jansen',
  'Hinrichs',
  'Gerdes',
  'Harms',
  'Ahrens',
  'Behrens',
  'Brandt',
  'Bruns',
  'Claßen',
  'Eilers',
  'Freese',
  'Frerichs',
  'Göbel',
  'Heinemann',
  'Hillmann',
  'Kruse',
  'Lüders',
  'Meiners',
  'Oltmanns',
  'Ostendorf',
  'Poppe',
  'Rademacher',
  'Renken',
  'Siemers',
  'Thiele',
  'Tjaden',
  'Vogt',
  'Wiechmann',
  'Wübbena',
  'Ziegler',
  'Dreyer',
  'Yılmaz',
  'Kaya',
  'Demir',
  'Şahin',
  'Çelik',
  'Öztürk',
  'Aydın',
  'Arslan',
  'Doğan',
  'Kılıç',
  'Nowak',
  'Kowalski',
  'Wiśniewski',
  'Lewandowski',
  'Kamiński',
  'Zieliński',
  'Schäfer',
  'Iwanow',
  'Popov',
  'Smirnow',
  'Haddad',
  'Nasser',
  'Mansour',
  'Rahimi',
  'Hosseini',
  'Petrović',
  'Jovanović',
  'Horvat',
  'Rossi',
  'Ferreira',
  'Nguyen',
  'Tran',
  'Kuhlmann',
  'Bergmann',
  'Engel',
  'Lorenz',
  'Busch',
  'Voß',
  'Brinkmann',
  'Wessels',
] as const;

type Gender = 'f' | 'm';
const RANKS: { f: string; m: string; weightKobb: number; weightDigital: number }[] = [
  { f: 'Polizeikommissarin', m: 'Polizeikommissar', weightKobb: 15, weightDigital: 30 },
  { f: 'Polizeioberkommissarin', m: 'Polizeioberkommissar', weightKobb: 45, weightDigital: 45 },
  { f: 'Polizeihauptkommissarin', m: 'Polizeihauptkommissar', weightKobb: 35, weightDigital: 22 },
  { f: 'Erste Polizeihauptkommissarin', m: 'Erster Polizeihauptkommissar', weightKobb: 5, weightDigital: 3 },
];
function pickRank(gender: Gender, role: 'kobb' | 'digital'): string {
  const weights = RANKS.map((r) => (role === 'kobb' ? r.weightKobb : r.weightDigital));
  let x = rng() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < RANKS.length; i++) {
    x -= weights[i]!;
    if (x < 0) return RANKS[i]![gender];
  }
  return RANKS[0]![gender];
}

interface DemoStation extends Omit<Station, 'kind' | 'isDemo' | 'officeHours'> {
  kind: 'Polizeiinspektion' | 'Polizeikommissariat' | 'Polizeistation';
  districts: string[];
  isDemo: true;
}
interface DemoOfficer {
  id: string;
  name: string;
  rank: string;
  roleTitle: string;
  role: 'digital' | 'kobb';
  stationId: string;
  phone: string;
  email: string;
  openingHours: string;
  photo: null;
  covers: { inspections?: string[]; districts?: string[] };
  isDemo: true;
  updatedAt: string;
}
interface DemoAccount {
  id: string;
  platform: Platform;
  handle: string;
  url: string;
  verifiedSince: string;
  holders: { type: 'officer' | 'station' | 'inspection' | 'directorate'; id: string }[];
  isDemo: true;
  updatedAt: string;
}

/** A digital officer's record: the person made by `newPerson`, their station and what they cover. */
function digitalOfficer(
  person: { id: string; name: string; rank: string; phone: string; email: string },
  stationId: string,
  covers: DemoOfficer['covers'],
): DemoOfficer {
  return {
    id: person.id,
    name: person.name,
    rank: person.rank,
    roleTitle: 'Digitale Community-Policing-Streife',
    role: 'digital',
    stationId,
    phone: person.phone,
    email: person.email,
    openingHours: pick(['Mo-Fr 09:00-15:00; PH off', 'Tu,Th 16:00-18:00; PH off', 'Mo-Th 10:00-16:00; PH off']),
    photo: null,
    covers,
    isDemo: true,
    updatedAt: UPDATED_AT,
  };
}

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const kx = 111.32 * Math.cos(((a.lat + b.lat) / 2) * (Math.PI / 180));
  return Math.hypot((a.lon - b.lon) * kx, (a.lat - b.lat) * 110.57);
}
const byPopulation = (a: MunicipalityData, b: MunicipalityData) => b.population - a.population || a.ags.localeCompare(b.ags);
/** The most populous town, preferring a Stadt over a Gemeinde. */
function largestTown(ms: MunicipalityData[]): MunicipalityData {
  const towns = ms.filter((m) => m.type === 'Stadt' && m.mainPostcode).sort(byPopulation);
  return towns[0] ?? ms.filter((m) => m.mainPostcode).sort(byPopulation)[0]!;
}

async function main() {
  const args = process.argv.slice(2);
  // `--editors`: only the fictional editor-area accounts (scripts/editor.ts), the people stay as they are.
  if (args.includes('--editors')) {
    const { demoEditors } = await import('./editor');
    process.exitCode = await demoEditors();
    return;
  }
  const dirFlag = args.indexOf('--data-dir');
  const dataDir = dirFlag >= 0 ? args[dirFlag + 1]! : (process.env.DATA_DIR ?? 'data');
  const divided = await readOfficialSources(dataDir);
  // People are made for the districts as they were before any city was divided (its one district
  // back in place of its parts), so that everyone else's demo people stay as they were; each
  // divided city then gets its own, at the end.
  const official = { ...divided, districts: undividedDistricts(divided) };

  const districtById = new Map(official.districts.map((d) => [d.id, d]));
  const muniByDistrict = new Map<string, MunicipalityData[]>();
  for (const m of official.municipalities) muniByDistrict.set(m.districtId, [...(muniByDistrict.get(m.districtId) ?? []), m]);
  const municipalitiesOf = (districts: DistrictData[]) => districts.flatMap((d) => muniByDistrict.get(d.id) ?? []);

  // ---- stations -------------------------------------------------------------------------------
  const stations: DemoStation[] = [];
  const stationCentre = new Map<string, { lat: number; lon: number }>();
  const stationOfDistrict = new Map<string, DemoStation>();
  const hqOfInspection = new Map<string, DemoStation>();
  const townOfInspection = new Map<string, MunicipalityData>();
  let stationNo = 0;

  const addStation = (
    kind: DemoStation['kind'],
    name: string,
    inspectionId: string,
    town: MunicipalityData,
    homeDistrict: DistrictData,
  ): DemoStation => {
    stationNo++;
    let id = slugify(name);
    while (stations.some((s) => s.id === id)) id = `${slugify(name)}-${stationNo}`;
    const prefix = kind === 'Polizeiinspektion' ? 'pi' : kind === 'Polizeikommissariat' ? 'pk' : 'pst';
    // Opening hours in OpenStreetMap syntax (domain/office-hours); "PH off": closed on public holidays.
    const hours =
      kind === 'Polizeiinspektion'
        ? '24/7'
        : kind === 'Polizeikommissariat'
          ? pick(['Mo-Fr 07:00-19:00; Sa 08:00-12:00; PH off', 'Mo-Fr 06:00-22:00; PH off', 'Mo-Fr 07:00-20:00; PH off'])
          : pick([
              'Mo-Fr 08:00-16:00; PH off',
              'Mo-Th 08:00-16:00; Fr 08:00-12:00; PH off',
              'Mo,We,Fr 09:00-12:00; Tu,Th 14:00-18:00; PH off',
            ]);
    const station: DemoStation = {
      id,
      name,
      kind,
      inspectionId,
      street: `Musterweg ${int(1, 120)}`,
      postcode: town.mainPostcode!,
      city: town.name,
      phone: `0000 ${1000 + stationNo * 10}-0`,
      email: `${id.replace(/^(polizeiinspektion|polizeikommissariat|polizeistation)-/, `${prefix}-`)}@${DEMO_DOMAIN}`,
      openingHours: hours,
      // The town's centre: the demo street is made up, the town is real.
      lat: Math.round(town.centre.lat * 1e5) / 1e5,
      lon: Math.round(town.centre.lon * 1e5) / 1e5,
      districts: [homeDistrict.id],
      isDemo: true,
      updatedAt: UPDATED_AT,
    };
    stations.push(station);
    stationCentre.set(id, town.centre);
    stationOfDistrict.set(homeDistrict.id, station);
    return station;
  };

  for (const inspection of official.inspections) {
    const districts = official.districts.filter((d) => d.inspectionId === inspection.id);
    const ms = municipalitiesOf(districts);
    // The seat: the town named first in the PI's name, else the largest town.
    const firstPart = inspection.name.split(' / ')[0]!;
    const token = firstPart
      .replace(/^PI /, '')
      .split('/')[0]!
      .replace(/\s*\(Stadt\)$|-Stadt$/, '')
      .trim();
    const named = ms.filter((m) => m.mainPostcode && (m.name === token || m.name.startsWith(`${token} `))).sort(byPopulation)[0];
    const seat = named ?? largestTown(ms);
    townOfInspection.set(inspection.id, seat);
    const hq = addStation(
      'Polizeiinspektion',
      firstPart.replace(/^PI /, 'Polizeiinspektion '),
      inspection.id,
      seat,
      districtById.get(seat.districtId)!,
    );
    hqOfInspection.set(inspection.id, hq);

    const kreisAgsList = [...new Set(districts.map((d) => d.kreisAgs))].sort();
    for (const ags of kreisAgsList) {
      const town = largestTown(ms.filter((m) => m.kreisAgs === ags));
      if (stationOfDistrict.has(town.districtId)) continue;
      addStation('Polizeikommissariat', `Polizeikommissariat ${town.name}`, inspection.id, town, districtById.get(town.districtId)!);
    }
    for (const district of [...districts].sort((a, b) => b.population - a.population || a.id.localeCompare(b.id))) {
      if (district.population <= STATION_POPULATION || stationOfDistrict.has(district.id)) continue;
      const town = (muniByDistrict.get(district.id) ?? []).filter((m) => m.mainPostcode).sort(byPopulation)[0]!;
      addStation('Polizeistation', `Polizeistation ${district.name}`, inspection.id, town, district);
    }
    // Every other district: the nearest station in the same Kreis.
    for (const district of districts) {
      if (stationOfDistrict.has(district.id)) continue;
      const candidates = stations.filter(
        (s) => s.inspectionId === inspection.id && districtById.get(s.districts[0]!)!.kreisAgs === district.kreisAgs,
      );
      const pool = candidates.length > 0 ? candidates : stations.filter((s) => s.inspectionId === inspection.id);
      const nearest = pool.reduce((best, s) =>
        distanceKm(district.centre, stationCentre.get(s.id)!) < distanceKm(district.centre, stationCentre.get(best.id)!) ? s : best,
      );
      nearest.districts.push(district.id);
      stationOfDistrict.set(district.id, nearest);
    }
  }
  for (const s of stations) s.districts.sort();

  // ---- officers -------------------------------------------------------------------------------
  const officers: DemoOfficer[] = [];
  const usedNames = new Set<string>();
  const extensions = new Map<string, number>();
  const newPerson = (role: 'digital' | 'kobb', station: DemoStation) => {
    const gender: Gender = rng() < 0.45 ? 'f' : 'm';
    let first: string;
    let name: string;
    do {
      first = pick(gender === 'f' ? FIRST_FEMALE : FIRST_MALE);
      name = `${first} ${pick(LAST)}`;
    } while (usedNames.has(name));
    usedNames.add(name);
    const id = `${slugify(name)}-${officers.length + 1}`;
    const ext = (extensions.get(station.id) ?? 10) + 1;
    extensions.set(station.id, ext);
    return {
      gender,
      first,
      id,
      name,
      rank: pickRank(gender, role),
      phone: station.phone.replace(/-0$/, `-${ext}`),
      email: `${id}@${DEMO_DOMAIN}`,
    };
  };

  const inspectionIds = official.inspections.map((i) => i.id);
  const withoutDigital = new Set(shuffled(inspectionIds).slice(0, INSPECTIONS_WITHOUT_DIGITAL));
  const digitalOfInspection = new Map<string, DemoOfficer[]>();
  const firstNameOf = new Map<string, string>();
  for (const inspection of official.inspections) {
    if (withoutDigital.has(inspection.id)) continue;
    const hq = hqOfInspection.get(inspection.id)!;
    const count = rng() < 0.5 ? 2 : 1;
    for (let k = 0; k < count; k++) {
      const person = newPerson('digital', hq);
      const officer = digitalOfficer(person, hq.id, { inspections: [inspection.id] });
      officers.push(officer);
      firstNameOf.set(officer.id, person.first);
      digitalOfInspection.set(inspection.id, [...(digitalOfInspection.get(inspection.id) ?? []), officer]);
    }
  }

  // KOBB: one per inhabited district, two for the most populous tenth; uninhabited districts
  // (gemeindefreie Gebiete: forests, islands) go to the officer of the nearest inhabited district.
  const inhabited = official.districts.filter((d) => d.population > 0);
  const large = new Set(
    [...inhabited]
      .sort((a, b) => b.population - a.population || a.id.localeCompare(b.id))
      .slice(0, Math.round(official.districts.length / 10))
      .map((d) => d.id),
  );
  const kobbOfDistrict = new Map<string, DemoOfficer>();
  const DAYS = ['Mo', 'Tu', 'We', 'Th', 'Fr'];
  const SLOTS = ['09:00-11:00', '10:00-12:00', '14:00-16:00', '15:00-17:00', '16:00-18:00'];
  for (const district of inhabited) {
    const station = stationOfDistrict.get(district.id)!;
    const count = large.has(district.id) ? 2 : 1;
    const usedDays = new Set<string>();
    for (let k = 0; k < count; k++) {
      const person = newPerson('kobb', station);
      let day = pick(DAYS);
      while (usedDays.has(day)) day = pick(DAYS);
      usedDays.add(day);
      const officer: DemoOfficer = {
        id: person.id,
        name: person.name,
        rank: person.rank,
        roleTitle: person.gender === 'f' ? 'Kontaktbereichsbeamtin' : 'Kontaktbereichsbeamter',
        role: 'kobb',
        stationId: station.id,
        phone: person.phone,
        email: person.email,
        // The Sprechstunde is held at the officer's station (shown beside it).
        openingHours: `${day} ${pick(SLOTS)}; PH off`,
        photo: null,
        covers: { districts: [district.id] },
        isDemo: true,
        updatedAt: UPDATED_AT,
      };
      officers.push(officer);
      if (k === 0) kobbOfDistrict.set(district.id, officer);
    }
  }
  for (const district of official.districts.filter((d) => d.population === 0)) {
    const sameKreis = inhabited.filter((d) => d.kreisAgs === district.kreisAgs);
    const nearest = sameKreis.reduce((best, d) =>
      distanceKm(district.centre, d.centre) < distanceKm(district.centre, best.centre) ? d : best,
    );
    const officer = kobbOfDistrict.get(nearest.id)!;
    officer.covers.districts!.push(district.id);
  }

  // ---- accounts -------------------------------------------------------------------------------
  const accounts: DemoAccount[] = [];
  const usedHandles = new Set<string>();
  const verifiedSince = () => {
    const day = int(0, (2026 - 2019) * 365 + 240);
    return new Date(Date.UTC(2019, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
  };
  const handleFor = (platform: Platform, base: string, bskyMasto: string): string => {
    let handle: string;
    let n = 1;
    do {
      const suffix = n === 1 ? '' : String(n);
      handle =
        platform === 'mastodon'
          ? `@${bskyMasto.replace(/-/g, '_')}${suffix}_demo@${DEMO_DOMAIN}`
          : platform === 'bluesky'
            ? `${bskyMasto}${suffix}-demo.${DEMO_DOMAIN}`
            : `${base}${suffix}_demo`;
      n++;
    } while (usedHandles.has(`${platform}:${handle}`));
    usedHandles.add(`${platform}:${handle}`);
    return handle;
  };
  const addAccount = (id: string, platform: Platform, handle: string, holders: DemoAccount['holders']) => {
    accounts.push({
      id,
      platform,
      handle,
      url: `/demo-konto/${id}`,
      verifiedSince: verifiedSince(),
      holders,
      isDemo: true,
      updatedAt: UPDATED_AT,
    });
  };
  const townSlug = (inspectionId: string) => slugify(townOfInspection.get(inspectionId)!.name);

  // Officers' own accounts; a rotating cursor over a shuffled platform list spreads all nine.
  const rotation = shuffled(PLATFORMS);
  let cursor = 0;
  const ownAccounts = (officer: DemoOfficer, town: string) => {
    const count = int(2, 4);
    const chosen = new Set<Platform>();
    while (chosen.size < count) chosen.add(rotation[cursor++ % rotation.length]!);
    const first = slugify(firstNameOf.get(officer.id)!);
    const [, ...lastParts] = officer.name.split(' ');
    const last = slugify(lastParts.join(' '));
    for (const platform of chosen) {
      const handle = handleFor(platform, `polizei_${town.replace(/-/g, '_')}_${first.replace(/-/g, '_')}`, `${first}-${last}`);
      addAccount(`${officer.id}-${platform}`, platform, handle, [{ type: 'officer', id: officer.id }]);
    }
  };
  for (const inspection of official.inspections) {
    for (const officer of digitalOfInspection.get(inspection.id) ?? []) ownAccounts(officer, townSlug(inspection.id));
  }
  // A few joint accounts of two digital officers of the same inspection.
  const pairs = official.inspections.filter((i) => (digitalOfInspection.get(i.id)?.length ?? 0) >= 2);
  for (const inspection of shuffled(pairs)
    .slice(0, 3)
    .sort((a, b) => a.id.localeCompare(b.id))) {
    const [a, b] = digitalOfInspection.get(inspection.id)!;
    const platform = pick(['instagram', 'tiktok', 'facebook'] as const);
    const town = townSlug(inspection.id);
    addAccount(
      `${inspection.id}-team-${platform}`,
      platform,
      handleFor(platform, `polizei_${town.replace(/-/g, '_')}_team`, `${town}-team`),
      [
        { type: 'officer', id: a!.id },
        { type: 'officer', id: b!.id },
      ],
    );
  }
  // Every inspection's own accounts: what the page shows when no digital officer covers a district.
  const inspectionPlatforms: Platform[] = ['facebook', 'x', 'instagram', 'mastodon', 'youtube', 'bluesky'];
  for (const inspection of official.inspections) {
    const count = int(1, 2);
    const start = int(0, inspectionPlatforms.length - 1);
    for (let k = 0; k < count; k++) {
      const platform = inspectionPlatforms[(start + k) % inspectionPlatforms.length]!;
      const town = townSlug(inspection.id);
      addAccount(`${inspection.id}-${platform}`, platform, handleFor(platform, `polizei_${town.replace(/-/g, '_')}`, `pi-${town}`), [
        { type: 'inspection', id: inspection.id },
      ]);
    }
  }
  // One account per directorate and a few station accounts, so every holder type occurs.
  for (const directorate of official.directorates) {
    const platform = pick(['instagram', 'x', 'facebook'] as const);
    const slug = directorate.id.replace(/^pd-/, '');
    addAccount(
      `${directorate.id}-${platform}`,
      platform,
      handleFor(platform, `polizeidirektion_${slug.replace(/-/g, '_')}`, `pd-${slug}`),
      [{ type: 'directorate', id: directorate.id }],
    );
  }
  for (const station of stations.filter((s) => s.kind === 'Polizeikommissariat').slice(0, 4)) {
    const town = slugify(station.city);
    addAccount(`${station.id}-facebook`, 'facebook', handleFor('facebook', `pk_${town.replace(/-/g, '_')}`, `pk-${town}`), [
      { type: 'station', id: station.id },
    ]);
  }

  // ---- divided cities ---------------------------------------------------------------------------
  // A KOBB per part (Stadtteil), and per area of a few Stadtbezirke a station and its digital
  // officers (demo-city-groups.ts); the inspection's own digital officers keep the rest of it.
  rng = seededRandom(CITY_SEED);
  for (const city of divided.cities) {
    const parts = divided.districts.filter((d) => d.cityId === city.id);
    const town = divided.municipalities.find((m) => m.ags === city.ags)!;
    const kept = officers.filter((o) => !(o.role === 'kobb' && o.covers.districts?.includes(city.id)));
    officers.splice(0, officers.length, ...kept);
    for (const station of stations) station.districts = station.districts.filter((id) => id !== city.id);
    for (const officer of digitalOfInspection.get(city.inspectionId) ?? []) {
      officer.covers = {
        districts: official.districts.filter((d) => d.inspectionId === city.inspectionId && d.id !== city.id).map((d) => d.id),
      };
    }
    for (const area of cityAreas(
      city.centre,
      parts,
      divided.boroughs.filter((b) => b.cityId === city.id),
    )) {
      const home = area.parts[0]!;
      const station = addStation('Polizeikommissariat', `Polizeikommissariat ${city.name}-${area.name}`, city.inspectionId, town, home);
      station.lat = Math.round(home.centre.lat * 1e5) / 1e5;
      station.lon = Math.round(home.centre.lon * 1e5) / 1e5;
      station.districts = area.parts.map((part) => part.id).sort();
      const count = rng() < 0.5 ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const person = newPerson('digital', station);
        const officer = digitalOfficer(person, station.id, { districts: station.districts });
        officers.push(officer);
        firstNameOf.set(officer.id, person.first);
        ownAccounts(officer, slugify(city.name));
      }
      for (const part of area.parts) {
        const person = newPerson('kobb', station);
        officers.push({
          id: person.id,
          name: person.name,
          rank: person.rank,
          roleTitle: person.gender === 'f' ? 'Kontaktbereichsbeamtin' : 'Kontaktbereichsbeamter',
          role: 'kobb',
          stationId: station.id,
          phone: person.phone,
          email: person.email,
          openingHours: `${pick(DAYS)} ${pick(SLOTS)}; PH off`,
          photo: null,
          covers: { districts: [part.id] },
          isDemo: true,
          updatedAt: UPDATED_AT,
        });
      }
    }
  }

  // ---- write ----------------------------------------------------------------------------------
  const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const out = path.join(dataDir, 'demo');
  await mkdir(out, { recursive: true });
  const write = (file: string, records: unknown[]) => writeFile(path.join(out, file), `${JSON.stringify(records, null, 2)}\n`);
  await write('stations.json', [...stations].sort(byId));
  await write('officers.json', [...officers].sort(byId));
  await write('accounts.json', [...accounts].sort(byId));
  await write('notices.json', demoNotices(stations).sort(byId));

  const platformsUsed = new Set(accounts.map((a) => a.platform));
  const missing = PLATFORMS.filter((p) => !platformsUsed.has(p));
  if (missing.length > 0) throw new Error(`platforms without a demo account: ${missing.join(', ')}`);
  const kinds = (k: string) => stations.filter((s) => s.kind === k).length;
  console.log(
    `demo data → ${out}: ${stations.length} stations (${kinds('Polizeiinspektion')} PI, ${kinds('Polizeikommissariat')} PK, ${kinds('Polizeistation')} PSt), ` +
      `${officers.length} officers (${officers.filter((o) => o.role === 'digital').length} digital, ${officers.filter((o) => o.role === 'kobb').length} kobb), ` +
      `${accounts.length} accounts; no digital officer: ${[...withoutDigital].sort().join(', ')}`,
  );
}

/**
 * Two notices that show how "Aktuelle Hinweise" look: one for an inspection's districts, undated,
 * and one for a station's, with dates. Made up and marked demo, like every demo record.
 */
function demoNotices(stations: ReadonlyArray<{ id: string; inspectionId: string }>) {
  const notices: Array<Record<string, unknown> & { id: string }> = [];
  if (stations.some((s) => s.inspectionId === 'pi-celle'))
    notices.push({
      id: 'demo-hinweis-pi-celle',
      scope: 'pi:pi-celle',
      text: 'Demo-Hinweis (erfunden): So erscheinen aktuelle Hinweise der Polizeiinspektion Celle, etwa wenn eine Sprechstunde entfällt oder eine Dienststelle umzieht.',
      textEn:
        'Demo notice (made up): this is how current notices of the Polizeiinspektion Celle appear, for example when office hours are cancelled or a station moves.',
      isDemo: true,
      updatedAt: UPDATED_AT,
    });
  if (stations.some((s) => s.id === 'polizeistation-wathlingen'))
    notices.push({
      id: 'demo-sprechstunde-wathlingen',
      scope: 'station:polizeistation-wathlingen',
      text: 'Demo-Hinweis (erfunden): Die Sprechstunde in der Polizeistation Wathlingen entfällt am 24.12.2026.',
      validFrom: '2026-12-01',
      validUntil: '2026-12-24',
      isDemo: true,
      updatedAt: UPDATED_AT,
    });
  return notices;
}

/** The districts with each divided city's one former district in place of its parts (all with a population). */
function undividedDistricts(data: OfficialData): Array<DistrictData & { population: number }> {
  const former = data.cities.map((city): DistrictData & { population: number } => ({
    id: city.id,
    name: city.name,
    type: city.formerType,
    kreisAgs: city.kreisAgs,
    inspectionId: city.inspectionId,
    stationId: null,
    population: city.population,
    areaKm2: city.areaKm2,
    centre: city.centre,
    geometry: city.geometry,
    cityId: null,
    boroughId: null,
  }));
  const whole = data.districts.filter((d) => d.cityId === null).map((d) => ({ ...d, population: d.population ?? 0 }));
  return [...whole, ...former].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
