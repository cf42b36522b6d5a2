/**
 * The portal's read model: one loaded snapshot with its in-memory indexes, and the views
 * pages and endpoints need (locate, search, district, officer). Built once per snapshot.
 */
import type {
  Account,
  DataSource,
  District,
  Kreis,
  LatLon,
  Municipality,
  Officer,
  OfficerRole,
  Platform,
  Polizeidirektion,
  Polizeiinspektion,
  Station,
  StatePolice,
} from '../domain/model';
import {
  AreaIndex,
  MapFrame,
  OUTLINE_SLACK_METERS,
  OutlineHoles,
  PointIndex,
  bboxOf,
  enclaveAt,
  chooseLabels,
  labelMinZoom,
  labelPoint,
  parseAreaGeometry,
  roundCoordinates,
  simplifyGeometry,
  type AreaGeometry,
  type BBox,
  type EnclaveData,
  type LabelledPoint,
} from '../domain/geo';
import { NEIGHBOUR_STATE_CODES, OutsidePlaces, PlaceSearch, type PlaceMatch } from '../domain/search';
import type { SnapshotRows } from '../db/queries';
import type { AddressStore } from '../db/address-store';
import { t as german, type Translate } from '../i18n';
import { AddressSearch, type AddressMatch } from './address-search';
import { Cities, type CityRecord } from './cities';
import { searchPortal, type CitySummary, type DistrictSummary, type SearchAnswer, type SearchContext, type SearchResult } from './search';

export type { CitySummary, DistrictSummary, OutsideArea, SearchAnswer, SearchResult, SearchResultType } from './search';

/** How close to a district boundary a point must be for the answer to name the neighbour. */
export const BOUNDARY_TOLERANCE_METERS = 300;


export interface AccountView extends Account {
  /** Other holders of a joint account, by name. */
  jointWith: string[];
}

export interface OfficerCard extends Officer {
  role: OfficerRole;
  initials: string;
  station: Station | null;
  accounts: AccountView[];
}

export interface NeighbourDistrict extends DistrictSummary {
  distanceMeters: number;
}

export interface DistrictView {
  district: District;
  kreis: Kreis;
  municipalities: Municipality[];
  /** For a part of a city divided into districts: the city and the part's group (Stadtbezirk). */
  city: { id: string; name: string; boroughType: string | null; borough: string | null } | null;
  inspection: Polizeiinspektion;
  directorate: Polizeidirektion;
  station: Station | null;
  digitalOfficers: OfficerCard[];
  kobbOfficers: OfficerCard[];
  /** The inspection's own accounts: the honest fallback where no digital officer is assigned. */
  inspectionAccounts: AccountView[];
  /** False where the police responsibility for this area is only partly confirmed by sources. */
  responsibilityVerified: boolean;
  /** Newest `updatedAt` of the people and station shown. */
  updatedAt: string;
}

export type LocateResult =
  | {
      kind: 'inside';
      point: LatLon;
      municipality: Municipality;
      district: DistrictSummary;
      inspection: Polizeiinspektion;
      directorate: Polizeidirektion;
      /** Districts whose boundary lies within the tolerance of the point. */
      nearBoundary: NeighbourDistrict[];
    }
  | {
      kind: 'outside';
      point: LatLon;
      /**
       * The police responsible there, where the data allow naming it without guessing (a point
       * in Bremen or Bremerhaven, which Niedersachsen surrounds: domain/geo/enclave.ts); else null.
       */
      enclave: StatePolice | null;
    };

export interface OfficerView {
  officer: OfficerCard;
  roles: Array<{ role: OfficerRole; districts: DistrictSummary[] }>;
  inspections: Polizeiinspektion[];
}

export interface InspectionOverview {
  inspection: Polizeiinspektion;
  directorate: Polizeidirektion;
  digitalOfficers: OfficerCard[];
  districtCount: number;
}

/** A station's area: the districts it is responsible for, with their officers (each once). */
export interface StationAreaView {
  station: Station;
  inspection: Polizeiinspektion;
  directorate: Polizeidirektion;
  districts: DistrictSummary[];
  digitalOfficers: OfficerCard[];
  kobbOfficers: OfficerCard[];
  /** The inspection's own accounts: the fallback where no digital officer is assigned. */
  inspectionAccounts: AccountView[];
  updatedAt: string;
}

/** An inspection with its digital officers, and its own accounts as the fallback. */
export interface InspectionView extends InspectionOverview {
  inspectionAccounts: AccountView[];
}

/** An entry of the lists web editors choose a widget's subject from. */
export interface ChoiceEntry {
  id: string;
  name: string;
  /** Where it belongs: the Kreis of a district, the inspection of a station. */
  group: string;
}

/** An outline on a server-drawn map, with where its name fits (null: the name is not drawn). */
export interface MapArea {
  id: string;
  name: string;
  path: string;
  label: { x: number; y: number } | null;
}

export interface MapOutlines {
  width: number;
  height: number;
  focus: MapArea[];
  neighbours: MapArea[];
  /** Places (municipalities) with a dot and their name. */
  labels: Array<{ name: string; x: number; y: number }>;
  point: { x: number; y: number } | null;
}

/** A place of the overview map's data: [name, lon, lat, population, kind]. */
export type OverviewPlaceRow = [string, number, number, number, LabelledPoint['kind']];

/** Towns smaller than this are not sent with the overview map (they would be named only at zoom 12). */
const OVERVIEW_LABEL_MIN_POPULATION = 1_000;
/** Outlines on the overview: districts simplified to 800 m, the parts of a city (a few km across) to 100 m. */
const OVERVIEW_SIMPLIFY_METERS = 800;
const OVERVIEW_PART_SIMPLIFY_METERS = 100;
/** A city's overview map draws its parts this exactly (they are looked at zoomed in). */
const CITY_MAP_SIMPLIFY_METERS = 15;
/** The server-drawn overview (640 px, the whole state) shows what Leaflet shows at this zoom. */
const OVERVIEW_SVG_ZOOM = 7;

export interface DemoAccountView {
  account: AccountView;
  holders: Array<{ type: string; id: string; name: string }>;
}

export interface SnapshotInfo {
  /** True when the snapshot holds synthetic (benchmark) addresses: the footer says so. */
  synthetic: boolean;
  dataVersion: string;
  builtAt: string;
  sources: DataSource[];
}

const OVERVIEW_MAP_WIDTH = 640;
/** Rough size of a place name on the server-drawn maps (in the SVG's own units), for the overlap test. */
const SVG_CHARACTER_PX = 6.5;
const SVG_LABEL_HEIGHT_PX = 14;

export class Portal {
  readonly info: SnapshotInfo;
  private readonly directorates = new Map<string, Polizeidirektion>();
  private readonly inspections = new Map<string, Polizeiinspektion>();
  private readonly kreise = new Map<string, Kreis>();
  private readonly stations = new Map<string, Station>();
  private readonly districts = new Map<string, District>();
  private readonly districtGeometry = new Map<string, AreaGeometry>();
  private readonly districtBoxes = new Map<string, BBox>();
  private readonly municipalities = new Map<string, Municipality>();
  /** Cities divided into districts, their parts and the look-up of a point's part. */
  readonly cities: Cities;
  private readonly municipalitiesByDistrict = new Map<string, Municipality[]>();
  private readonly officers = new Map<string, Officer>();
  private readonly assignmentsByDistrict = new Map<string, Array<{ officerId: string; role: OfficerRole }>>();
  private readonly assignmentsByOfficer = new Map<string, Array<{ districtId: string; role: OfficerRole }>>();
  private readonly accountsByHolder = new Map<string, AccountView[]>();
  private readonly demoAccounts = new Map<string, DemoAccountView>();
  private readonly municipalityIndex: AreaIndex<Municipality>;
  private readonly districtIndex: AreaIndex<District>;
  private readonly placeSearch: PlaceSearch;
  private readonly searchContext: SearchContext;
  private readonly statePolice: StatePolice[];
  /** What the rule naming the state of a point outside Niedersachsen needs (domain/geo/enclave.ts). */
  private readonly enclaveData: EnclaveData<StatePolice>;
  private readonly overviewFrame: MapFrame;
  private readonly inspectionOutlines: Array<{ id: string; name: string; geometry: AreaGeometry }>;
  private readonly overviewDistricts: Array<{ id: string; name: string; geometry: AreaGeometry }>;
  /** The Ortsteile (GeoNames), named on the overview once zoomed in. */
  private readonly localityPoints: LabelledPoint[];

  /** `addresses`: the open snapshot's streets and addresses (they stay on disk); null: places only. */
  constructor(rows: SnapshotRows, addresses: AddressStore | null = null) {
    this.info = {
      synthetic: rows.meta.has('synthetic_addresses'),
      dataVersion: rows.meta.get('data_version') ?? 'unbekannt',
      builtAt: rows.meta.get('built_at') ?? '',
      sources: rows.dataSources.map(({ sortOrder: _order, ...source }) => source),
    };
    for (const row of rows.directorates) this.directorates.set(row.id, { id: row.id, name: row.name });
    for (const { geometry: _g, ...row } of rows.inspections) this.inspections.set(row.id, row);
    for (const row of rows.kreise) this.kreise.set(row.ags, row);
    for (const row of rows.stations) this.stations.set(row.id, row);

    const districtAreas: Array<{ key: string; value: District; geometry: AreaGeometry }> = [];
    for (const { geometry, centreLat, centreLon, ...row } of rows.districts) {
      const district: District = { ...row, centre: { lat: centreLat, lon: centreLon } };
      const area = parseAreaGeometry(JSON.parse(geometry));
      this.districts.set(district.id, district);
      this.districtGeometry.set(district.id, area);
      this.districtBoxes.set(district.id, bboxOf(area));
      districtAreas.push({ key: district.id, value: district, geometry: area });
    }
    this.districtIndex = new AreaIndex(districtAreas);
    this.cities = new Cities(rows, districtAreas.map(({ value, geometry }) => ({ district: value, geometry })));

    const municipalityAreas: Array<{ key: string; value: Municipality; geometry: AreaGeometry }> = [];
    for (const { geometry, centreLat, centreLon, ...row } of rows.municipalities) {
      const municipality: Municipality = { ...row, centre: { lat: centreLat, lon: centreLon } };
      this.municipalities.set(municipality.ags, municipality);
      pushTo(this.municipalitiesByDistrict, municipality.districtId, municipality);
      municipalityAreas.push({
        key: municipality.ags,
        value: municipality,
        geometry: parseAreaGeometry(JSON.parse(geometry)),
      });
    }
    this.municipalityIndex = new AreaIndex(municipalityAreas);

    for (const row of rows.officers) this.officers.set(row.id, row);
    for (const row of rows.assignments) {
      pushTo(this.assignmentsByDistrict, row.districtId, { officerId: row.officerId, role: row.role });
      pushTo(this.assignmentsByOfficer, row.officerId, { districtId: row.districtId, role: row.role });
    }

    const holdersByAccount = new Map<string, Array<{ type: string; id: string; name: string }>>();
    for (const holder of rows.accountHolders) {
      pushTo(holdersByAccount, holder.accountId, {
        type: holder.holderType,
        id: holder.holderId,
        name: this.holderName(holder.holderType, holder.holderId),
      });
    }
    for (const row of rows.accounts) {
      const holders = holdersByAccount.get(row.id) ?? [];
      for (const holder of holders) {
        const account: AccountView = {
          ...row,
          platform: row.platform as Platform,
          jointWith: holders.filter((other) => other !== holder).map((other) => other.name),
        };
        pushTo(this.accountsByHolder, `${holder.type}:${holder.id}`, account);
      }
      this.demoAccounts.set(row.id, {
        account: { ...row, platform: row.platform as Platform, jointWith: [] },
        holders,
      });
    }

    const localities = rows.localities.map(({ lat, lon, sourceNames, postcodes, ...row }) => ({
      ...row,
      sourceNames: sourceNames.split(' | '),
      postcodes: postcodes === '' ? [] : postcodes.split(' '),
      point: { lat, lon },
    }));
    this.placeSearch = new PlaceSearch({
      municipalities: [...this.municipalities.values()],
      districts: [...this.districts.values()],
      postcodeAreas: rows.postcodeAreas,
      kreisNames: new Map([...this.kreise.values()].map((kreis) => [kreis.ags, kreis.name])),
      localities,
      cities: this.cities.list().map((city) => ({
        id: city.id,
        name: city.name,
        boroughs: new Map(this.cities.groups(city.id).flatMap(({ borough }) => (borough ? [[borough.id, borough.name] as const] : []))),
      })),
    });
    this.statePolice = rows.statePolice.map(({ id, state, stateCode, name, url, note }) => ({ id, state, stateCode, name, url, note }));
    const policeById = new Map(this.statePolice.map((police) => [police.id, police]));
    const outsidePlaces = rows.outsidePlaces.flatMap(({ name, postcode, policeId, lat, lon }) => {
      const police = policeById.get(policeId);
      return police ? [{ name, postcode, police, point: { lat, lon } }] : [];
    });
    const outsideIndex = new PointIndex(outsidePlaces.map((o) => ({ point: o.point, value: o.police })));
    const knownPlaces = new PointIndex<StatePolice | null>([
      ...[...this.municipalities.values()].map((m) => ({ point: m.centre, value: null })),
      ...localities.map((l) => ({ point: l.point, value: null })),
      ...outsidePlaces.map((o) => ({ point: o.point, value: o.police })),
    ]);
    const holes = new OutlineHoles(rows.directorates.map((row) => parseAreaGeometry(JSON.parse(row.geometry))));
    const asPlace = (found: { value: StatePolice | null; point: LatLon; distanceMeters: number } | null) =>
      found && { owner: found.value, point: found.point, distanceMeters: found.distanceMeters };
    this.enclaveData = {
      covers: (p) => this.municipalityIndex.find(p) !== null || this.nearestWithinSlack(p) !== null,
      holeAt: (p) => holes.holeAt(p),
      nearest: (p) => asPlace(knownPlaces.nearest(p)),
      nearestOutside: (p) => asPlace(outsideIndex.nearest(p)),
    };
    const municipalityLabel = (ags: string) => this.placeSearch.municipalityLabel(ags) ?? this.municipalities.get(ags)?.name ?? ags;
    this.searchContext = {
      places: this.placeSearch,
      addresses: addresses
        ? new AddressSearch(addresses, (ags, districtId) => {
            const part = this.districts.get(districtId);
            const town = municipalityLabel(ags);
            return { label: part?.cityId ? `${town}-${part.name}` : town, population: this.municipalities.get(ags)?.population ?? 0 };
          })
        : null,
      outside: new OutsidePlaces(outsidePlaces),
      placeResult: (match, note) => this.placeResult(match, note),
      addressResult: (match, t) => this.addressResult(match, t),
      districtsOf: (id) => (this.districts.has(id) ? 1 : this.cities.parts(id).length),
      municipalityLabel,
    };

    this.inspectionOutlines = rows.inspections.map((row) => ({
      id: row.id,
      name: row.name,
      geometry: roundCoordinates(simplifyGeometry(parseAreaGeometry(JSON.parse(row.geometry)), 1500), 3),
    }));
    this.overviewDistricts = districtAreas.map(({ key, value, geometry }) => ({
      id: key,
      name: value.name,
      geometry: value.cityId
        ? roundCoordinates(simplifyGeometry(geometry, OVERVIEW_PART_SIMPLIFY_METERS), 4)
        : roundCoordinates(simplifyGeometry(geometry, OVERVIEW_SIMPLIFY_METERS), 3),
    }));
    this.localityPoints = localities
      .filter((locality) => locality.kind === 'ortsteil')
      .map((locality) => ({ name: locality.name, ...locality.point, population: 0, kind: 'ortsteil' as const }));
    this.overviewFrame = MapFrame.fit(unionBbox(districtAreas.map((area) => area.geometry)), OVERVIEW_MAP_WIDTH, 8);
  }

  /** Point → municipality → district → inspection and directorate, with neighbours near the boundary. */
  locate(point: LatLon): LocateResult {
    const hit = this.municipalityIndex.find(point) ?? this.nearestWithinSlack(point);
    if (!hit) {
      return { kind: 'outside', point, enclave: enclaveAt(point, this.enclaveData) };
    }
    const municipality = hit.value;
    // A city divided into districts: the part of the point (domain/geo/city-parts.ts).
    const district = this.cities.partAt(municipality.ags, point) ?? this.districts.get(municipality.districtId)!;
    const inspection = this.inspections.get(district.inspectionId)!;
    const nearBoundary = this.districtIndex
      .near(point, BOUNDARY_TOLERANCE_METERS, district.id)
      .map((neighbour) => ({ ...summary(neighbour.value), distanceMeters: Math.round(neighbour.distanceMeters) }));
    return {
      kind: 'inside',
      point,
      municipality,
      district: summary(district),
      inspection,
      directorate: this.directorates.get(inspection.directorateId)!,
      nearBoundary,
    };
  }

  /**
   * Addresses, streets and places matching what a citizen typed, places outside Niedersachsen it
   * names, and what to do with them (services/search.ts). Notes are in the language of `t` (the
   * API's German by default).
   */
  search(query: string, limit: number, t: Translate = german): SearchAnswer {
    return searchPortal(this.searchContext, query, limit, t);
  }

  /**
   * The districts a municipality is divided into: its one district (a Samt- or Einheitsgemeinde,
   * or the part of one), or for a city divided into districts (Hannover) all its parts: the
   * search then asks which part of town is meant.
   */
  districtsOfMunicipality(ags: string): DistrictSummary[] {
    const city = this.cities.ofMunicipality(ags);
    if (city) return this.cities.parts(city.id).map(summary);
    const municipality = this.municipalities.get(ags);
    const district = municipality && this.districts.get(municipality.districtId);
    return district ? [summary(district)] : [];
  }

  /** A city divided into districts as a search result names it. */
  private citySummary(city: CityRecord | null): CitySummary | null {
    return city && { id: city.id, name: city.name, districts: this.cities.parts(city.id).length };
  }

  /** A result's district, or (where it names none of a divided city's parts) null, and its city. */
  private placeOf(districtId: string, ags: string | null): Pick<SearchResult, 'district' | 'city'> {
    const district = this.districts.get(districtId);
    const city = this.cities.city(district?.cityId ?? districtId) ?? (ags === null ? null : this.cities.ofMunicipality(ags));
    return { district: district ? summary(district) : null, city: this.citySummary(city) };
  }

  /**
   * The municipality `ags` (its display name) when all of it is the district `districtId`, else
   * null: the district page then may say "Für ganz {Ort} ist zuständig".
   */
  townWholly(ags: string | null, districtId: string): { ags: string; name: string } | null {
    const districts = ags === null ? [] : this.districtsOfMunicipality(ags);
    if (districts.length !== 1 || districts[0]!.id !== districtId) return null;
    return { ags: ags!, name: this.placeSearch.municipalityLabel(ags!) ?? this.municipalities.get(ags!)!.name };
  }

  /**
   * The police of Niedersachsen's neighbours (the Netherlands' is not in the data: added by the
   * pages), for a point outside the state that the data cannot place.
   */
  neighbouringPolice(): StatePolice[] {
    const rank = (p: StatePolice) => (NEIGHBOUR_STATE_CODES as readonly string[]).indexOf(p.stateCode);
    return this.statePolice.filter((p) => rank(p) >= 0).sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }

  private placeResult(match: PlaceMatch, note: string | null): SearchResult {
    const municipality = match.ags ? this.municipalities.get(match.ags) : undefined;
    return {
      ...match,
      municipality: municipality ? { ags: municipality.ags, name: municipality.name } : null,
      ...this.placeOf(match.districtId, match.ags),
      approximate: note !== null,
      note,
      street: null,
      houseNumber: null,
      nearBoundary: [],
      streetUnknown: false,
      // An Ortsteil's GeoNames point may miss its town by a little: marked only where it is in.
      pointOnMap: match.type === 'locality' && note === null && this.districtAt(match.point) === match.districtId,
    };
  }

  private districtAt(point: LatLon): string | null {
    const result = this.locate(point);
    return result.kind === 'inside' ? result.district.id : null;
  }

  private addressResult(match: AddressMatch, t: Translate): SearchResult {
    const municipality = this.municipalities.get(match.ags);
    const nearBoundary = this.districtIndex
      .near(match.point, BOUNDARY_TOLERANCE_METERS, match.districtId)
      .map((neighbour) => summary(neighbour.value));
    const boundaryNote =
      nearBoundary.length > 0 ? t('search.note.nearBoundary', { districts: nearBoundary.map((d) => d.name).join(', ') }) : null;
    return {
      ...match,
      place: '',
      municipality: municipality ? { ags: municipality.ags, name: municipality.name } : null,
      ...this.placeOf(match.districtId, match.ags),
      note: [match.note, boundaryNote].filter(Boolean).join(' ') || null,
      nearBoundary,
      streetUnknown: false,
      pointOnMap: match.located,
    };
  }

  /** A district's view; built once per district and snapshot (the snapshot never changes), then shared. */
  districtView(id: string): DistrictView | null {
    const cached = this.districtViews.get(id);
    if (cached) return cached;
    const view = this.buildDistrictView(id);
    if (view) this.districtViews.set(id, view);
    return view;
  }

  private readonly districtViews = new Map<string, DistrictView>();

  private buildDistrictView(id: string): DistrictView | null {
    const district = this.districts.get(id);
    if (!district) return null;
    const kreis = this.kreise.get(district.kreisAgs)!;
    const inspection = this.inspections.get(district.inspectionId)!;
    const station = district.stationId ? (this.stations.get(district.stationId) ?? null) : null;
    const cards = (this.assignmentsByDistrict.get(id) ?? []).map(({ officerId, role }) =>
      this.officerCard(officerId, role),
    );
    const byName = (a: OfficerCard, b: OfficerCard) => a.name.localeCompare(b.name, 'de');
    const digitalOfficers = cards.filter((card) => card.role === 'digital').sort(byName);
    const kobbOfficers = cards.filter((card) => card.role === 'kobb').sort(byName);
    const updatedAt = [station?.updatedAt ?? '', ...cards.map((card) => card.updatedAt)].sort().at(-1) ?? '';
    const city = district.cityId === null ? null : this.cities.city(district.cityId);
    return {
      district,
      kreis,
      // A city's part holds no municipality: it is a part of one (`city`).
      municipalities: [...(this.municipalitiesByDistrict.get(id) ?? [])].sort((a, b) => b.population - a.population),
      city: city && {
        id: city.id,
        name: city.name,
        boroughType: city.boroughType,
        borough: district.boroughId === null ? null : (this.cities.borough(district.boroughId)?.name ?? null),
      },
      inspection,
      directorate: this.directorates.get(inspection.directorateId)!,
      station,
      digitalOfficers,
      kobbOfficers,
      inspectionAccounts: this.accountsByHolder.get(`inspection:${inspection.id}`) ?? [],
      responsibilityVerified: inspection.responsibilityVerified && kreis.responsibilityVerified,
      updatedAt: updatedAt || this.info.builtAt,
    };
  }

  officerView(id: string): OfficerView | null {
    const assignments = this.assignmentsByOfficer.get(id);
    if (!this.officers.has(id) || !assignments) return null;
    const roles = (['digital', 'kobb'] as const)
      .map((role) => ({
        role,
        districts: assignments
          .filter((assignment) => assignment.role === role)
          .map((assignment) => summary(this.districts.get(assignment.districtId)!))
          .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      }))
      .filter((entry) => entry.districts.length > 0);
    const inspectionIds = new Set(assignments.map((a) => this.districts.get(a.districtId)!.inspectionId));
    return {
      officer: this.officerCard(id, roles[0]!.role),
      roles,
      inspections: [...inspectionIds].map((inspectionId) => this.inspections.get(inspectionId)!),
    };
  }

  /** Every inspection with its digital officers, for the overview on the home page (made once per snapshot). */
  inspectionOverview(): InspectionOverview[] {
    return (this.inspectionOverviews ??= this.buildInspectionOverview());
  }

  private inspectionOverviews: InspectionOverview[] | undefined;

  private buildInspectionOverview(): InspectionOverview[] {
    return [...this.inspections.values()].map((inspection) => {
      const districtIds = [...this.districts.values()]
        .filter((district) => district.inspectionId === inspection.id)
        .map((district) => district.id);
      const digitalIds = new Set(
        districtIds.flatMap((districtId) =>
          (this.assignmentsByDistrict.get(districtId) ?? [])
            .filter((assignment) => assignment.role === 'digital')
            .map((assignment) => assignment.officerId),
        ),
      );
      return {
        inspection,
        directorate: this.directorates.get(inspection.directorateId)!,
        digitalOfficers: [...digitalIds].map((officerId) => this.officerCard(officerId, 'digital')),
        districtCount: districtIds.length,
      };
    });
  }

  /** A station's area: the districts with `stationId` = the station, and their officers. */
  stationAreaView(id: string): StationAreaView | null {
    const station = this.stations.get(id);
    if (!station) return null;
    const districts = [...this.districts.values()]
      .filter((district) => district.stationId === id)
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    if (districts.length === 0) return null;
    const inspection = this.inspections.get(station.inspectionId) ?? this.inspections.get(districts[0]!.inspectionId)!;
    const officersFor = (role: OfficerRole) => {
      const ids = new Set(
        districts.flatMap((district) =>
          (this.assignmentsByDistrict.get(district.id) ?? [])
            .filter((assignment) => assignment.role === role)
            .map((assignment) => assignment.officerId),
        ),
      );
      return [...ids].map((officerId) => this.officerCard(officerId, role)).sort(byOfficerName);
    };
    const digitalOfficers = officersFor('digital');
    const kobbOfficers = officersFor('kobb');
    const updatedAt =
      [station.updatedAt, ...digitalOfficers.map((o) => o.updatedAt), ...kobbOfficers.map((o) => o.updatedAt)]
        .sort()
        .at(-1) ?? this.info.builtAt;
    return {
      station,
      inspection,
      directorate: this.directorates.get(inspection.directorateId)!,
      districts: districts.map(summary),
      digitalOfficers,
      kobbOfficers,
      inspectionAccounts: this.accountsByHolder.get(`inspection:${inspection.id}`) ?? [],
      updatedAt,
    };
  }

  /** One inspection with its digital officers and its own accounts. */
  inspectionView(id: string): InspectionView | null {
    const inspection = this.inspections.get(id);
    if (!inspection) return null;
    const overview = this.inspectionOverview().find((entry) => entry.inspection.id === id)!;
    return {
      ...overview,
      digitalOfficers: [...overview.digitalOfficers].sort(byOfficerName),
      inspectionAccounts: this.accountsByHolder.get(`inspection:${inspection.id}`) ?? [],
    };
  }

  /** The ids of an inspection's districts (for its map). */
  inspectionDistrictIds(id: string): string[] {
    return [...this.districts.values()].filter((district) => district.inspectionId === id).map((d) => d.id);
  }

  /** Districts, stations with an area and inspections, sorted, for the widget builder's choices. */
  widgetChoices(): { districts: ChoiceEntry[]; stations: ChoiceEntry[]; inspections: ChoiceEntry[] } {
    const stationIds = new Set([...this.districts.values()].flatMap((district) => district.stationId ?? []));
    const byGroupThenName = (a: ChoiceEntry, b: ChoiceEntry) =>
      a.group.localeCompare(b.group, 'de') || a.name.localeCompare(b.name, 'de');
    // A city's parts form a group of their own ("Hannover"), led by the whole city (its overview).
    const groupOf = (district: District) => (district.cityId ? (this.cities.city(district.cityId)?.name ?? '') : (this.kreise.get(district.kreisAgs)?.name ?? ''));
    return {
      districts: [
        ...this.cities.list().map((city) => ({ id: city.id, name: city.name, group: city.name, whole: true })),
        ...[...this.districts.values()].map((district) => ({ id: district.id, name: district.name, group: groupOf(district), whole: false })),
      ]
        .sort((a, b) => a.group.localeCompare(b.group, 'de') || Number(b.whole) - Number(a.whole) || a.name.localeCompare(b.name, 'de'))
        .map(({ whole: _whole, ...entry }) => entry),
      stations: [...stationIds]
        .flatMap((id) => this.stations.get(id) ?? [])
        .map((station) => ({ id: station.id, name: station.name, group: this.inspections.get(station.inspectionId)?.name ?? '' }))
        .sort(byGroupThenName),
      inspections: [...this.inspections.values()]
        .map((inspection) => ({
          id: inspection.id,
          name: inspection.name,
          group: this.directorates.get(inspection.directorateId)?.name ?? '',
        }))
        .sort(byGroupThenName),
    };
  }

  // Whole lists for the open-data API, the downloads and the account registry, sorted by id so
  // that pages of the API and rows of the files keep their order from one snapshot to the next.
  /** Every district, by id. */
  listDistricts(): District[] {
    return [...this.districts.values()].sort(byId);
  }

  /** Every officer, by id. */
  listOfficers(): Officer[] {
    return [...this.officers.values()].sort(byId);
  }

  /** Every station, by id. */
  listStations(): Station[] {
    return [...this.stations.values()].sort(byId);
  }

  /** Every inspection, by id. */
  listInspections(): Polizeiinspektion[] {
    return [...this.inspections.values()].sort(byId);
  }

  /** Every directorate, by id. */
  listDirectorates(): Polizeidirektion[] {
    return [...this.directorates.values()].sort(byId);
  }

  /** Every official account (demo or real) with its holders, by id. */
  listAccounts(): DemoAccountView[] {
    return [...this.demoAccounts.values()].sort((a, b) => byId(a.account, b.account));
  }

  kreis(ags: string): Kreis | null {
    return this.kreise.get(ags) ?? null;
  }

  station(id: string): Station | null {
    return this.stations.get(id) ?? null;
  }

  /** A district's outline as stored in the snapshot (the source outline, not simplified further). */
  districtOutline(id: string): AreaGeometry | null {
    return this.districtGeometry.get(id) ?? null;
  }

  demoAccount(id: string): DemoAccountView | null {
    const view = this.demoAccounts.get(id);
    return view?.account.isDemo ? view : null;
  }

  /**
   * Districts as simplified GeoJSON for the interactive overview map, and (as the foreign member
   * `places`, compact rows [name, lon, lat, population, kind]) the places it names by zoom.
   */
  overviewGeoJson(): GeoJSON.FeatureCollection & { places: OverviewPlaceRow[] } {
    return {
      type: 'FeatureCollection',
      features: [
        ...this.overviewDistricts.map(({ id, name, geometry }) => feature(geometry, { kind: 'district', id, name })),
        ...this.inspectionOutlines.map(({ id, name, geometry }) => feature(geometry, { kind: 'inspection', id, name })),
      ],
      places: this.overviewLabelPoints()
        .filter((place) => place.kind !== 'municipality' || place.population >= OVERVIEW_LABEL_MIN_POPULATION)
        .map(placeRow),
    };
  }

  /**
   * The places the overview map names (by zoom: labelMinZoom): the inhabited municipalities, the
   * Ortsteile of the search's gazetteer (once zoomed in) and the parts of divided cities (from
   * CITY_PART_ZOOM on).
   */
  overviewLabelPoints(): LabelledPoint[] {
    return [
      ...[...this.municipalities.values()]
        .filter((municipality) => municipality.population > 0)
        .map((municipality) => ({
          name: municipality.name,
          lat: municipality.centre.lat,
          lon: municipality.centre.lon,
          population: municipality.population,
          kind: 'municipality' as const,
        })),
      ...this.localityPoints,
      ...this.cities.list().flatMap((city) => this.cityPartPoints(city.id)),
    ];
  }

  /** A city's parts as places to name (at their label points). */
  private cityPartPoints(cityId: string): LabelledPoint[] {
    return this.cities.parts(cityId).map((part) => ({ name: part.name, ...part.centre, population: 0, kind: 'stadtteil' as const }));
  }

  /**
   * A district's outline and its neighbours' outlines, for the district map; for a city divided
   * into districts, its parts (with the places to name them at, as the overview's `places`) and
   * the districts around it.
   */
  districtGeoJson(id: string): (GeoJSON.FeatureCollection & { places?: OverviewPlaceRow[] }) | null {
    const cityOutline = this.cities.outline(id);
    if (cityOutline) {
      const parts = this.cities.parts(id);
      return {
        type: 'FeatureCollection',
        features: [
          ...parts.map((part) =>
            feature(roundCoordinates(simplifyGeometry(this.districtGeometry.get(part.id)!, CITY_MAP_SIMPLIFY_METERS), 5), {
              kind: 'district',
              id: part.id,
              name: part.name,
            }),
          ),
          ...this.districtsTouching(bboxOf(cityOutline))
            .filter((other) => other.cityId !== id)
            .map((other) =>
              feature(roundCoordinates(simplifyGeometry(this.districtGeometry.get(other.id)!, 150), 5), { kind: 'neighbour', id: other.id, name: other.name }),
            ),
        ],
        places: this.cityPartPoints(id).map(placeRow),
      };
    }
    const geometry = this.districtGeometry.get(id);
    if (!geometry) return null;
    const neighbours = this.districtsTouching(this.districtBoxes.get(id)!).filter((other) => other.id !== id);
    return {
      type: 'FeatureCollection',
      features: [
        feature(roundCoordinates(geometry, 5), { kind: 'district', id, name: this.districts.get(id)!.name }),
        ...neighbours.map((other) =>
          feature(roundCoordinates(simplifyGeometry(this.districtGeometry.get(other.id)!, 150), 5), {
            kind: 'neighbour',
            id: other.id,
            name: other.name,
          }),
        ),
      ],
    };
  }

  /** The outlines of every district an officer covers. */
  officerGeoJson(id: string): GeoJSON.FeatureCollection | null {
    const assignments = this.assignmentsByOfficer.get(id);
    if (!assignments) return null;
    const districtIds = [...new Set(assignments.map((assignment) => assignment.districtId))];
    return {
      type: 'FeatureCollection',
      features: districtIds.map((districtId) =>
        feature(roundCoordinates(simplifyGeometry(this.districtGeometry.get(districtId)!, 150), 5), {
          kind: 'district',
          id: districtId,
          name: this.districts.get(districtId)!.name,
        }),
      ),
    };
  }

  /** The overview map's projection: shared by the SVG drawing and the no-JavaScript click. */
  get overviewMapFrame(): MapFrame {
    return this.overviewFrame;
  }

  /** The overview map's SVG paths and town names (drawn once per snapshot). */
  overviewOutlines(): {
    districts: Array<{ id: string; name: string; path: string }>;
    inspections: string[];
    /** The largest towns, named on the whole-state map (what the interactive map names at zoom 7). */
    places: Array<{ name: string; x: number; y: number }>;
  } {
    return (this.drawnOverview ??= {
      districts: this.overviewDistricts.map(({ id, name, geometry }) => ({
        id,
        name,
        path: this.overviewFrame.pathFor(geometry, 0),
      })),
      inspections: this.inspectionOutlines.map(({ geometry }) => this.overviewFrame.pathFor(geometry, 0)),
      places: this.overviewLabelPoints()
        .filter((place) => labelMinZoom(place) <= OVERVIEW_SVG_ZOOM)
        .map((place) => ({ name: place.name, ...this.overviewFrame.project(place) })),
    });
  }

  private drawnOverview: ReturnType<Portal['overviewOutlines']> | undefined;

  /**
   * A map drawn on the server: the focus districts filled, their neighbours outlined, labels for
   * the places of a single district (or the districts of several), and the searched point.
   */
  mapOutlines(focusIds: string[], widthPx: number, point?: LatLon): MapOutlines | null {
    const focus = focusIds.flatMap((id) => this.districts.get(id) ?? []);
    if (focus.length === 0) return null;
    // The drawing depends only on the districts and the width: made once per snapshot, the
    // searched point added per request.
    const key = `${widthPx}:${focus.map((district) => district.id).join(',')}`;
    let drawn = this.drawnMaps.get(key);
    if (!drawn) this.drawnMaps.set(key, (drawn = this.drawMap(focus, widthPx)));
    return { ...drawn.outlines, point: point ? drawn.frame.project(point) : null };
  }

  /** Maps drawn so far, by width and focus districts (few: the pages draw the data's own groups). */
  private readonly drawnMaps = new Map<string, { outlines: MapOutlines; frame: MapFrame }>();

  private drawMap(focus: District[], widthPx: number): { outlines: MapOutlines; frame: MapFrame } {
    const box = unionBoxes(focus.map((district) => this.districtBoxes.get(district.id)!));
    const frame = MapFrame.fit(box, widthPx, 16);
    const focusIdSet = new Set(focus.map((district) => district.id));
    const labelled =
      focus.length === 1 ? (this.municipalitiesByDistrict.get(focus[0]!.id) ?? []) : focus;
    const placeNames = new Set(labelled.map((place) => place.name));
    // Neighbours are named on the part that shows; a single focus district too, unless a place of
    // the same name (Celle in Celle) already names it.
    const areaOf = (district: District, named: boolean): MapArea => {
      const geometry = this.districtGeometry.get(district.id)!;
      const at = named ? labelPoint(geometry, box) : null;
      return { id: district.id, name: district.name, path: frame.pathFor(geometry), label: at ? frame.project(at) : null };
    };
    // Several districts (a city's parts, an officer's area) are named at their centres, as many as fit.
    const named = chooseLabels(
      labelled.map((place) => ({ name: place.name, ...place.centre, population: 'population' in place ? (place.population ?? 0) : 0, kind: 'municipality' as const })),
      Infinity,
      (place) => {
        const at = frame.project(place);
        const width = place.name.length * SVG_CHARACTER_PX + 8;
        return { x: at.x - 2, y: at.y - SVG_LABEL_HEIGHT_PX / 2, width, height: SVG_LABEL_HEIGHT_PX };
      },
    );
    const outlines = {
      width: frame.width,
      height: frame.height,
      focus: focus.map((district) => areaOf(district, focus.length === 1 && !placeNames.has(district.name))),
      neighbours: this.districtsTouching(box)
        .filter((other) => !focusIdSet.has(other.id))
        .map((other) => areaOf(other, true)),
      labels: named.map((place) => ({ name: place.name, ...frame.project(place) })),
      point: null,
    };
    return { outlines, frame };
  }

  private districtsTouching([minLon, minLat, maxLon, maxLat]: BBox): District[] {
    return [...this.districts.values()].filter((district) => {
      const [a, b, c, d] = this.districtBoxes.get(district.id)!;
      return a <= maxLon && c >= minLon && b <= maxLat && d >= minLat;
    });
  }

  private nearestWithinSlack(point: LatLon) {
    return this.municipalityIndex.near(point, OUTLINE_SLACK_METERS, null)[0] ?? null;
  }

  private officerCard(id: string, role: OfficerRole): OfficerCard {
    const officer = this.officers.get(id)!;
    return {
      ...officer,
      role,
      initials: initialsOf(officer.name),
      station: this.stations.get(officer.stationId) ?? null,
      accounts: this.accountsByHolder.get(`officer:${id}`) ?? [],
    };
  }

  private holderName(type: string, id: string): string {
    switch (type) {
      case 'officer':
        return this.officers.get(id)?.name ?? id;
      case 'station':
        return this.stations.get(id)?.name ?? id;
      case 'inspection':
        return this.inspections.get(id)?.name ?? id;
      default:
        return this.directorates.get(id)?.name ?? id;
    }
  }
}

function byOfficerName(a: OfficerCard, b: OfficerCard): number {
  return a.name.localeCompare(b.name, 'de');
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function placeRow(place: LabelledPoint): OverviewPlaceRow {
  return [place.name, round(place.lon, 4), round(place.lat, 4), place.population, place.kind];
}

function round(value: number, decimals = 3): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function summary(district: District): DistrictSummary {
  return { id: district.id, name: district.name, type: district.type };
}

function initialsOf(name: string): string {
  const words = name.split(/\s+/).filter(Boolean);
  return ((words[0]?.[0] ?? '') + (words.length > 1 ? (words.at(-1)?.[0] ?? '') : '')).toUpperCase();
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function feature(geometry: AreaGeometry, properties: Record<string, string>): GeoJSON.Feature {
  return { type: 'Feature', geometry, properties };
}

function unionBbox(geometries: AreaGeometry[]): BBox {
  return unionBoxes(geometries.map(bboxOf));
}

function unionBoxes(boxes: BBox[]): BBox {
  return [
    Math.min(...boxes.map((b) => b[0])),
    Math.min(...boxes.map((b) => b[1])),
    Math.max(...boxes.map((b) => b[2])),
    Math.max(...boxes.map((b) => b[3])),
  ];
}
