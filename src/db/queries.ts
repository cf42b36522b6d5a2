/**
 * The queries the services need. The data set is one state's worth of districts and people,
 * so the services read it whole once per snapshot and answer requests from memory.
 */
import { asc } from 'drizzle-orm';
import type { PortalDatabase } from './client';
import * as t from './schema';

export interface SnapshotRows {
  meta: Map<string, string>;
  dataSources: t.DataSourceRow[];
  directorates: t.DirectorateRow[];
  inspections: t.InspectionRow[];
  kreise: t.KreisRow[];
  stations: t.StationRow[];
  districts: t.DistrictRow[];
  cities: t.CityRow[];
  boroughs: t.BoroughRow[];
  municipalities: t.MunicipalityRow[];
  postcodeAreas: t.PostcodeAreaRow[];
  officers: t.OfficerRow[];
  assignments: t.AssignmentRow[];
  accounts: t.AccountRow[];
  accountHolders: t.AccountHolderRow[];
  notices: t.NoticeRow[];
  localities: t.LocalityRow[];
  statePolice: t.StatePoliceRow[];
  outsidePlaces: t.OutsidePlaceRow[];
}

/** Reads every table of a snapshot, in a stable order. */
export function readSnapshot(db: PortalDatabase): SnapshotRows {
  return db.transaction((tx) => ({
    meta: new Map(
      tx
        .select()
        .from(t.meta)
        .all()
        .map((row) => [row.key, row.value]),
    ),
    dataSources: tx.select().from(t.dataSources).orderBy(asc(t.dataSources.sortOrder)).all(),
    directorates: tx.select().from(t.directorates).orderBy(asc(t.directorates.name)).all(),
    inspections: tx.select().from(t.inspections).orderBy(asc(t.inspections.name)).all(),
    kreise: tx.select().from(t.kreise).orderBy(asc(t.kreise.ags)).all(),
    stations: tx.select().from(t.stations).orderBy(asc(t.stations.id)).all(),
    districts: tx.select().from(t.districts).orderBy(asc(t.districts.id)).all(),
    cities: tx.select().from(t.cities).orderBy(asc(t.cities.id)).all(),
    boroughs: tx.select().from(t.boroughs).orderBy(asc(t.boroughs.sortOrder)).all(),
    municipalities: tx.select().from(t.municipalities).orderBy(asc(t.municipalities.ags)).all(),
    postcodeAreas: tx.select().from(t.postcodeAreas).orderBy(asc(t.postcodeAreas.postcode), asc(t.postcodeAreas.ags)).all(),
    officers: tx.select().from(t.officers).orderBy(asc(t.officers.name)).all(),
    assignments: tx.select().from(t.assignments).all(),
    accounts: tx.select().from(t.accounts).orderBy(asc(t.accounts.platform)).all(),
    accountHolders: tx.select().from(t.accountHolders).all(),
    notices: tx.select().from(t.notices).orderBy(asc(t.notices.id)).all(),
    localities: tx.select().from(t.localities).orderBy(asc(t.localities.id)).all(),
    statePolice: tx.select().from(t.statePolice).orderBy(asc(t.statePolice.id)).all(),
    outsidePlaces: tx.select().from(t.outsidePlaces).orderBy(asc(t.outsidePlaces.id)).all(),
  }));
}
