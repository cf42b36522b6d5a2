/**
 * The people and their accounts (demo/ or the operator's own files): stations, officers, their
 * coverage and accounts, and the data sources; validated against the official geography, then
 * resolved into one station per district and one assignment row per officer, district and role.
 */
import type { z } from 'zod';
import type { AccountHolder, AccountHolderType, Assignment } from '../domain/model';
import { officeHours } from '../domain/office-hours';
import { officeHoursText } from '../i18n/office-hours';
import { CITY_DISTRICTS_FILE } from './city-districts';
import type { RecordRef } from './errors';
import type { OfficialData } from './official-sources';
import { accountSchema, dataSourceSchema, noticeSchema, officerSchema, stationSchema } from './schemas';
import { readNoticeScope, type Notice } from '../domain/notices';
import type { SourceReader } from './source-reader';
import {
  SOURCE_FILES,
  type AccountData,
  type DataSourceData,
  type DistrictData,
  type OfficerData,
  type StationData,
} from './source-records';

/** What the people's files add to the official data. */
export interface PeopleData {
  /** The official districts, each with its station. */
  districts: DistrictData[];
  stations: StationData[];
  officers: OfficerData[];
  /** Expanded: a digital officer covering an inspection has one row per district of it. */
  assignments: Assignment[];
  accounts: AccountData[];
  accountHolders: AccountHolder[];
  dataSources: DataSourceData[];
  /** Current notices (demo/notices.json, optional), by id. */
  notices: Notice[];
}

/** Reads and checks the people's files against `official`; findings that are no error go to `warnings`. */
export async function readPeople(reader: SourceReader, official: OfficialData, warnings: string[]): Promise<PeopleData> {
  const file = SOURCE_FILES;
  const problems = reader.problems;
  const where = (rel: string) => reader.display(rel);

  const parseList = async <S extends z.ZodType>(rel: string, schema: S) => {
    const raw = await reader.jsonArray(rel);
    const out: { rec: z.infer<S>; ref: RecordRef }[] = [];
    raw.forEach((value, index) => {
      const rawId = (value as { id?: unknown } | null)?.id;
      const ref: RecordRef = { index, id: typeof rawId === 'string' ? rawId : undefined };
      const rec = reader.check(schema, value, rel, ref);
      if (rec !== undefined) out.push({ rec, ref });
    });
    return out;
  };
  const sources = await parseList(file.sources, dataSourceSchema);
  const stations = await parseList(file.stations, stationSchema);
  const officers = await parseList(file.officers, officerSchema);
  const accounts = await parseList(file.accounts, accountSchema);
  const notices = (await reader.exists(file.notices)) ? await parseList(file.notices, noticeSchema) : [];
  reader.unique(
    sources,
    file.sources,
    (s) => s.rec.id,
    (s) => s.ref,
  );
  const stationById = reader.unique(
    stations,
    file.stations,
    (s) => s.rec.id,
    (s) => s.ref,
  );
  const officerById = reader.unique(
    officers,
    file.officers,
    (s) => s.rec.id,
    (s) => s.ref,
  );
  reader.unique(
    accounts,
    file.accounts,
    (s) => s.rec.id,
    (s) => s.ref,
  );
  reader.unique(
    notices,
    file.notices,
    (s) => s.rec.id,
    (s) => s.ref,
  );
  problems.throwIfAny();

  const districtById = new Map(official.districts.map((district) => [district.id, district]));
  // A city divided into districts may be named by its id (its old district's): it stands for all its parts.
  const partsOfCity = new Map(
    official.cities.map((city) => [
      city.id,
      official.districts.filter((district) => district.cityId === city.id).map((district) => district.id),
    ]),
  );
  const districtsNamed = (id: string) => partsOfCity.get(id) ?? [id];
  const sourceIds = new Set(sources.map((s) => s.rec.id));
  for (const city of official.cities) {
    if (!sourceIds.has(city.sourceId)) {
      problems.add(
        where(CITY_DISTRICTS_FILE),
        { index: official.cities.indexOf(city), id: city.ags },
        'source',
        `unbekannte Quelle "${city.sourceId}" (nicht in ${file.sources})`,
      );
    }
  }
  const inspectionIds = new Set(official.inspections.map((inspection) => inspection.id));
  const directorateIds = new Set(official.directorates.map((directorate) => directorate.id));

  // Demo records must not carry anything that could reach a real person.
  const checkDemoContact = (rel: string, ref: RecordRef, rec: { isDemo: boolean; phone: string; email: string }) => {
    if (!rec.isDemo) return;
    if (!rec.email.endsWith('.example'))
      problems.add(
        where(rel),
        ref,
        'email',
        `Demo-Datensatz braucht eine Adresse unter der reservierten Domain .example, nicht "${rec.email}"`,
      );
    if (!rec.phone.startsWith('0000'))
      problems.add(where(rel), ref, 'phone', `Demo-Datensatz braucht eine unwählbare Nummer, die mit "0000" beginnt, nicht "${rec.phone}"`);
  };

  const stationOfDistrict = new Map<string, string>();
  for (const { rec, ref } of stations) {
    checkDemoContact(file.stations, ref, rec);
    if (!inspectionIds.has(rec.inspectionId))
      problems.add(where(file.stations), ref, 'inspectionId', `unbekannte Inspektion "${rec.inspectionId}"`);
    rec.districts.forEach((named, k) =>
      districtsNamed(named).forEach((districtId) => {
        const district = districtById.get(districtId);
        const field = `districts[${k}]`;
        if (!district) return problems.add(where(file.stations), ref, field, `unbekannter Bezirk "${districtId}"`);
        if (district.inspectionId !== rec.inspectionId) {
          problems.add(
            where(file.stations),
            ref,
            field,
            `Bezirk "${districtId}" (${district.name}) gehört zu "${district.inspectionId}", die Dienststelle zu "${rec.inspectionId}"`,
          );
        }
        const other = stationOfDistrict.get(districtId);
        if (other !== undefined)
          problems.add(
            where(file.stations),
            ref,
            field,
            `Bezirk "${districtId}" (${district.name}) ist schon der Dienststelle "${other}" zugeordnet`,
          );
        else stationOfDistrict.set(districtId, rec.id);
      }),
    );
  }
  for (const district of official.districts) {
    if (!stationOfDistrict.has(district.id)) {
      problems.add(
        where(file.stations),
        undefined,
        undefined,
        `Bezirk "${district.id}" (${district.name}) hat keine zuständige Dienststelle`,
      );
    }
  }

  for (const { rec, ref } of officers) {
    checkDemoContact(file.officers, ref, rec);
    if (!stationById.has(rec.stationId)) problems.add(where(file.officers), ref, 'stationId', `unbekannte Dienststelle "${rec.stationId}"`);
    rec.covers.inspections?.forEach((id, k) => {
      if (!inspectionIds.has(id)) problems.add(where(file.officers), ref, `covers.inspections[${k}]`, `unbekannte Inspektion "${id}"`);
    });
    rec.covers.districts?.forEach((id, k) => {
      if (!districtById.has(id) && !partsOfCity.has(id))
        problems.add(where(file.officers), ref, `covers.districts[${k}]`, `unbekannter Bezirk "${id}"`);
    });
  }

  const holderExists: Record<AccountHolderType, (id: string) => boolean> = {
    officer: (id) => officerById.has(id),
    station: (id) => stationById.has(id),
    inspection: (id) => inspectionIds.has(id),
    directorate: (id) => directorateIds.has(id),
  };
  for (const { rec, ref } of accounts) {
    if (rec.isDemo && rec.url !== `/demo-konto/${rec.id}`) {
      problems.add(
        where(file.accounts),
        ref,
        'url',
        `Demo-Konto muss auf die Portalseite "/demo-konto/${rec.id}" zeigen, nicht auf "${rec.url}"`,
      );
    }
    if (!rec.isDemo && !/^https:\/\/[^\s/]+\.[^\s/]+\//.test(rec.url)) {
      problems.add(where(file.accounts), ref, 'url', `erwartet eine https-URL des Profils, nicht "${rec.url}"`);
    }
    const seen = new Set<string>();
    rec.holders.forEach((h, k) => {
      const key = `${h.type}:${h.id}`;
      if (seen.has(key)) problems.add(where(file.accounts), ref, `holders[${k}]`, `Inhaber ${h.type} "${h.id}" doppelt`);
      seen.add(key);
      if (!holderExists[h.type](h.id))
        problems.add(where(file.accounts), ref, `holders[${k}].id`, `unbekannter Inhaber (${h.type}) "${h.id}"`);
    });
  }
  const scopeExists = { directorate: directorateIds, inspection: inspectionIds, station: stationById } as const;
  for (const { rec, ref } of notices) {
    const { type, id } = readNoticeScope(rec.scope);
    if (type !== 'state' && !scopeExists[type].has(id ?? ''))
      problems.add(where(file.notices), ref, 'scope', `unbekannter Bereich "${rec.scope}"`);
  }
  problems.throwIfAny();

  // Resolve: stations onto districts, coverage into one assignment row per district.
  const districts = official.districts.map((district) => ({ ...district, stationId: stationOfDistrict.get(district.id) ?? null }));
  const districtsOfInspection = new Map<string, string[]>();
  for (const district of districts)
    districtsOfInspection.set(district.inspectionId, [...(districtsOfInspection.get(district.inspectionId) ?? []), district.id]);
  const assignmentKeys = new Set<string>();
  const assignments: Assignment[] = [];
  for (const { rec } of officers) {
    const targets = [
      ...(rec.covers.inspections ?? []).flatMap((id) => districtsOfInspection.get(id) ?? []),
      ...(rec.covers.districts ?? []).flatMap(districtsNamed),
    ];
    for (const districtId of targets) {
      const key = `${rec.id}|${districtId}|${rec.role}`;
      if (assignmentKeys.has(key)) continue;
      assignmentKeys.add(key);
      assignments.push({ officerId: rec.id, districtId, role: rec.role });
    }
  }
  const kobbDistricts = new Set(assignments.filter((a) => a.role === 'kobb').map((a) => a.districtId));
  const withoutKobb = districts.filter((district) => !kobbDistricts.has(district.id)).length;
  if (withoutKobb > 0) warnings.push(`${file.officers}: ${withoutKobb} Bezirke ohne Kontaktbereichsbeamtin/-beamten`);

  return {
    districts,
    stations: stations.map(({ rec }) => {
      const { districts: districtIds, lat, lon, ...station } = rec;
      return { ...station, officeHours: germanOfficeHours(rec.openingHours), lat: lat ?? null, lon: lon ?? null, districtIds };
    }),
    officers: officers.map(({ rec }) => ({
      id: rec.id,
      name: rec.name,
      rank: rec.rank,
      roleTitle: rec.roleTitle ?? null,
      role: rec.role,
      stationId: rec.stationId,
      phone: rec.phone,
      email: rec.email,
      openingHours: rec.openingHours,
      officeHours: germanOfficeHours(rec.openingHours),
      photo: rec.photo,
      covers: { inspections: rec.covers.inspections ?? [], districts: rec.covers.districts ?? [] },
      isDemo: rec.isDemo,
      updatedAt: rec.updatedAt,
    })),
    assignments,
    accounts: accounts.map(({ rec }) => ({
      id: rec.id,
      platform: rec.platform,
      handle: rec.handle,
      url: rec.url,
      verifiedSince: rec.verifiedSince,
      isDemo: rec.isDemo,
      updatedAt: rec.updatedAt,
    })),
    accountHolders: accounts.flatMap(({ rec }) => rec.holders.map((h) => ({ accountId: rec.id, holderType: h.type, holderId: h.id }))),
    dataSources: sources.map(({ rec }) => rec).sort((a, b) => a.sortOrder - b.sortOrder || a.id.localeCompare(b.id)),
    notices: notices
      .map(({ rec }) => ({
        id: rec.id,
        scope: rec.scope as Notice['scope'],
        text: rec.text,
        textEn: rec.textEn ?? null,
        link: rec.link ?? null,
        validFrom: rec.validFrom ?? null,
        validUntil: rec.validUntil ?? null,
        isDemo: rec.isDemo,
        updatedAt: rec.updatedAt,
      }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
  };
}

/** Office hours in German words, as the API and the downloads keep them beside the structured value. */
function germanOfficeHours(openingHours: string): string {
  return officeHoursText(officeHours(openingHours), 'de');
}
