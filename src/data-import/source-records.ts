/**
 * The files the import reads and the records it makes of them, shaped as the domain's with what
 * the database needs besides (outlines, the people's coverage, sort orders).
 */
import type { AreaGeometry } from '../domain/geo/geometry';
import type {
  Account,
  DataSource,
  District,
  Municipality,
  Officer,
  OfficerRole,
  Polizeidirektion,
  Polizeiinspektion,
  Station,
} from '../domain/model';

/** The files of a data directory the import reads, relative to it. */
export const SOURCE_FILES = {
  directorates: 'geo/nds_polizeidirektionen.geojson',
  inspections: 'geo/nds_polizeiinspektionen.geojson',
  kreise: 'geo/nds_kreise_vg250.geojson',
  districts: 'geo/nds_samtgemeinden_einheitsgemeinden_vg250.geojson',
  municipalities: 'geo/nds_gemeinden_vg250.geojson',
  responsibilities: 'police/nds_polizei_zustaendigkeit_kreise.csv',
  postcodes: 'postcodes/plz_ort_gemeinde_niedersachsen.csv',
  agsAliases: 'postcodes/ags_aliases.csv',
  stations: 'demo/stations.json',
  officers: 'demo/officers.json',
  accounts: 'demo/accounts.json',
  /** Optional: without it there are no notices. */
  notices: 'demo/notices.json',
  sources: 'sources.json',
} as const;

export interface WithGeometry {
  geometry: AreaGeometry;
}
export type DirectorateData = Polizeidirektion & WithGeometry;
export type InspectionData = Polizeiinspektion & WithGeometry;
export type DistrictData = District & WithGeometry;
export interface MunicipalityData extends Municipality, WithGeometry {
  /** PLZ_HAUPT: the municipality's main postcode (null for gemeindefreie Gebiete). */
  mainPostcode: string | null;
  kreisAgs: string;
}
export interface StationData extends Station {
  districtIds: string[];
}
export interface OfficerData extends Officer {
  role: OfficerRole;
  roleTitle: string | null;
  covers: { inspections: string[]; districts: string[] };
}
export interface AccountData extends Account {
  updatedAt: string;
}
export interface DataSourceData extends DataSource {
  sortOrder: number;
}

/** By id in code-unit order, as the database and the downloads keep records. */
export const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
