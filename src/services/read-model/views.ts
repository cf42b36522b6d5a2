/**
 * The views pages, the widget and the JSON API are made from: one model of a district, an
 * officer, a station's area and an inspection, each built from the snapshot's records (and the
 * ones every request asks for built once per snapshot).
 */
import type { District, Kreis, Municipality, OfficerRole, Polizeidirektion, Polizeiinspektion, Station } from '../../domain/model';
import type { DistrictSummary } from '../search';
import { byOfficerName, summary, type AccountView, type OfficerCard, type SnapshotRecords } from './records';

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

export class Views {
  readonly #records: SnapshotRecords;
  /** Built once per district and snapshot (the snapshot never changes), then shared. */
  readonly #districtViews = new Map<string, DistrictView>();
  #inspectionOverviews: InspectionOverview[] | undefined;

  constructor(records: SnapshotRecords) {
    this.#records = records;
  }

  /** A district's view; built once per district and snapshot, then shared. */
  districtView(id: string): DistrictView | null {
    const cached = this.#districtViews.get(id);
    if (cached) return cached;
    const view = this.buildDistrictView(id);
    if (view) this.#districtViews.set(id, view);
    return view;
  }

  private buildDistrictView(id: string): DistrictView | null {
    const records = this.#records;
    const district = records.districts.get(id);
    if (!district) return null;
    const kreis = records.kreise.get(district.kreisAgs)!;
    const inspection = records.inspections.get(district.inspectionId)!;
    const station = district.stationId ? (records.stations.get(district.stationId) ?? null) : null;
    const cards = (records.assignmentsByDistrict.get(id) ?? []).map(({ officerId, role }) => records.officerCard(officerId, role));
    const digitalOfficers = cards.filter((card) => card.role === 'digital').sort(byOfficerName);
    const kobbOfficers = cards.filter((card) => card.role === 'kobb').sort(byOfficerName);
    const updatedAt = [station?.updatedAt ?? '', ...cards.map((card) => card.updatedAt)].sort().at(-1) ?? '';
    const city = district.cityId === null ? null : records.cities.city(district.cityId);
    return {
      district,
      kreis,
      // A city's part holds no municipality: it is a part of one (`city`).
      municipalities: [...(records.municipalitiesByDistrict.get(id) ?? [])].sort((a, b) => b.population - a.population),
      city: city && {
        id: city.id,
        name: city.name,
        boroughType: city.boroughType,
        borough: district.boroughId === null ? null : (records.cities.borough(district.boroughId)?.name ?? null),
      },
      inspection,
      directorate: records.directorates.get(inspection.directorateId)!,
      station,
      digitalOfficers,
      kobbOfficers,
      inspectionAccounts: records.inspectionAccounts(inspection.id),
      responsibilityVerified: inspection.responsibilityVerified && kreis.responsibilityVerified,
      updatedAt: updatedAt || records.info.builtAt,
    };
  }

  officerView(id: string): OfficerView | null {
    const records = this.#records;
    const assignments = records.assignmentsByOfficer.get(id);
    if (!records.officers.has(id) || !assignments) return null;
    const roles = (['digital', 'kobb'] as const)
      .map((role) => ({
        role,
        districts: assignments
          .filter((assignment) => assignment.role === role)
          .map((assignment) => summary(records.districts.get(assignment.districtId)!))
          .sort((a, b) => a.name.localeCompare(b.name, 'de')),
      }))
      .filter((entry) => entry.districts.length > 0);
    const inspectionIds = new Set(assignments.map((assignment) => records.districts.get(assignment.districtId)!.inspectionId));
    return {
      officer: records.officerCard(id, roles[0]!.role),
      roles,
      inspections: [...inspectionIds].map((inspectionId) => records.inspections.get(inspectionId)!),
    };
  }

  /** Every inspection with its digital officers, for the overview on the home page (made once per snapshot). */
  inspectionOverview(): InspectionOverview[] {
    return (this.#inspectionOverviews ??= this.buildInspectionOverview());
  }

  private buildInspectionOverview(): InspectionOverview[] {
    const records = this.#records;
    return [...records.inspections.values()].map((inspection) => {
      const districtIds = this.inspectionDistrictIds(inspection.id);
      return {
        inspection,
        directorate: records.directorates.get(inspection.directorateId)!,
        digitalOfficers: [...records.officerIdsOf(districtIds, 'digital')].map((officerId) => records.officerCard(officerId, 'digital')),
        districtCount: districtIds.length,
      };
    });
  }

  /** A station's area: the districts with `stationId` = the station, and their officers. */
  stationAreaView(id: string): StationAreaView | null {
    const records = this.#records;
    const station = records.stations.get(id);
    if (!station) return null;
    const districts = [...records.districts.values()]
      .filter((district) => district.stationId === id)
      .sort((a, b) => a.name.localeCompare(b.name, 'de'));
    if (districts.length === 0) return null;
    const inspection = records.inspections.get(station.inspectionId) ?? records.inspections.get(districts[0]!.inspectionId)!;
    const officersFor = (role: OfficerRole) =>
      [
        ...records.officerIdsOf(
          districts.map((district) => district.id),
          role,
        ),
      ]
        .map((officerId) => records.officerCard(officerId, role))
        .sort(byOfficerName);
    const digitalOfficers = officersFor('digital');
    const kobbOfficers = officersFor('kobb');
    const updatedAt =
      [station.updatedAt, ...digitalOfficers.map((o) => o.updatedAt), ...kobbOfficers.map((o) => o.updatedAt)].sort().at(-1) ??
      records.info.builtAt;
    return {
      station,
      inspection,
      directorate: records.directorates.get(inspection.directorateId)!,
      districts: districts.map(summary),
      digitalOfficers,
      kobbOfficers,
      inspectionAccounts: records.inspectionAccounts(inspection.id),
      updatedAt,
    };
  }

  /** One inspection with its digital officers and its own accounts. */
  inspectionView(id: string): InspectionView | null {
    const inspection = this.#records.inspections.get(id);
    if (!inspection) return null;
    const overview = this.inspectionOverview().find((entry) => entry.inspection.id === id)!;
    return {
      ...overview,
      digitalOfficers: [...overview.digitalOfficers].sort(byOfficerName),
      inspectionAccounts: this.#records.inspectionAccounts(inspection.id),
    };
  }

  /** The ids of an inspection's districts (for its map). */
  inspectionDistrictIds(id: string): string[] {
    return [...this.#records.districts.values()].filter((district) => district.inspectionId === id).map((district) => district.id);
  }
}
