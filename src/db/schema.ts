/**
 * The one description of the portal's tables. Row types come from `$inferSelect`;
 * migrations in ./migrations are generated from this file by drizzle-kit.
 * Geometry is stored as GeoJSON geometry text (WGS84), parsed once at start-up.
 */
import { sqliteTable, text, integer, real, primaryKey, index } from 'drizzle-orm/sqlite-core';

/** Key/value facts about the snapshot: data version, build time, data directory. */
export const meta = sqliteTable('meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/** The meta key listing the extra address files (`--addresses`; absolute paths, a JSON array) a snapshot was built from. */
export const EXTRA_ADDRESS_FILES_KEY = 'extra_address_files';

/** Licence and attribution per source, shown on every map and in the footer. */
export const dataSources = sqliteTable('data_sources', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  attribution: text('attribution').notNull(),
  licence: text('licence').notNull(),
  licenceUrl: text('licence_url').notNull(),
  url: text('url').notNull(),
  shownOnMap: integer('shown_on_map', { mode: 'boolean' }).notNull(),
  sortOrder: integer('sort_order').notNull(),
});

export const directorates = sqliteTable('directorates', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  geometry: text('geometry').notNull(),
});

export const inspections = sqliteTable(
  'inspections',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    directorateId: text('directorate_id')
      .notNull()
      .references(() => directorates.id),
    responsibilityVerified: integer('responsibility_verified', { mode: 'boolean' }).notNull(),
    sourceUrl: text('source_url').notNull(),
    geometry: text('geometry').notNull(),
  },
  (t) => [index('inspections_directorate').on(t.directorateId)],
);

export const kreise = sqliteTable('kreise', {
  ags: text('ags').primaryKey(),
  name: text('name').notNull(),
  type: text('type').notNull(),
  inspectionId: text('inspection_id')
    .notNull()
    .references(() => inspections.id),
  responsibilityVerified: integer('responsibility_verified', { mode: 'boolean' }).notNull(),
});

export const stations = sqliteTable(
  'stations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    inspectionId: text('inspection_id')
      .notNull()
      .references(() => inspections.id),
    street: text('street').notNull(),
    postcode: text('postcode').notNull(),
    city: text('city').notNull(),
    phone: text('phone').notNull(),
    email: text('email').notNull(),
    /** German words for `opening_hours`, written at import for the API and the downloads. */
    officeHours: text('office_hours').notNull(),
    /** OpenStreetMap opening_hours syntax: the source of truth for office hours. */
    openingHours: text('opening_hours').notNull(),
    lat: real('lat'),
    lon: real('lon'),
    isDemo: integer('is_demo', { mode: 'boolean' }).notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('stations_inspection').on(t.inspectionId)],
);

/**
 * Municipalities divided into several districts (Hannover: its Stadtteile), as configured in
 * data/city-districts.json. `id` is the id of the district the whole municipality was.
 */
export const cities = sqliteTable('cities', {
  id: text('id').primaryKey(),
  ags: text('ags').notNull().unique(),
  name: text('name').notNull(),
  /** What one part is called ("Stadtteil"); what a group of parts is called ("Stadtbezirk") or null. */
  districtType: text('district_type').notNull(),
  boroughType: text('borough_type'),
  sourceId: text('source_id')
    .notNull()
    .references(() => dataSources.id),
  /** The facts of the district the whole municipality was (its page before the split). */
  formerType: text('former_type').notNull(),
  kreisAgs: text('kreis_ags')
    .notNull()
    .references(() => kreise.ags),
  inspectionId: text('inspection_id')
    .notNull()
    .references(() => inspections.id),
  population: integer('population').notNull(),
  areaKm2: real('area_km2').notNull(),
  centreLat: real('centre_lat').notNull(),
  centreLon: real('centre_lon').notNull(),
  geometry: text('geometry').notNull(),
});

/** Groups of a city's districts (Stadtbezirke), in the source's order. */
export const boroughs = sqliteTable(
  'boroughs',
  {
    id: text('id').primaryKey(),
    cityId: text('city_id')
      .notNull()
      .references(() => cities.id),
    name: text('name').notNull(),
    sortOrder: integer('sort_order').notNull(),
  },
  (t) => [index('boroughs_city').on(t.cityId)],
);

export const districts = sqliteTable(
  'districts',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    kreisAgs: text('kreis_ags')
      .notNull()
      .references(() => kreise.ags),
    inspectionId: text('inspection_id')
      .notNull()
      .references(() => inspections.id),
    stationId: text('station_id').references(() => stations.id),
    /** Null where the source gives none (the parts of a city). */
    population: integer('population'),
    areaKm2: real('area_km2').notNull(),
    centreLat: real('centre_lat').notNull(),
    centreLon: real('centre_lon').notNull(),
    geometry: text('geometry').notNull(),
    /** The city this district is a part of, and its group there (Stadtbezirk); null elsewhere. */
    cityId: text('city_id').references(() => cities.id),
    boroughId: text('borough_id').references(() => boroughs.id),
  },
  (t) => [index('districts_inspection').on(t.inspectionId), index('districts_city').on(t.cityId)],
);

export const municipalities = sqliteTable(
  'municipalities',
  {
    ags: text('ags').primaryKey(),
    name: text('name').notNull(),
    type: text('type').notNull(),
    /**
     * Its district, or where it is divided into several districts, its city (cities.id): no
     * foreign key, since it names either; the import checks it.
     */
    districtId: text('district_id').notNull(),
    population: integer('population').notNull(),
    centreLat: real('centre_lat').notNull(),
    centreLon: real('centre_lon').notNull(),
    geometry: text('geometry').notNull(),
  },
  (t) => [index('municipalities_district').on(t.districtId)],
);

export const postcodeAreas = sqliteTable(
  'postcode_areas',
  {
    postcode: text('postcode').notNull(),
    ags: text('ags')
      .notNull()
      .references(() => municipalities.ags),
    placeName: text('place_name').notNull(),
  },
  (t) => [primaryKey({ columns: [t.postcode, t.ags] }), index('postcode_areas_ags').on(t.ags)],
);

export const officers = sqliteTable('officers', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  rank: text('rank').notNull(),
  /** Funktionsbezeichnung, e.g. "Kontaktbereichsbeamtin"; null: the UI derives it from the role. */
  roleTitle: text('role_title'),
  stationId: text('station_id')
    .notNull()
    .references(() => stations.id),
  phone: text('phone').notNull(),
  email: text('email').notNull(),
  /** German words for `opening_hours`, written at import for the API and the downloads. */
  officeHours: text('office_hours').notNull(),
  /** OpenStreetMap opening_hours syntax: Sprechstunden (KOBB) or online hours (digital officer). */
  openingHours: text('opening_hours').notNull(),
  photo: text('photo'),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/** Expanded at build time: a digital officer covering an inspection gets one row per district. */
export const assignments = sqliteTable(
  'assignments',
  {
    officerId: text('officer_id')
      .notNull()
      .references(() => officers.id),
    districtId: text('district_id')
      .notNull()
      .references(() => districts.id),
    role: text('role', { enum: ['digital', 'kobb'] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.officerId, t.districtId, t.role] }), index('assignments_district').on(t.districtId)],
);

export const accounts = sqliteTable('accounts', {
  id: text('id').primaryKey(),
  platform: text('platform').notNull(),
  handle: text('handle').notNull(),
  url: text('url').notNull(),
  verifiedSince: text('verified_since').notNull(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull(),
  /** When the record was last checked or changed (ISO date); null where unknown. */
  updatedAt: text('updated_at'),
});

export const accountHolders = sqliteTable(
  'account_holders',
  {
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id),
    holderType: text('holder_type', {
      enum: ['officer', 'station', 'inspection', 'directorate'],
    }).notNull(),
    holderId: text('holder_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.holderType, t.holderId] }), index('account_holders_holder').on(t.holderType, t.holderId)],
);

/**
 * Current notices ("Aktuelle Hinweise") of the editors, plain text. `scope` is `state`,
 * `pd:<directorate id>`, `pi:<inspection id>` or `station:<station id>` (src/domain/notices.ts);
 * which apply to a district on a day is decided per request, not stored.
 */
export const notices = sqliteTable('notices', {
  id: text('id').primaryKey(),
  scope: text('scope').notNull(),
  text: text('text').notNull(),
  textEn: text('text_en'),
  link: text('link'),
  /** First and last day shown (YYYY-MM-DD, Europe/Berlin); null: open. */
  validFrom: text('valid_from'),
  validUntil: text('valid_until'),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull(),
  updatedAt: text('updated_at').notNull(),
});

/**
 * Named places of Niedersachsen below the municipality (GeoNames): Ortsteile ("Greetsiel") and
 * other spellings of a municipality ("Wulften" for Wulften am Harz). Each belongs to the
 * municipality its point lies in, whatever name GeoNames filed it under.
 */
export const localities = sqliteTable(
  'localities',
  {
    id: integer('id').primaryKey(),
    /** The place's own name: "Greetsiel", "Sankt Andreasberg", "Salzgitter-Bad". */
    name: text('name').notNull(),
    /** 'ortsteil': a place in the municipality; 'alias': another name of the municipality itself. */
    kind: text('kind', { enum: ['ortsteil', 'alias'] }).notNull(),
    /** The names GeoNames gave it ("Krummhörn Greetsiel"), " | "-separated: searchable too. */
    sourceNames: text('source_names').notNull(),
    ags: text('ags')
      .notNull()
      .references(() => municipalities.ags),
    /** Its postcodes, space-separated. */
    postcodes: text('postcodes').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
  },
  (t) => [index('localities_ags').on(t.ags)],
);

/** The police of each other German state (and Bremerhaven's own), with its website. */
export const statePolice = sqliteTable('state_police', {
  id: text('id').primaryKey(),
  /** The state's name: "Bremen". */
  state: text('state').notNull(),
  /** Two-letter code: "HB". */
  stateCode: text('state_code').notNull(),
  /** "Polizei Bremen", "Ortspolizeibehörde Bremerhaven". */
  name: text('name').notNull(),
  url: text('url').notNull(),
  note: text('note').notNull(),
});

/** Places and postcodes outside Niedersachsen (GeoNames): one row per place and postcode. */
export const outsidePlaces = sqliteTable('outside_places', {
  id: integer('id').primaryKey(),
  name: text('name').notNull(),
  postcode: text('postcode').notNull(),
  policeId: text('police_id')
    .notNull()
    .references(() => statePolice.id),
  /** The Kreis as GeoNames names it. */
  kreis: text('kreis').notNull(),
  lat: real('lat').notNull(),
  lon: real('lon').notNull(),
});

export type DirectorateRow = typeof directorates.$inferSelect;
export type InspectionRow = typeof inspections.$inferSelect;
export type KreisRow = typeof kreise.$inferSelect;
export type StationRow = typeof stations.$inferSelect;
export type DistrictRow = typeof districts.$inferSelect;
export type CityRow = typeof cities.$inferSelect;
export type BoroughRow = typeof boroughs.$inferSelect;
export type MunicipalityRow = typeof municipalities.$inferSelect;
export type PostcodeAreaRow = typeof postcodeAreas.$inferSelect;
export type OfficerRow = typeof officers.$inferSelect;
export type AssignmentRow = typeof assignments.$inferSelect;
export type AccountRow = typeof accounts.$inferSelect;
export type AccountHolderRow = typeof accountHolders.$inferSelect;
export type DataSourceRow = typeof dataSources.$inferSelect;
export type NoticeRow = typeof notices.$inferSelect;
export type LocalityRow = typeof localities.$inferSelect;
export type StatePoliceRow = typeof statePolice.$inferSelect;
export type OutsidePlaceRow = typeof outsidePlaces.$inferSelect;

/**
 * Streets: one row per street name and municipality. Ids are given in order of importance
 * (population of the town, then number of addresses), so the full-text index's rowid order is
 * importance order and a LIMIT keeps the most likely candidates. The FTS5 table `street_search`
 * (custom migration) indexes them.
 */
export const streets = sqliteTable(
  'streets',
  {
    id: integer('id').primaryKey(),
    name: text('name').notNull(),
    /** normaliseText(name): what the ranking compares. */
    nameNorm: text('name_norm').notNull(),
    ags: text('ags')
      .notNull()
      .references(() => municipalities.ags),
    /** Its district; in a city divided into districts whose part the street is not known in, the city (as municipalities.district_id). */
    districtId: text('district_id').notNull(),
    /** Normalised words of the town (names and postcode-list spellings), for the ranking. */
    placeNorm: text('place_norm').notNull(),
    /** Postcodes of its addresses, or of its municipality where none are known; space-separated. */
    postcodes: text('postcodes').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
    addressCount: integer('address_count').notNull(),
    /** 'osm' (street centre from OpenStreetMap), 'hk-de', 'csv', 'openplz' or 'synthetic'. */
    source: text('source').notNull(),
    /**
     * False where the street's position is not known (OpenPLZ lists streets without coordinates):
     * lat/lon are then its town's centre, and an answer for it says so.
     */
    located: integer('located', { mode: 'boolean' }).notNull().default(true),
    /** City district (Stadtbezirk, Stadtteil) as the source names it ("Linden-Limmer", "Linden-Nord"), or null. */
    borough: text('borough'),
    suburb: text('suburb'),
  },
  (t) => [index('streets_ags').on(t.ags)],
);

/** Street addresses (house coordinates). Millions of rows: never loaded whole, only looked up by street. */
export const addresses = sqliteTable(
  'addresses',
  {
    streetId: integer('street_id')
      .notNull()
      .references(() => streets.id),
    number: integer('number').notNull(),
    /** Lowercase letter(s) or "/1"; "" for none. */
    suffix: text('suffix').notNull(),
    postcode: text('postcode').notNull(),
    lat: real('lat').notNull(),
    lon: real('lon').notNull(),
  },
  (t) => [index('addresses_street_number').on(t.streetId, t.number)],
);

export type StreetRow = typeof streets.$inferSelect;
export type AddressRow = typeof addresses.$inferSelect;
