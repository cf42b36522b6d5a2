/**
 * The portal's read model: one loaded snapshot with its in-memory indexes, and what pages and
 * endpoints ask of it. Built once per snapshot. This class only puts the parts together; each
 * concern is a file of read-model/: the records and their look-ups (records.ts), locate
 * (locate.ts), the search's view of the snapshot (search-context.ts), the views of districts,
 * officers, stations and inspections (views.ts), the widget builder's lists (widget-choices.ts),
 * the interactive maps' GeoJSON (geojson.ts) and the server-drawn maps (svg-maps.ts).
 */
import type { District, Kreis, LatLon, Officer, Polizeidirektion, Polizeiinspektion, Station, StatePolice } from '../domain/model';
import { parseAreaGeometry, type AreaGeometry, type LabelledPoint, type MapFrame } from '../domain/geo';
import type { SnapshotRows } from '../db/queries';
import type { Notice } from '../domain/notices';
import type { AddressStore } from '../db/address-store';
import { t as german, type Translate } from '../i18n';
import type { Cities } from './cities';
import type { DistrictSummary, SearchAnswer } from './search';
import { GeoJsonMaps, type OverviewPlaceRow } from './read-model/geojson';
import { PointLocator, type LocateResult } from './read-model/locate';
import { byId, SnapshotRecords, type AccountWithHolders, type SnapshotInfo } from './read-model/records';
import { SnapshotSearch } from './read-model/search-context';
import { SvgMaps, type MapOutlines, type OverviewOutlines } from './read-model/svg-maps';
import {
  Views,
  type DistrictView,
  type InspectionOverview,
  type InspectionView,
  type OfficerView,
  type StationAreaView,
} from './read-model/views';
import { widgetChoices, type WidgetChoices } from './read-model/widget-choices';

export type { CitySummary, DistrictSummary, OutsideArea, SearchAnswer, SearchResult, SearchResultType } from './search';
export type { AccountView, AccountWithHolders, OfficerCard, SnapshotInfo } from './read-model/records';
export { BOUNDARY_TOLERANCE_METERS, type LocateResult, type NeighbourDistrict } from './read-model/locate';
export type { DistrictView, InspectionOverview, InspectionView, OfficerView, StationAreaView } from './read-model/views';
export type { ChoiceEntry } from './read-model/widget-choices';
export type { OverviewPlaceRow } from './read-model/geojson';
export type { MapArea, MapOutlines } from './read-model/svg-maps';

export class Portal {
  readonly info: SnapshotInfo;
  /** Cities divided into districts, their parts and the look-up of a point's part. */
  readonly cities: Cities;
  /** Every notice of the snapshot, by id; which apply on a day is asked per request (services/notices.ts). */
  readonly notices: readonly Notice[];
  readonly #records: SnapshotRecords;
  readonly #locator: PointLocator;
  readonly #search: SnapshotSearch;
  readonly #views: Views;
  readonly #geoJson: GeoJsonMaps;
  readonly #svg: SvgMaps;

  /** `addresses`: the open snapshot's streets and addresses (they stay on disk); null: places only. */
  constructor(rows: SnapshotRows, addresses: AddressStore | null = null) {
    const records = new SnapshotRecords(rows);
    this.#records = records;
    this.info = records.info;
    this.cities = records.cities;
    this.notices = rows.notices.map((row) => ({ ...row, scope: row.scope as Notice['scope'] }));
    this.#locator = new PointLocator(records, rows.directorates);
    this.#search = new SnapshotSearch(records, this.#locator, addresses);
    this.#views = new Views(records);
    const inspectionOutlines = rows.inspections.map((row) => ({
      id: row.id,
      name: row.name,
      geometry: parseAreaGeometry(JSON.parse(row.geometry)),
    }));
    this.#geoJson = new GeoJsonMaps(records, inspectionOutlines);
    this.#svg = new SvgMaps(records, this.#geoJson);
  }

  /** Point → municipality → district → inspection and directorate, with neighbours near the boundary. */
  locate(point: LatLon): LocateResult {
    return this.#locator.locate(point);
  }

  /**
   * Addresses, streets and places matching what a citizen typed, places outside Niedersachsen it
   * names, and what to do with them (services/search.ts). Notes are in the language of `t` (the
   * API's German by default).
   */
  search(query: string, limit: number, t: Translate = german): SearchAnswer {
    return this.#search.search(query, limit, t);
  }

  /** The search's place and address indexes, for tests that look inside a decision. */
  get searchIndexes(): SnapshotSearch['indexes'] {
    return this.#search.indexes;
  }

  /**
   * The districts a municipality is divided into: its one district (a Samt- or Einheitsgemeinde,
   * or the part of one), or for a city divided into districts (Hannover) all its parts: the
   * search then asks which part of town is meant.
   */
  districtsOfMunicipality(ags: string): DistrictSummary[] {
    return this.#search.districtsOfMunicipality(ags);
  }

  /**
   * The municipality `ags` (its display name) when all of it is the district `districtId`, else
   * null: the district page then may say "Für ganz {Ort} ist zuständig".
   */
  townWholly(ags: string | null, districtId: string): { ags: string; name: string } | null {
    return this.#search.townWholly(ags, districtId);
  }

  /**
   * The police of Niedersachsen's neighbours (the Netherlands' is not in the data: added by the
   * pages), for a point outside the state that the data cannot place.
   */
  neighbouringPolice(): StatePolice[] {
    return this.#search.neighbouringPolice();
  }

  /** A district's view; built once per district and snapshot (the snapshot never changes), then shared. */
  districtView(id: string): DistrictView | null {
    return this.#views.districtView(id);
  }

  officerView(id: string): OfficerView | null {
    return this.#views.officerView(id);
  }

  /** Every inspection with its digital officers, for the overview on the home page (made once per snapshot). */
  inspectionOverview(): InspectionOverview[] {
    return this.#views.inspectionOverview();
  }

  /** A station's area: the districts with `stationId` = the station, and their officers. */
  stationAreaView(id: string): StationAreaView | null {
    return this.#views.stationAreaView(id);
  }

  /** One inspection with its digital officers and its own accounts. */
  inspectionView(id: string): InspectionView | null {
    return this.#views.inspectionView(id);
  }

  /** The ids of an inspection's districts (for its map). */
  inspectionDistrictIds(id: string): string[] {
    return this.#views.inspectionDistrictIds(id);
  }

  /** Districts, stations with an area and inspections, sorted, for the widget builder's choices. */
  widgetChoices(): WidgetChoices {
    return widgetChoices(this.#records);
  }

  // Whole lists for the open-data API, the downloads and the account registry, sorted by id so
  // that pages of the API and rows of the files keep their order from one snapshot to the next.
  /** Every district, by id. */
  listDistricts(): District[] {
    return [...this.#records.districts.values()].sort(byId);
  }

  /** Every officer, by id. */
  listOfficers(): Officer[] {
    return [...this.#records.officers.values()].sort(byId);
  }

  /** Every station, by id. */
  listStations(): Station[] {
    return [...this.#records.stations.values()].sort(byId);
  }

  /** Every inspection, by id. */
  listInspections(): Polizeiinspektion[] {
    return [...this.#records.inspections.values()].sort(byId);
  }

  /** Every directorate, by id. */
  listDirectorates(): Polizeidirektion[] {
    return [...this.#records.directorates.values()].sort(byId);
  }

  /** Every official account (demo or real) with its holders, by id. */
  listAccounts(): AccountWithHolders[] {
    return [...this.#records.accounts.values()].sort((a, b) => byId(a.account, b.account));
  }

  kreis(ags: string): Kreis | null {
    return this.#records.kreise.get(ags) ?? null;
  }

  station(id: string): Station | null {
    return this.#records.stations.get(id) ?? null;
  }

  /** A district's outline as stored in the snapshot (the source outline, not simplified further). */
  districtOutline(id: string): AreaGeometry | null {
    return this.#records.districtGeometry.get(id) ?? null;
  }

  /** A demo account with its holders (the page a demo account's link leads to); null for a real one. */
  demoAccount(id: string): AccountWithHolders | null {
    const entry = this.#records.accounts.get(id);
    return entry?.account.isDemo ? entry : null;
  }

  /**
   * Districts as simplified GeoJSON for the interactive overview map, and (as the foreign member
   * `places`, compact rows [name, lon, lat, population, kind]) the places it names by zoom.
   */
  overviewGeoJson(): GeoJSON.FeatureCollection & { places: OverviewPlaceRow[] } {
    return this.#geoJson.overviewGeoJson();
  }

  /** The places the overview map names, by zoom (read-model/geojson.ts). */
  overviewLabelPoints(): LabelledPoint[] {
    return this.#geoJson.overviewLabelPoints();
  }

  /**
   * A district's outline and its neighbours' outlines, for the district map; for a city divided
   * into districts, its parts and the districts around it.
   */
  districtGeoJson(id: string): (GeoJSON.FeatureCollection & { places?: OverviewPlaceRow[] }) | null {
    return this.#geoJson.districtGeoJson(id);
  }

  /** The outlines of every district an officer covers. */
  officerGeoJson(id: string): GeoJSON.FeatureCollection | null {
    return this.#geoJson.officerGeoJson(id);
  }

  /** The overview map's projection: shared by the SVG drawing and the no-JavaScript click. */
  get overviewMapFrame(): MapFrame {
    return this.#svg.overviewFrame;
  }

  /** The overview map's SVG paths and town names (drawn once per snapshot). */
  overviewOutlines(): OverviewOutlines {
    return this.#svg.overviewOutlines();
  }

  /**
   * A map drawn on the server: the focus districts filled, their neighbours outlined, labels for
   * the places of a single district (or the districts of several), and the searched point.
   */
  mapOutlines(focusIds: string[], widthPx: number, point?: LatLon): MapOutlines | null {
    return this.#svg.mapOutlines(focusIds, widthPx, point);
  }
}
