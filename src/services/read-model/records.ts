/**
 * One snapshot's records in memory: every table as a map by its id, and the look-ups between
 * them (a district's municipalities and officers, an officer's districts, a holder's accounts).
 * Built once per snapshot; the other parts of the read model (read-model/*.ts) read from it.
 */
import type {
  Account,
  DataSource,
  District,
  Kreis,
  LatLon,
  Locality,
  Municipality,
  Officer,
  OfficerRole,
  Platform,
  Polizeidirektion,
  Polizeiinspektion,
  Station,
  StatePolice,
} from '../../domain/model';
import { bboxOf, parseAreaGeometry, type AreaEntry, type AreaGeometry, type BBox } from '../../domain/geo';
import type { SnapshotRows } from '../../db/queries';
import { Cities } from '../cities';
import type { DistrictSummary } from '../search';

/** What the footer and the caches need to know of the snapshot. */
export interface SnapshotInfo {
  /** True when the snapshot holds synthetic (benchmark) addresses: the footer says so. */
  synthetic: boolean;
  dataVersion: string;
  builtAt: string;
  sources: DataSource[];
}

export interface AccountView extends Account {
  /** Other holders of a joint account, by name. */
  jointWith: string[];
}

/** Who holds an account: an officer, a station, an inspection or a directorate. */
export interface AccountHolderRef {
  type: string;
  id: string;
  name: string;
}

/** An official account (demo or real) with all its holders, as the account check and the downloads list it. */
export interface AccountWithHolders {
  account: AccountView;
  holders: AccountHolderRef[];
}

export interface OfficerCard extends Officer {
  role: OfficerRole;
  initials: string;
  station: Station | null;
  accounts: AccountView[];
}

/** A place outside Niedersachsen (GeoNames) with the police responsible there. */
export interface OutsidePlaceRecord {
  name: string;
  postcode: string;
  police: StatePolice;
  point: LatLon;
}

export class SnapshotRecords {
  readonly info: SnapshotInfo;
  readonly directorates = new Map<string, Polizeidirektion>();
  readonly inspections = new Map<string, Polizeiinspektion>();
  readonly kreise = new Map<string, Kreis>();
  readonly stations = new Map<string, Station>();
  readonly districts = new Map<string, District>();
  readonly districtGeometry = new Map<string, AreaGeometry>();
  readonly districtBoxes = new Map<string, BBox>();
  /** Every district with its outline, in the snapshot's order (the spatial indexes are built from it). */
  readonly districtAreas: Array<AreaEntry<District>> = [];
  readonly municipalities = new Map<string, Municipality>();
  readonly municipalityAreas: Array<AreaEntry<Municipality>> = [];
  readonly municipalitiesByDistrict = new Map<string, Municipality[]>();
  /** Cities divided into districts, their parts and the look-up of a point's part. */
  readonly cities: Cities;
  readonly officers = new Map<string, Officer>();
  readonly assignmentsByDistrict = new Map<string, Array<{ officerId: string; role: OfficerRole }>>();
  readonly assignmentsByOfficer = new Map<string, Array<{ districtId: string; role: OfficerRole }>>();
  /** Accounts by `type:id` of their holder, each naming the other holders of a joint account. */
  readonly accountsByHolder = new Map<string, AccountView[]>();
  /** Every account (demo or real) by its id, with its holders. */
  readonly accounts = new Map<string, AccountWithHolders>();
  /** The Ortsteile and other place names (GeoNames) with their points. */
  readonly localities: Array<Locality & { point: LatLon }>;
  readonly postcodeAreas: SnapshotRows['postcodeAreas'];
  readonly statePolice: StatePolice[];
  readonly outsidePlaces: OutsidePlaceRecord[];

  constructor(rows: SnapshotRows) {
    this.info = {
      synthetic: rows.meta.has('synthetic_addresses'),
      dataVersion: rows.meta.get('data_version') ?? 'unbekannt',
      builtAt: rows.meta.get('built_at') ?? '',
      sources: rows.dataSources.map(({ sortOrder: _order, ...source }) => source),
    };
    for (const row of rows.directorates) this.directorates.set(row.id, { id: row.id, name: row.name });
    for (const { geometry: _geometry, ...row } of rows.inspections) this.inspections.set(row.id, row);
    for (const row of rows.kreise) this.kreise.set(row.ags, row);
    for (const row of rows.stations) this.stations.set(row.id, row);

    for (const { geometry, centreLat, centreLon, ...row } of rows.districts) {
      const district: District = { ...row, centre: { lat: centreLat, lon: centreLon } };
      const area = parseAreaGeometry(JSON.parse(geometry));
      this.districts.set(district.id, district);
      this.districtGeometry.set(district.id, area);
      this.districtBoxes.set(district.id, bboxOf(area));
      this.districtAreas.push({ key: district.id, value: district, geometry: area });
    }
    this.cities = new Cities(
      rows,
      this.districtAreas.map(({ value, geometry }) => ({ district: value, geometry })),
    );

    for (const { geometry, centreLat, centreLon, ...row } of rows.municipalities) {
      const municipality: Municipality = { ...row, centre: { lat: centreLat, lon: centreLon } };
      this.municipalities.set(municipality.ags, municipality);
      pushTo(this.municipalitiesByDistrict, municipality.districtId, municipality);
      this.municipalityAreas.push({ key: municipality.ags, value: municipality, geometry: parseAreaGeometry(JSON.parse(geometry)) });
    }

    for (const row of rows.officers) this.officers.set(row.id, row);
    for (const row of rows.assignments) {
      pushTo(this.assignmentsByDistrict, row.districtId, { officerId: row.officerId, role: row.role });
      pushTo(this.assignmentsByOfficer, row.officerId, { districtId: row.districtId, role: row.role });
    }

    const holdersByAccount = new Map<string, AccountHolderRef[]>();
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
      this.accounts.set(row.id, { account: { ...row, platform: row.platform as Platform, jointWith: [] }, holders });
    }

    this.postcodeAreas = rows.postcodeAreas;
    this.localities = rows.localities.map(({ lat, lon, sourceNames, postcodes, ...row }) => ({
      ...row,
      sourceNames: sourceNames.split(' | '),
      postcodes: postcodes === '' ? [] : postcodes.split(' '),
      point: { lat, lon },
    }));
    this.statePolice = rows.statePolice.map(({ id, state, stateCode, name, url, note }) => ({ id, state, stateCode, name, url, note }));
    const policeById = new Map(this.statePolice.map((police) => [police.id, police]));
    this.outsidePlaces = rows.outsidePlaces.flatMap(({ name, postcode, policeId, lat, lon }) => {
      const police = policeById.get(policeId);
      return police ? [{ name, postcode, police, point: { lat, lon } }] : [];
    });
  }

  /** An officer as the pages show them in `role`: with initials, station and accounts. */
  officerCard(id: string, role: OfficerRole): OfficerCard {
    const officer = this.officers.get(id)!;
    return {
      ...officer,
      role,
      initials: initialsOf(officer.name),
      station: this.stations.get(officer.stationId) ?? null,
      accounts: this.accountsByHolder.get(`officer:${id}`) ?? [],
    };
  }

  /** The inspection's own accounts: the honest fallback where no digital officer is assigned. */
  inspectionAccounts(inspectionId: string): AccountView[] {
    return this.accountsByHolder.get(`inspection:${inspectionId}`) ?? [];
  }

  /** The ids of the officers assigned in `role` to any of the districts, each once. */
  officerIdsOf(districtIds: Iterable<string>, role: OfficerRole): Set<string> {
    const ids = new Set<string>();
    for (const districtId of districtIds) {
      for (const assignment of this.assignmentsByDistrict.get(districtId) ?? []) {
        if (assignment.role === role) ids.add(assignment.officerId);
      }
    }
    return ids;
  }

  /** The districts whose bounding boxes meet `box`. */
  districtsTouching([minLon, minLat, maxLon, maxLat]: BBox): District[] {
    return [...this.districts.values()].filter((district) => {
      const [west, south, east, north] = this.districtBoxes.get(district.id)!;
      return west <= maxLon && east >= minLon && south <= maxLat && north >= minLat;
    });
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

/** A district as results and lists name it. */
export function summary(district: District): DistrictSummary {
  return { id: district.id, name: district.name, type: district.type };
}

export function byOfficerName(a: OfficerCard, b: OfficerCard): number {
  return a.name.localeCompare(b.name, 'de');
}

/** By id in code-unit order: the API's pages and the downloads' rows keep their order between snapshots. */
export function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
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
