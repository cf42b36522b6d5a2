/**
 * The open-data downloads under /daten: districts as GeoJSON; officers, stations and official
 * accounts as CSV and JSON. Generated from the loaded snapshot on first request and kept in
 * memory for that snapshot. Columns have a fixed order; a new column is only ever appended.
 *
 * CSV: RFC 4180 (comma, double quotes, CRLF), a header row, UTF-8 without byte order mark:
 * the files are meant for programs first, and a BOM breaks many of them (it ends up in the
 * first column's name). Spreadsheet users open them via "Daten → Aus Text/CSV" (UTF-8).
 * Values come from the curated database, so they are written as they are (no formula escaping).
 */
import type { DataSource } from '../domain/model';
import { roundCoordinates } from '../domain/geo';
import { JSON_CONTENT_TYPE } from './http';
import { t } from '../i18n';
import { paths } from '../paths';
import { geometrySource, publishedOfficers } from './open-data';
import type { Portal } from './portal';

export type DownloadFormat = 'csv' | 'json' | 'geojson';

export interface DownloadSpec {
  /** File name under /daten, e.g. "beamte.csv". */
  file: string;
  dataset: 'districts' | 'officers' | 'stations' | 'accounts';
  format: DownloadFormat;
  /** Source ids (data/sources.json) whose licences apply. */
  sourceIds: string[];
}

const PEOPLE_SOURCES = ['demo-personen'];

export const DOWNLOADS: readonly DownloadSpec[] = [
  {
    file: 'bezirke.geojson',
    dataset: 'districts',
    format: 'geojson',
    sourceIds: ['bkg-vg250', 'destatis-gemeindeverzeichnis', 'polizei-zustaendigkeit'],
  },
  {
    file: 'bezirke.csv',
    dataset: 'districts',
    format: 'csv',
    sourceIds: ['bkg-vg250', 'destatis-gemeindeverzeichnis', 'polizei-zustaendigkeit'],
  },
  { file: 'beamte.csv', dataset: 'officers', format: 'csv', sourceIds: PEOPLE_SOURCES },
  { file: 'beamte.json', dataset: 'officers', format: 'json', sourceIds: PEOPLE_SOURCES },
  { file: 'dienststellen.csv', dataset: 'stations', format: 'csv', sourceIds: PEOPLE_SOURCES },
  { file: 'dienststellen.json', dataset: 'stations', format: 'json', sourceIds: PEOPLE_SOURCES },
  { file: 'konten.csv', dataset: 'accounts', format: 'csv', sourceIds: PEOPLE_SOURCES },
  { file: 'konten.json', dataset: 'accounts', format: 'json', sourceIds: PEOPLE_SOURCES },
];

/** Column order of the tables: part of the files' contract. */
export const COLUMNS = {
  districts: [
    'id',
    'name',
    'type',
    'kreisAgs',
    'kreisName',
    'inspectionId',
    'inspectionName',
    'directorateId',
    'stationId',
    'population',
    'areaKm2',
    'lat',
    'lon',
    'cityId',
    'cityName',
    'boroughId',
    'boroughName',
    'geometryAttribution',
  ],
  officers: [
    'id',
    'name',
    'rank',
    'roleTitle',
    'roles',
    'stationId',
    'stationName',
    'phone',
    'email',
    'officeHours',
    'districtIds',
    'inspectionIds',
    'isDemo',
    'updatedAt',
    'page',
    'openingHours',
  ],
  stations: [
    'id',
    'name',
    'kind',
    'inspectionId',
    'inspectionName',
    'street',
    'postcode',
    'city',
    'phone',
    'email',
    'officeHours',
    'districtIds',
    'isDemo',
    'updatedAt',
    'openingHours',
    'lat',
    'lon',
  ],
  accounts: ['id', 'platform', 'handle', 'url', 'verifiedSince', 'isDemo', 'holderTypes', 'holderIds', 'holderNames', 'updatedAt'],
} as const;

type Value = string | number | boolean | null | string[];
type Row = Record<string, Value>;

export interface DownloadFile {
  spec: DownloadSpec;
  body: Uint8Array<ArrayBuffer>;
  contentType: string;
  /** The name a browser saves the file as: contains the data version. */
  fileName: string;
}

const cache = new WeakMap<Portal, Map<string, DownloadFile>>();

export function downloadSpec(file: string): DownloadSpec | null {
  return DOWNLOADS.find((spec) => spec.file === file) ?? null;
}

/**
 * The licences that apply to a download, from the snapshot's source list: the districts' include
 * the sources of divided cities' parts (Hannover's Stadtteile).
 */
export function licencesOf(portal: Portal, spec: DownloadSpec): DataSource[] {
  const ids = new Set([...spec.sourceIds, ...(spec.dataset === 'districts' ? portal.cities.list().map((city) => city.sourceId) : [])]);
  return portal.info.sources.filter((source) => ids.has(source.id));
}

/** A download file, generated once per snapshot. */
export function downloadFile(portal: Portal, spec: DownloadSpec): DownloadFile {
  let files = cache.get(portal);
  if (!files) {
    files = new Map();
    cache.set(portal, files);
  }
  let file = files.get(spec.file);
  if (!file) {
    file = generate(portal, spec);
    files.set(spec.file, file);
  }
  return file;
}

function generate(portal: Portal, spec: DownloadSpec): DownloadFile {
  const [base, extension] = spec.file.split('.') as [string, string];
  const fileName = `revierfinder-${base}-${portal.info.dataVersion}.${extension}`;
  const encoder = new TextEncoder();
  const meta = {
    title: t(`openData.dataset.${spec.dataset}`),
    dataVersion: portal.info.dataVersion,
    dataDate: portal.info.builtAt,
    licences: licencesOf(portal, spec).map(({ title, attribution, licence, licenceUrl, url }) => ({
      title,
      attribution,
      licence,
      licenceUrl,
      url,
    })),
    documentation: paths.openData(),
  };
  if (spec.format === 'geojson') {
    return {
      spec,
      fileName,
      contentType: 'application/geo+json; charset=utf-8',
      body: encoder.encode(JSON.stringify(districtCollection(portal, meta))),
    };
  }
  const dataset = spec.dataset;
  const rows = tableRows(portal, dataset);
  if (spec.format === 'json') {
    return {
      spec,
      fileName,
      contentType: JSON_CONTENT_TYPE,
      body: encoder.encode(JSON.stringify({ ...meta, columns: COLUMNS[dataset], records: rows })),
    };
  }
  return { spec, fileName, contentType: 'text/csv; charset=utf-8; header=present', body: encoder.encode(toCsv(COLUMNS[dataset], rows)) };
}

function tableRows(portal: Portal, dataset: keyof typeof COLUMNS): Row[] {
  const inspections = new Map(portal.listInspections().map((entry) => [entry.id, entry]));
  const districts = portal.listDistricts();
  switch (dataset) {
    case 'districts':
      return districts.map((district) => {
        const inspection = inspections.get(district.inspectionId)!;
        return ordered(COLUMNS.districts, {
          ...districtFacts(portal, district),
          inspectionName: inspection.name,
          directorateId: inspection.directorateId,
          lat: district.centre.lat,
          lon: district.centre.lon,
          geometryAttribution: geometrySource(portal, district.id).attribution,
        });
      });
    case 'officers':
      return publishedOfficers(portal).map((officer) => {
        const view = portal.officerView(officer.id)!;
        return ordered(COLUMNS.officers, {
          id: officer.id,
          name: officer.name,
          rank: officer.rank,
          roleTitle: officer.roleTitle,
          roles: view.roles.map((entry) => entry.role),
          stationId: officer.stationId,
          stationName: portal.station(officer.stationId)?.name ?? null,
          phone: officer.phone,
          email: officer.email,
          officeHours: officer.officeHours,
          districtIds: [...new Set(view.roles.flatMap((entry) => entry.districts.map((d) => d.id)))].sort(),
          inspectionIds: view.inspections.map((inspection) => inspection.id).sort(),
          isDemo: officer.isDemo,
          updatedAt: officer.updatedAt,
          page: paths.officer(officer.id),
          openingHours: officer.openingHours,
        });
      });
    case 'stations':
      return portal.listStations().map((station) =>
        ordered(COLUMNS.stations, {
          id: station.id,
          name: station.name,
          kind: station.kind,
          inspectionId: station.inspectionId,
          inspectionName: inspections.get(station.inspectionId)?.name ?? null,
          street: station.street,
          postcode: station.postcode,
          city: station.city,
          phone: station.phone,
          email: station.email,
          officeHours: station.officeHours,
          districtIds: districts.filter((district) => district.stationId === station.id).map((d) => d.id),
          isDemo: station.isDemo,
          updatedAt: station.updatedAt,
          openingHours: station.openingHours,
          lat: station.lat,
          lon: station.lon,
        }),
      );
    case 'accounts':
      return portal.listAccounts().map(({ account, holders }) =>
        ordered(COLUMNS.accounts, {
          id: account.id,
          platform: account.platform,
          handle: account.handle,
          url: account.url,
          verifiedSince: account.verifiedSince,
          isDemo: account.isDemo,
          holderTypes: holders.map((holder) => holder.type),
          holderIds: holders.map((holder) => holder.id),
          holderNames: holders.map((holder) => holder.name),
          updatedAt: account.updatedAt,
        }),
      );
  }
}

/** What the district table and the GeoJSON's properties share. */
function districtFacts(portal: Portal, district: ReturnType<Portal['listDistricts']>[number]) {
  const city = district.cityId === null ? null : portal.cities.city(district.cityId);
  const borough = district.boroughId === null ? null : portal.cities.borough(district.boroughId);
  return {
    id: district.id,
    name: district.name,
    type: district.type,
    kreisAgs: district.kreisAgs,
    kreisName: portal.kreis(district.kreisAgs)?.name ?? null,
    inspectionId: district.inspectionId,
    stationId: district.stationId,
    population: district.population,
    areaKm2: district.areaKm2,
    cityId: city?.id ?? null,
    cityName: city?.name ?? null,
    boroughId: borough?.id ?? null,
    boroughName: borough?.name ?? null,
  };
}

function ordered(columns: readonly string[], row: Row): Row {
  return Object.fromEntries(columns.map((column) => [column, row[column] ?? null]));
}

function districtCollection(portal: Portal, meta: Record<string, unknown>) {
  const inspections = new Map(portal.listInspections().map((entry) => [entry.id, entry]));
  const directorates = new Map(portal.listDirectorates().map((entry) => [entry.id, entry]));
  return {
    type: 'FeatureCollection',
    ...meta,
    attribution: [...new Set(portal.listDistricts().map((district) => geometrySource(portal, district.id).attribution))].join('; '),
    features: portal.listDistricts().map((district) => {
      const inspection = inspections.get(district.inspectionId)!;
      const kreis = portal.kreis(district.kreisAgs);
      const { cityId, cityName, boroughId, boroughName, ...facts } = districtFacts(portal, district);
      return {
        type: 'Feature',
        id: district.id,
        geometry: roundCoordinates(portal.districtOutline(district.id)!, 6),
        properties: {
          id: facts.id,
          name: facts.name,
          type: facts.type,
          kreisAgs: facts.kreisAgs,
          kreisName: facts.kreisName,
          inspectionId: facts.inspectionId,
          inspectionName: inspection.name,
          directorateId: inspection.directorateId,
          directorateName: directorates.get(inspection.directorateId)?.name ?? null,
          stationId: facts.stationId,
          population: facts.population,
          areaKm2: facts.areaKm2,
          responsibilityVerified: inspection.responsibilityVerified && (kreis?.responsibilityVerified ?? false),
          // Appended: the city a part belongs to, its Stadtbezirk, and whose outline it is.
          cityId,
          cityName,
          boroughId,
          boroughName,
          attribution: geometrySource(portal, district.id).attribution,
        },
      };
    }),
  };
}

/** RFC 4180: comma-separated, CRLF, fields with comma, quote, CR or LF (or edge spaces) quoted. */
export function toCsv(columns: readonly string[], rows: Row[]): string {
  const lines = [columns.map(csvField).join(',')];
  for (const row of rows) lines.push(columns.map((column) => csvField(row[column] ?? null)).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

function csvField(value: Value): string {
  const text = value === null ? '' : Array.isArray(value) ? value.join(';') : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
