/**
 * The open-data API's one source of truth for its answers: zod schemas that shape every response
 * body and (through `z.toJSONSchema`, see ./openapi.ts) make the OpenAPI document. Components carry
 * an `id` in the global registry; openapi.ts collects those. The query parameters: ./api-params.ts.
 */
import { z } from 'zod';
import { PLATFORMS } from '../domain/model';
import { MATCH_KINDS } from '../domain/search';
import { t } from '../i18n';

// ---------------------------------------------------------------------------------------------
// Response components.

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}/);
const platform = z.enum(PLATFORMS);
const role = z.enum(['digital', 'kobb']);

export const Ref = z.object({ id: z.string(), name: z.string() }).meta({ id: 'Ref', description: t('apiDoc.schema.ref') });

export const MunicipalityRef = z.object({ ags: z.string(), name: z.string() }).meta({ id: 'MunicipalityRef' });

/** A city divided into districts, as a search result names it. */
export const CityRef = z
  .object({ id: z.string(), name: z.string(), districts: z.number().int() })
  .meta({ id: 'CityRef', description: t('apiDoc.schema.cityRef') });

export const Point = z.object({ lat: z.number(), lon: z.number() }).meta({ id: 'Point' });

export const ApiErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        'invalid_coordinates',
        'outside_area',
        'invalid_query',
        'invalid_limit',
        'invalid_parameter',
        'invalid_account',
        'not_found',
        'method_not_allowed',
        'rate_limited',
        'unavailable',
        'bad_request',
        'uri_too_long',
        'payload_too_large',
        'internal_error',
      ]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .meta({ id: 'Error', description: t('apiDoc.schema.error') });

export const AccountLink = z.object({ platform, handle: z.string(), url: z.string() }).meta({ id: 'AccountLink' });

export const Account = z
  .object({
    id: z.string(),
    platform,
    handle: z.string(),
    url: z.string(),
    verifiedSince: isoDate,
    isDemo: z.boolean(),
    jointWith: z.array(z.string()),
  })
  .meta({ id: 'Account', description: t('apiDoc.schema.account') });

export const Links = z
  .object({ self: z.string(), html: z.string().optional(), boundary: z.string().optional() })
  .meta({ id: 'Links', description: t('apiDoc.schema.links') });

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/);

export const OpeningHours = z
  .object({
    osm: z.string(),
    weekly: z.array(
      z.object({
        days: z.array(z.number().int().min(1).max(7)),
        intervals: z.array(z.object({ from: clockTime, to: clockTime })),
      }),
    ),
    holidays: z.enum(['closed', 'open', 'unstated']),
    timeZone: z.literal('Europe/Berlin'),
  })
  .meta({ id: 'OpeningHours', description: t('apiDoc.schema.openingHours') });

export const Station = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.string(),
    inspection: Ref,
    address: z.object({ street: z.string(), postcode: z.string(), city: z.string() }),
    phone: z.string(),
    email: z.string(),
    officeHours: z.string(),
    openingHours: OpeningHours,
    location: Point.nullable(),
    isDemo: z.boolean(),
    updatedAt: isoDate,
    links: Links,
  })
  .meta({ id: 'Station' });

export const StationDetail = Station.extend({ districts: z.array(Ref) }).meta({ id: 'StationDetail' });

export const Officer = z
  .object({
    id: z.string(),
    name: z.string(),
    rank: z.string(),
    roleTitle: z.string().nullable(),
    roles: z.array(role),
    station: Ref.nullable(),
    phone: z.string(),
    email: z.string(),
    officeHours: z.string(),
    openingHours: OpeningHours,
    isDemo: z.boolean(),
    updatedAt: isoDate,
    accounts: z.array(Account),
    links: Links,
  })
  .meta({ id: 'Officer' });

export const OfficerDetail = Officer.extend({
  assignments: z.array(z.object({ role, districts: z.array(Ref) })),
  inspections: z.array(Ref),
}).meta({ id: 'OfficerDetail' });

export const DistrictOfficer = z
  .object({
    id: z.string(),
    name: z.string(),
    rank: z.string(),
    roleTitle: z.string().nullable(),
    role,
    isDemo: z.boolean(),
    accounts: z.array(Account),
    links: Links,
  })
  .meta({ id: 'DistrictOfficer' });

export const District = z
  .object({
    id: z.string(),
    name: z.string(),
    type: z.string(),
    kreis: z.object({ ags: z.string(), name: z.string() }),
    inspection: Ref,
    directorate: Ref,
    station: Ref.nullable(),
    population: z
      .number()
      .int()
      .nullable()
      .meta({ description: t('apiDoc.schema.districtPopulation') }),
    areaKm2: z.number(),
    centre: Point,
    city: Ref.nullable().meta({ description: t('apiDoc.schema.districtCity') }),
    borough: Ref.nullable().meta({ description: t('apiDoc.schema.districtBorough') }),
    links: Links,
  })
  .meta({ id: 'District' });

/** A current notice of the editors, as a district answer lists those valid today (Europe/Berlin). */
export const Notice = z
  .object({
    id: z.string(),
    scope: z.object({ type: z.enum(['state', 'directorate', 'inspection', 'station']), id: z.string().nullable() }),
    text: z.string(),
    textEn: z.string().nullable(),
    link: z.string().nullable(),
    validFrom: isoDate.nullable(),
    validUntil: isoDate.nullable(),
    isDemo: z.boolean(),
    updatedAt: isoDate,
  })
  .meta({ id: 'Notice', description: t('apiDoc.schema.notice') });

export const DistrictDetail = District.extend({
  municipalities: z.array(z.object({ ags: z.string(), name: z.string(), type: z.string(), population: z.number().int() })),
  station: Station.nullable(),
  officers: z.array(DistrictOfficer),
  inspectionAccounts: z.array(Account),
  notices: z.array(Notice),
  responsibilityVerified: z.boolean(),
  updatedAt: isoDate,
}).meta({ id: 'DistrictDetail' });

const SourceRef = z.object({ title: z.string(), attribution: z.string(), licence: z.string(), licenceUrl: z.string(), url: z.string() });

export const City = z
  .object({
    id: z.string(),
    ags: z.string(),
    name: z.string(),
    districtType: z.string(),
    boroughType: z.string().nullable(),
    kreis: z.object({ ags: z.string(), name: z.string() }),
    inspection: Ref,
    directorate: Ref,
    population: z.number().int(),
    areaKm2: z.number(),
    centre: Point,
    responsibilityVerified: z.boolean(),
    boroughs: z.array(z.object({ id: z.string().nullable(), name: z.string().nullable(), districts: z.array(Ref) })),
    source: SourceRef,
    links: Links,
  })
  .meta({ id: 'City', description: t('apiDoc.schema.city') });

export const Inspection = z
  .object({
    id: z.string(),
    name: z.string(),
    directorate: Ref,
    responsibilityVerified: z.boolean(),
    sourceUrl: z.string(),
    districtCount: z.number().int(),
    accounts: z.array(Account),
  })
  .meta({ id: 'Inspection' });

export const Directorate = z
  .object({ id: z.string(), name: z.string(), inspections: z.array(Ref), accounts: z.array(Account) })
  .meta({ id: 'Directorate' });

export const Pagination = z
  .object({
    offset: z.number().int().min(0),
    limit: z.number().int().min(1),
    total: z.number().int().min(0),
    next: z.string().nullable(),
    prev: z.string().nullable(),
  })
  .meta({ id: 'Pagination', description: t('apiDoc.schema.pagination') });

const pageOf = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), pagination: Pagination, dataVersion: z.string() }).meta({ id });

export const DistrictList = pageOf(District, 'DistrictList');
export const CityList = pageOf(City, 'CityList');
export const OfficerList = pageOf(Officer, 'OfficerList');
export const StationList = pageOf(Station, 'StationList');
export const InspectionList = pageOf(Inspection, 'InspectionList');
export const DirectorateList = pageOf(Directorate, 'DirectorateList');

const position = z.array(z.number()).min(2).max(3);
const polygon = z.array(z.array(position));

export const Boundary = z
  .object({
    type: z.literal('Feature'),
    id: z.string(),
    geometry: z.union([
      z.object({ type: z.literal('Polygon'), coordinates: polygon }),
      z.object({ type: z.literal('MultiPolygon'), coordinates: z.array(polygon) }),
    ]),
    properties: z.object({
      id: z.string(),
      name: z.string(),
      simplifyMeters: z.number().int().min(0),
      dataVersion: z.string(),
      attribution: z.string(),
      licence: z.string(),
      licenceUrl: z.string(),
    }),
  })
  .meta({ id: 'Boundary', description: t('apiDoc.schema.boundary') });

export const LocateResponse = z
  .object({
    point: Point,
    municipality: MunicipalityRef,
    district: Ref,
    inspection: Ref,
    directorate: Ref,
    station: Ref.nullable(),
    responsibilityVerified: z.boolean(),
    officers: z.array(z.object({ id: z.string(), name: z.string(), role, isDemo: z.boolean(), accounts: z.array(AccountLink) })),
    nearBoundary: z.array(z.object({ id: z.string(), name: z.string(), distanceMeters: z.number() })),
  })
  .meta({ id: 'LocateResponse' });

export const SearchResult = z
  .object({
    type: z.enum(['address', 'street', 'municipality', 'locality', 'district', 'postcode']),
    label: z.string(),
    match: z.enum(MATCH_KINDS).meta({ description: t('apiDoc.schema.match') }),
    lat: z.number(),
    lon: z.number(),
    postcode: z.string().nullable(),
    municipality: MunicipalityRef.nullable(),
    district: Ref.nullable().meta({ description: t('apiDoc.schema.resultDistrict') }),
    city: CityRef.nullable(),
    approximate: z.boolean(),
    note: z.string().nullable(),
    street: z.string().nullable().optional(),
    houseNumber: z.string().nullable().optional(),
  })
  .meta({ id: 'SearchResult' });

const PoliceRef = z.object({ name: z.string(), url: z.string() });

export const OutsideArea = z
  .object({
    place: z.string(),
    postcode: z.string().nullable(),
    state: z.string(),
    police: PoliceRef,
    others: z.array(z.object({ place: z.string(), state: z.string(), police: PoliceRef })),
  })
  .meta({ id: 'OutsideArea', description: t('apiDoc.schema.outsideArea') });

export const SearchDecision = z
  .object({
    action: z.enum(['go', 'choose', 'guess', 'outside', 'unknown']),
    result: z.number().int().min(0).nullable(),
    reason: z.enum(['several', 'partOfTown', 'notExact']).nullable(),
  })
  .meta({ id: 'SearchDecision', description: t('apiDoc.schema.decision') });

export const SearchResponse = z
  .object({ results: z.array(SearchResult), outsideArea: OutsideArea.nullable(), decision: SearchDecision })
  .meta({ id: 'SearchResponse' });

/** `details` of the 404 `outside_area` answer of /locate. */
export const OutsideLocateDetails = z
  .object({
    point: Point,
    state: z.string().nullable(),
    police: PoliceRef.nullable(),
    neighbours: z.array(z.object({ state: z.string(), police: PoliceRef, note: z.string() })),
  })
  .meta({ id: 'OutsideLocateDetails', description: t('apiDoc.schema.outsideLocate') });

export const VerifiedAccount = z
  .object({
    id: z.string(),
    platform,
    handle: z.string(),
    url: z.string(),
    verifiedSince: isoDate,
    isDemo: z.boolean(),
    /** "Demo-Konto (erfunden)" for demo accounts, else null. */
    label: z.string().nullable(),
    holders: z.array(
      z.object({
        type: z.enum(['officer', 'station', 'inspection', 'directorate']),
        id: z.string(),
        name: z.string(),
        url: z.string().nullable(),
      }),
    ),
    districts: z.array(Ref),
    inspections: z.array(Ref),
  })
  .meta({ id: 'VerifiedAccount' });

export const AccountVerification = z
  .object({
    status: z.enum(['official', 'not_found']),
    message: z.string(),
    checked: z.object({ platform: platform.nullable(), handle: z.string() }),
    accounts: z.array(VerifiedAccount),
    lookalikes: z.array(z.object({ platform, handle: z.string(), holders: z.array(z.string()) })),
    /** Official accounts with exactly the checked handle on other platforms (status not_found only). */
    officialElsewhere: z.array(
      z.object({
        platform,
        handle: z.string(),
        url: z.string(),
        holders: z.array(z.object({ type: z.enum(['officer', 'station', 'inspection', 'directorate']), name: z.string() })),
      }),
    ),
    warnings: z.array(z.enum(['foreign_characters', 'lookalike', 'same_handle_elsewhere'])),
    reportUrl: z.string(),
    dataVersion: z.string(),
  })
  .meta({ id: 'AccountVerification', description: t('apiDoc.schema.verification') });

export type DistrictBody = z.output<typeof District>;
export type DistrictDetailBody = z.output<typeof DistrictDetail>;
export type NoticeBody = z.output<typeof Notice>;
export type OfficerBody = z.output<typeof Officer>;
export type OfficerDetailBody = z.output<typeof OfficerDetail>;
export type StationBody = z.output<typeof Station>;
export type AccountBody = z.output<typeof Account>;
export type AccountVerificationBody = z.output<typeof AccountVerification>;
