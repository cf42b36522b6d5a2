/**
 * The OpenAPI 3.1 document of /api/v1, assembled from the same zod schemas the endpoints use
 * to read parameters and shape responses (via zod's own `z.toJSONSchema`). The /api page is
 * rendered from this document too, so code, contract and documentation cannot drift apart.
 */
import { z } from 'zod';
import { t, type MessageKey, type Translate } from '../i18n';
import * as schemas from './api-schemas';
import * as params from './api-params';
import type { QueryParam } from './api-params';

/** Version of the API's representations; bump on any change of a response's shape. */
export const API_VERSION = '1.2.0';

export interface PathParam {
  name: string;
  description: (translate: Translate) => string;
  example: string;
}

export interface ApiOperation {
  path: string;
  operationId: string;
  tag: 'Orte' | 'Bezirke' | 'Personen' | 'Dienststellen' | 'Konten';
  /** Summary and description in the language of `translate` (the docs page's; German in openapi.json). */
  summary: (translate: Translate) => string;
  description: (translate: Translate) => string;
  pathParams: PathParam[];
  queryParams: QueryParam[];
  response: z.ZodType;
  contentType: 'application/json' | 'application/geo+json';
  /** Statuses besides 200, 304, 405 and 429 (which every operation has). */
  errors: Array<400 | 404>;
  /** 308 to the city: the old id of a district now divided into districts (Hannover's 032410001). */
  movedToCity?: true;
  /** Path and query of a runnable example, as pasted into a terminal. */
  example: string;
}

const districtId: PathParam = { name: 'id', description: (translate) => translate('apiDoc.param.districtId'), example: '033510006' };
const cityId: PathParam = { name: 'id', description: (translate) => translate('apiDoc.param.cityId'), example: '032410001' };
const pagination = [params.limitParam, params.offsetParam];

const op = (
  key: string,
  rest: Omit<ApiOperation, 'summary' | 'description' | 'operationId' | 'pathParams' | 'queryParams' | 'contentType'> &
    Partial<Pick<ApiOperation, 'pathParams' | 'queryParams' | 'contentType'>>,
): ApiOperation => ({
  operationId: key,
  summary: (translate) => translate(`apiDoc.op.${key}.summary` as MessageKey),
  description: (translate) => translate(`apiDoc.op.${key}.description` as MessageKey),
  pathParams: [],
  queryParams: [],
  contentType: 'application/json',
  ...rest,
});

/** Every operation of the API, in the order the documentation shows them. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  op('locate', {
    path: '/locate',
    tag: 'Orte',
    queryParams: params.locateParams,
    response: schemas.LocateResponse,
    errors: [400, 404],
    example: '/locate?lat=52.6226&lon=10.0805',
  }),
  op('search', {
    path: '/search',
    tag: 'Orte',
    queryParams: params.searchParams,
    response: schemas.SearchResponse,
    errors: [400],
    example: '/search?q=Celle&limit=5',
  }),
  op('listDistricts', {
    path: '/districts',
    tag: 'Bezirke',
    queryParams: pagination,
    response: schemas.DistrictList,
    errors: [400],
    example: '/districts?limit=20&offset=0',
  }),
  op('getDistrict', {
    path: '/districts/{id}',
    tag: 'Bezirke',
    pathParams: [districtId],
    response: schemas.DistrictDetail,
    errors: [404],
    movedToCity: true,
    example: '/districts/033510006',
  }),
  op('getDistrictBoundary', {
    path: '/districts/{id}/boundary',
    tag: 'Bezirke',
    pathParams: [districtId],
    queryParams: [params.simplifyParam],
    response: schemas.Boundary,
    contentType: 'application/geo+json',
    errors: [400, 404],
    movedToCity: true,
    example: '/districts/033510006/boundary?simplify=500',
  }),
  op('listCities', {
    path: '/cities',
    tag: 'Bezirke',
    queryParams: pagination,
    response: schemas.CityList,
    errors: [400],
    example: '/cities',
  }),
  op('getCity', {
    path: '/cities/{id}',
    tag: 'Bezirke',
    pathParams: [cityId],
    response: schemas.City,
    errors: [404],
    example: '/cities/032410001',
  }),
  op('getCityBoundary', {
    path: '/cities/{id}/boundary',
    tag: 'Bezirke',
    pathParams: [cityId],
    queryParams: [params.simplifyParam],
    response: schemas.Boundary,
    contentType: 'application/geo+json',
    errors: [400, 404],
    example: '/cities/032410001/boundary?simplify=200',
  }),
  op('listOfficers', {
    path: '/officers',
    tag: 'Personen',
    queryParams: pagination,
    response: schemas.OfficerList,
    errors: [400],
    example: '/officers?limit=20',
  }),
  op('getOfficer', {
    path: '/officers/{id}',
    tag: 'Personen',
    pathParams: [{ name: 'id', description: (translate) => translate('apiDoc.param.officerId'), example: 'jannik-sahin-4' }],
    response: schemas.OfficerDetail,
    errors: [404],
    example: '/officers/jannik-sahin-4',
  }),
  op('listStations', {
    path: '/stations',
    tag: 'Dienststellen',
    queryParams: pagination,
    response: schemas.StationList,
    errors: [400],
    example: '/stations?limit=20',
  }),
  op('getStation', {
    path: '/stations/{id}',
    tag: 'Dienststellen',
    pathParams: [{ name: 'id', description: (translate) => translate('apiDoc.param.stationId'), example: 'polizeiinspektion-celle' }],
    response: schemas.StationDetail,
    errors: [404],
    example: '/stations/polizeiinspektion-celle',
  }),
  op('listInspections', {
    path: '/inspections',
    tag: 'Dienststellen',
    queryParams: pagination,
    response: schemas.InspectionList,
    errors: [400],
    example: '/inspections',
  }),
  op('listDirectorates', {
    path: '/directorates',
    tag: 'Dienststellen',
    queryParams: pagination,
    response: schemas.DirectorateList,
    errors: [400],
    example: '/directorates',
  }),
  op('verifyAccount', {
    path: '/accounts/verify',
    tag: 'Konten',
    queryParams: [params.accountUrlParam, params.accountHandleParam, params.platformParam],
    response: schemas.AccountVerification,
    errors: [400],
    example: '/accounts/verify?url=https%3A%2F%2Fx.com%2Fpolizei_celle_jannik_demo',
  }),
];

const COMPONENTS = [
  schemas.ApiErrorBody,
  schemas.OutsideLocateDetails,
  schemas.LocateResponse,
  schemas.SearchResponse,
  schemas.DistrictList,
  schemas.DistrictDetail,
  schemas.CityList,
  schemas.City,
  schemas.Boundary,
  schemas.OfficerList,
  schemas.OfficerDetail,
  schemas.StationList,
  schemas.StationDetail,
  schemas.InspectionList,
  schemas.DirectorateList,
  schemas.AccountVerification,
];

/** The `id` a component schema was registered with. */
function schemaId(schema: z.ZodType): string {
  const id = z.globalRegistry.get(schema)?.id;
  if (typeof id !== 'string') throw new Error('API schema without id');
  return id;
}

const ref = (schema: z.ZodType) => ({ $ref: `#/components/schemas/${schemaId(schema)}` });

function componentSchemas(): Record<string, unknown> {
  const all = z.toJSONSchema(z.globalRegistry, { uri: (id) => `#/components/schemas/${id}` }).schemas;
  // The global registry may hold other ids: keep ours (and whatever they reference).
  const wanted = new Set<string>();
  const visit = (id: string) => {
    if (wanted.has(id) || !all[id]) return;
    wanted.add(id);
    for (const match of JSON.stringify(all[id]).matchAll(/#\/components\/schemas\/([A-Za-z0-9]+)/g)) visit(match[1]!);
  };
  for (const schema of COMPONENTS) visit(schemaId(schema));
  return Object.fromEntries(
    [...wanted].sort().map((id) => {
      const { $schema: _s, $id: _i, ...rest } = all[id] as Record<string, unknown>;
      return [id, rest];
    }),
  );
}

/** The input side of a parameter's schema, as JSON Schema (a string with its pattern or enum). */
export function parameterSchema(param: QueryParam): Record<string, unknown> {
  const { $schema: _s, ...rest } = z.toJSONSchema(param.schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

const errorResponse = (key: MessageKey, headers: Record<string, unknown> = {}) => ({
  description: t(key),
  headers,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});

let cached: Record<string, unknown> | null = null;

/** The OpenAPI 3.1 document (built once). */
export function openApiDocument(): Record<string, unknown> {
  if (cached) return cached;
  const paths: Record<string, unknown> = {};
  for (const operation of API_OPERATIONS) {
    const responses: Record<string, unknown> = {
      '200': {
        description: t('apiDoc.response.ok'),
        headers: {
          ETag: { $ref: '#/components/headers/ETag' },
          'Cache-Control': { $ref: '#/components/headers/CacheControl' },
        },
        content: { [operation.contentType]: { schema: ref(operation.response) } },
      },
      '304': { description: t('apiDoc.response.notModified') },
    };
    if (operation.movedToCity) {
      responses['308'] = {
        description: t('apiDoc.response.movedToCity'),
        headers: { Location: { description: t('apiDoc.header.location'), schema: { type: 'string' } } },
      };
    }
    if (operation.errors.includes(400)) responses['400'] = { $ref: '#/components/responses/BadRequest' };
    if (operation.errors.includes(404)) responses['404'] = { $ref: '#/components/responses/NotFound' };
    responses['405'] = { $ref: '#/components/responses/MethodNotAllowed' };
    responses['429'] = { $ref: '#/components/responses/TooManyRequests' };
    responses['503'] = { $ref: '#/components/responses/Unavailable' };
    paths[operation.path] = {
      get: {
        operationId: operation.operationId,
        tags: [operation.tag],
        summary: operation.summary(t),
        description: operation.description(t),
        parameters: [
          ...operation.pathParams.map((param) => ({
            name: param.name,
            in: 'path',
            required: true,
            description: param.description(t),
            schema: { type: 'string' },
            example: param.example,
          })),
          ...operation.queryParams.map((param) => ({
            name: param.name,
            in: 'query',
            required: param.required,
            description: param.description(t),
            schema: parameterSchema(param),
            ...(param.example === undefined ? {} : { example: param.example }),
          })),
        ],
        responses,
      },
    };
  }
  cached = {
    openapi: '3.1.0',
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    info: {
      title: t('apiDoc.title'),
      version: API_VERSION,
      description: t('apiDoc.description'),
      license: { name: t('apiDoc.licence'), url: '/daten' },
    },
    servers: [{ url: '/api/v1' }],
    tags: ['Orte', 'Bezirke', 'Personen', 'Dienststellen', 'Konten'].map((name) => ({ name })),
    paths,
    components: {
      schemas: componentSchemas(),
      headers: {
        ETag: { description: t('apiDoc.header.etag'), schema: { type: 'string' } },
        CacheControl: { description: t('apiDoc.header.cacheControl'), schema: { type: 'string' } },
        RetryAfter: { description: t('apiDoc.header.retryAfter'), schema: { type: 'integer', minimum: 1 } },
        Allow: { description: t('apiDoc.header.allow'), schema: { type: 'string' } },
      },
      responses: {
        BadRequest: errorResponse('apiDoc.response.badRequest'),
        NotFound: errorResponse('apiDoc.response.notFound'),
        MethodNotAllowed: errorResponse('apiDoc.response.methodNotAllowed', { Allow: { $ref: '#/components/headers/Allow' } }),
        TooManyRequests: errorResponse('apiDoc.response.tooManyRequests', {
          'Retry-After': { $ref: '#/components/headers/RetryAfter' },
        }),
        Unavailable: errorResponse('apiDoc.response.unavailable', {
          'Retry-After': { $ref: '#/components/headers/RetryAfter' },
        }),
      },
    },
  };
  return cached;
}
