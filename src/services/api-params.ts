/**
 * The open-data API's query parameters: each a zod schema that reads the parameter's one string
 * value (repeated parameters are rejected before), with its description and the message of its
 * 400 answer; openapi.ts documents them from the same objects. Response bodies: ./api-schemas.ts.
 */
import { z } from 'zod';
import { PLATFORMS } from '../domain/model';
import { MAX_QUERY_LENGTH } from '../domain/search';
import { t, languages, type Language, type Translate } from '../i18n';
import { MAX_SEARCH_LIMIT } from './input';

const MAX_PAGE_LIMIT = 100;
export const DEFAULT_PAGE_LIMIT = 50;
const MAX_OFFSET = 100_000;
/** Tolerances below this gain nothing on outlines already simplified to ~200 m. */
export const SIMPLIFY_FLOOR_METERS = 50;
const MAX_SIMPLIFY_METERS = 10_000;

export interface QueryParam<T = unknown> {
  name: string;
  /** What the parameter means, in the language of `translate` (the docs page's; German in openapi.json). */
  description: (translate: Translate) => string;
  required: boolean;
  /** Reads the parameter's (trimmed) value; its input side documents the parameter. */
  schema: z.ZodType<T, string>;
  /** Message of the 400 answer when the value is not valid. */
  invalid: string;
  example?: string;
}

const integerText = (digits: number) =>
  z
    .string()
    .trim()
    .regex(new RegExp(`^\\d{1,${digits}}$`));

export const limitParam: QueryParam<number> = {
  name: 'limit',
  description: (translate) => translate('apiDoc.param.limit', { max: MAX_PAGE_LIMIT, default: DEFAULT_PAGE_LIMIT }),
  required: false,
  schema: integerText(3).transform(Number).pipe(z.number().int().min(1).max(MAX_PAGE_LIMIT)),
  invalid: t('api.invalidPageLimit', { max: MAX_PAGE_LIMIT }),
  example: '20',
};

export const offsetParam: QueryParam<number> = {
  name: 'offset',
  description: (translate) => translate('apiDoc.param.offset'),
  required: false,
  schema: integerText(6).transform(Number).pipe(z.number().int().min(0).max(MAX_OFFSET)),
  invalid: t('api.invalidOffset', { max: MAX_OFFSET }),
  example: '0',
};

export const simplifyParam: QueryParam<number> = {
  name: 'simplify',
  description: (translate) => translate('apiDoc.param.simplify', { floor: SIMPLIFY_FLOOR_METERS, max: MAX_SIMPLIFY_METERS }),
  required: false,
  schema: integerText(5).transform(Number).pipe(z.number().int().min(0).max(MAX_SIMPLIFY_METERS)),
  invalid: t('api.invalidSimplify', { max: MAX_SIMPLIFY_METERS }),
  example: '500',
};

export const platformParam: QueryParam<(typeof PLATFORMS)[number]> = {
  name: 'platform',
  description: (translate) => translate('apiDoc.param.platform', { platforms: PLATFORMS.join(', ') }),
  required: false,
  schema: z
    .string()
    .trim()
    .transform((value) => value.toLowerCase())
    .pipe(z.enum(PLATFORMS)),
  invalid: t('api.invalidPlatform', { platforms: PLATFORMS.join(', ') }),
  example: 'instagram',
};

// Account input is read by the domain normaliser; here only the length bound.
const accountText = z.string().max(2000);

export const accountUrlParam: QueryParam<string> = {
  name: 'url',
  description: (translate) => translate('apiDoc.param.url'),
  required: false,
  schema: accountText,
  invalid: t('api.invalidAccount'),
  example: 'https://x.com/polizei_celle_jannik_demo',
};

export const accountHandleParam: QueryParam<string> = {
  name: 'handle',
  description: (translate) => translate('apiDoc.param.handle'),
  required: false,
  schema: accountText,
  invalid: t('api.invalidAccount'),
  example: '@polizei_celle_jannik_demo',
};

/** Documentation-only descriptions of the two older endpoints' parameters (read by ./input.ts). */
export const locateParams: QueryParam[] = (['lat', 'lon'] as const).map((name) => ({
  name,
  description: (translate) => translate(name === 'lat' ? 'apiDoc.param.lat' : 'apiDoc.param.lon'),
  required: true,
  schema: z.string().regex(/^[+-]?\d{1,3}(\.\d{1,12})?$/),
  invalid: t('api.invalidCoordinates'),
  example: name === 'lat' ? '52.6226' : '10.0805',
}));

const languageTags = Object.keys(languages) as [Language, ...Language[]];

/** The language of texts meant for people in an answer (search notes); errors stay German. */
export const languageParam: QueryParam<Language> = {
  name: 'lang',
  description: (translate) => translate('apiDoc.param.lang', { languages: languageTags.join(', ') }),
  required: false,
  schema: z.enum(languageTags),
  invalid: t('api.invalidLanguage', { languages: languageTags.join(', ') }),
  example: 'en',
};

export const searchParams: QueryParam[] = [
  {
    name: 'q',
    description: (translate) => translate('apiDoc.param.q', { max: MAX_QUERY_LENGTH }),
    required: true,
    schema: z
      .string()
      .min(1)
      .max(MAX_QUERY_LENGTH * 2),
    invalid: t('api.invalidQuery', { max: MAX_QUERY_LENGTH }),
    example: 'Celle',
  },
  {
    name: 'limit',
    description: (translate) => translate('apiDoc.param.searchLimit', { max: MAX_SEARCH_LIMIT }),
    required: false,
    schema: z.string().regex(/^\d{1,3}$/),
    invalid: t('api.invalidLimit', { max: MAX_SEARCH_LIMIT }),
    example: '5',
  },
  languageParam,
];

/** The parameters of /accounts/verify, in the order the documentation lists them. */
export const accountCheckParams = { url: accountUrlParam, handle: accountHandleParam, platform: platformParam };
