/**
 * Validation of what citizens and clients send, shared by pages and API endpoints so both
 * accept and reject exactly the same input, with the same messages (in the language of the `t`
 * passed in; German, the API's language, by default).
 */
import { z } from 'zod';
import type { LatLon } from '../domain/model';
import { MAX_QUERY_LENGTH } from '../domain/search';
import { t as german, type Translate } from '../i18n';

export const MAX_SEARCH_LIMIT = 20;
const DEFAULT_SEARCH_LIMIT = 10;

export type SearchQueryInput =
  { ok: true; query: string } | { ok: false; reason: 'missing' | 'empty' | 'repeated' | 'tooLong'; message: string };

/**
 * A parameter's one value: null when absent, undefined when repeated. A repeated parameter is
 * ambiguous, so callers reject it rather than silently taking the first value.
 */
export function soleParam(params: URLSearchParams, name: string): string | null | undefined {
  const values = params.getAll(name);
  return values.length === 0 ? null : values.length === 1 ? values[0] : undefined;
}

/** Reads `q`: trimmed, 1 to MAX_QUERY_LENGTH characters. */
export function readSearchQuery(params: URLSearchParams, t: Translate = german): SearchQueryInput {
  const raw = soleParam(params, 'q');
  if (raw === null) return { ok: false, reason: 'missing', message: t('search.empty') };
  if (raw === undefined) return { ok: false, reason: 'repeated', message: t('search.repeated') };
  // Lone surrogates and control characters are never part of a place name.
  const query = raw
    .toWellFormed()
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (query.length === 0) return { ok: false, reason: 'empty', message: t('search.empty') };
  if ([...query].length > MAX_QUERY_LENGTH) {
    return { ok: false, reason: 'tooLong', message: t('search.tooLong', { max: MAX_QUERY_LENGTH }) };
  }
  return { ok: true, query };
}

// Plain decimal degrees, as a map click or a location gives them: no exponent, no hex, at most
// 12 decimals. Read without zod: every map click and every locate request passes here.
const DECIMAL_DEGREES = /^[+-]?\d{1,3}(\.\d{1,12})?$/;

/** A parameter's value as decimal degrees within ±`limit`, or null. */
function degrees(raw: string | null | undefined, limit: number): number | null {
  if (typeof raw !== 'string') return null;
  const text = raw.trim();
  if (!DECIMAL_DEGREES.test(text)) return null;
  const value = Number(text);
  return Math.abs(value) <= limit ? value : null;
}

/** Reads `lat` and `lon` as plain decimal degrees; anything else is invalid. */
export function readCoordinates(
  params: URLSearchParams,
  t: Translate = german,
): { ok: true; point: LatLon } | { ok: false; message: string } {
  const lat = degrees(soleParam(params, 'lat'), 90);
  const lon = degrees(soleParam(params, 'lon'), 180);
  return lat === null || lon === null ? { ok: false, message: t('api.invalidCoordinates') } : { ok: true, point: { lat, lon } };
}

const limitSchema = z
  .string()
  .regex(/^\d{1,3}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_SEARCH_LIMIT));

/** Reads `limit` (default DEFAULT_SEARCH_LIMIT). */
export function readLimit(params: URLSearchParams, t: Translate = german): { ok: true; limit: number } | { ok: false; message: string } {
  const raw = soleParam(params, 'limit');
  if (raw === null) return { ok: true, limit: DEFAULT_SEARCH_LIMIT };
  const parsed = limitSchema.safeParse(raw?.trim());
  return parsed.success ? { ok: true, limit: parsed.data } : { ok: false, message: t('api.invalidLimit', { max: MAX_SEARCH_LIMIT }) };
}
