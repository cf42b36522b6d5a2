/**
 * The portal's domain model: who is responsible for which piece of Niedersachsen.
 * Pure types, shared by every layer. One name per concept across code, database, API and UI.
 */

/** WGS84 point. `lat`/`lon` in decimal degrees. */
export interface LatLon {
  lat: number;
  lon: number;
}

/** Polizeidirektion, e.g. "PD Lüneburg". `id` is a slug: "pd-lueneburg". */
export interface Polizeidirektion {
  id: string;
  name: string;
}

/** Polizeiinspektion, e.g. "PI Celle". `id` is a slug: "pi-celle". */
export interface Polizeiinspektion {
  id: string;
  name: string;
  directorateId: string;
  /** False where the sources confirm the area only in part ("Zuständigkeit nicht bestätigt"). */
  responsibilityVerified: boolean;
  sourceUrl: string;
}

/** Landkreis, Region or kreisfreie Stadt (5-digit AGS). */
export interface Kreis {
  ags: string;
  name: string;
  type: string;
  inspectionId: string;
  responsibilityVerified: boolean;
}

/**
 * A district (Bezirk on the pages; `district` in code, database and API: CONTRIBUTING.md), the
 * area the officers are assigned to. In the default data set: a Samtgemeinde or Einheitsgemeinde, `id` = its
 * 9-digit Verwaltungsgemeinschafts-ARS (VWG_ARS); or one part of a city divided into districts
 * (a Stadtteil of Hannover), `id` = the city's id, a hyphen and the part's number in its source
 * ("032410001-33": Linden-Nord). The hyphen keeps the two kinds apart.
 */
export interface District {
  id: string;
  name: string;
  /** "Samtgemeinde", "Einheitsgemeinde", "Stadtteil", ... as in the source. */
  type: string;
  kreisAgs: string;
  inspectionId: string;
  stationId: string | null;
  /** Null where the source does not say (the parts of a city). */
  population: number | null;
  areaKm2: number;
  centre: LatLon;
  /** The city this district is a part of, or null. */
  cityId: string | null;
  /** The part's group in its city (a Stadtbezirk), or null. */
  boroughId: string | null;
}

/**
 * A municipality divided into several districts (Hannover: its 51 Stadtteile). Its `id` is the id
 * of the district the whole municipality was (its 9-digit ARS), so old links and embed codes lead
 * to the city's overview.
 */
export interface City {
  id: string;
  ags: string;
  name: string;
  /** What one part is called in the source ("Stadtteil"). */
  districtType: string;
  /** What a group of parts is called ("Stadtbezirk"); null where the source has no groups. */
  boroughType: string | null;
  /** The source of the parts' outlines (an id of sources.json). */
  sourceId: string;
}

/** A group of a city's districts (a Stadtbezirk). `id` = the city's id, "-b" and its number. */
export interface Borough {
  id: string;
  cityId: string;
  name: string;
}

/** Gemeinde (8-digit AGS): the places citizens type. */
export interface Municipality {
  ags: string;
  name: string;
  /** "Stadt", "Gemeinde", "Gemeindefreies Gebiet". */
  type: string;
  /**
   * Its district; for a municipality divided into several districts, the id of its City (the
   * district it was), which names no single district.
   */
  districtId: string;
  population: number;
  centre: LatLon;
}

/** A postcode and one municipality it reaches (a postcode may span several). */
export interface PostcodeArea {
  postcode: string;
  ags: string;
  placeName: string;
}

/**
 * A named place within a municipality (GeoNames): an Ortsteil ("Greetsiel" in Krummhörn), or
 * another name of the municipality itself ("Wulften" for Wulften am Harz).
 */
export interface Locality {
  id: number;
  name: string;
  kind: 'ortsteil' | 'alias';
  /** The names the source gave it ("Krummhörn Greetsiel"), searchable too. */
  sourceNames: string[];
  /** The municipality its point lies in. */
  ags: string;
  postcodes: string[];
  point: LatLon;
}

/** The police of a state other than Niedersachsen (Bremerhaven has its own). */
export interface StatePolice {
  id: string;
  state: string;
  stateCode: string;
  name: string;
  url: string;
  /** "nur für die Stadt Bremerhaven", or "". */
  note: string;
}

/** A place and postcode outside Niedersachsen. */
export interface OutsidePlace {
  name: string;
  postcode: string;
  police: StatePolice;
  point: LatLon;
}

export type OfficerRole = 'digital' | 'kobb';

export const PLATFORMS = ['x', 'facebook', 'instagram', 'youtube', 'mastodon', 'threads', 'bluesky', 'tiktok', 'whatsapp'] as const;
export type Platform = (typeof PLATFORMS)[number];

export interface Station {
  id: string;
  name: string;
  /** "Polizeiinspektion", "Polizeikommissariat", "Polizeistation". */
  kind: string;
  inspectionId: string;
  street: string;
  postcode: string;
  city: string;
  phone: string;
  email: string;
  /** Opening hours in OpenStreetMap syntax, e.g. "Mo-Fr 08:00-16:00; PH off" (see domain/office-hours). */
  openingHours: string;
  /** The same in German words, as the API and the downloads give it. */
  officeHours: string;
  /** Where the station is (for the map app link); null where the data has no coordinates. */
  lat: number | null;
  lon: number | null;
  isDemo: boolean;
  updatedAt: string;
}

export interface Officer {
  id: string;
  name: string;
  /** Dienstgrad, e.g. "Polizeioberkommissarin". */
  rank: string;
  /** Funktionsbezeichnung, e.g. "Kontaktbereichsbeamtin"; null: derived from the role. */
  roleTitle: string | null;
  stationId: string;
  phone: string;
  email: string;
  /** Sprechstunden (KOBB) or online hours (digital officer) in OpenStreetMap syntax. */
  openingHours: string;
  /** The same in German words, as the API and the downloads give it. */
  officeHours: string;
  /** Path of a photo under public/, or null: the page then shows initials. */
  photo: string | null;
  isDemo: boolean;
  updatedAt: string;
}

/** An officer's role in one district. A digital officer usually covers a whole inspection. */
export interface Assignment {
  officerId: string;
  districtId: string;
  role: OfficerRole;
}

export type AccountHolderType = 'officer' | 'station' | 'inspection' | 'directorate';

/** An official social-media account. Joint accounts have several holders. */
export interface Account {
  id: string;
  platform: Platform;
  handle: string;
  /** Canonical profile URL. For demo accounts a page of the portal, never a real profile. */
  url: string;
  verifiedSince: string;
  isDemo: boolean;
  updatedAt: string | null;
}

export interface AccountHolder {
  accountId: string;
  holderType: AccountHolderType;
  holderId: string;
}

/** A licence and attribution notice for one data source, shown on maps and in the footer. */
export interface DataSource {
  id: string;
  title: string;
  attribution: string;
  licence: string;
  licenceUrl: string;
  url: string;
  /** The maps draw data of this source, so its attribution is shown on every map. */
  shownOnMap: boolean;
}
