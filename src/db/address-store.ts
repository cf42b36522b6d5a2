/**
 * Read access to the streets, their FTS5 index and the addresses of an open snapshot. The
 * statements are prepared once per snapshot; the rows stay on disk (millions of addresses), only
 * the index's word list is read whole, for spelling correction.
 */
import { getTableColumns, sql } from 'drizzle-orm';
import type { PortalDatabase } from './client';
import { addresses, streets, type AddressRow, type StreetRow } from './schema';

/** How many streets one full-text query may return, at most. */
export const MAX_STREET_CANDIDATES = 64;

export class AddressStore {
  readonly #db: PortalDatabase;
  readonly #candidates;
  readonly #candidateIds;
  readonly #addressesAt;
  readonly #above;
  readonly #below;

  constructor(db: PortalDatabase) {
    this.#db = db;
    // Low rowids are the important streets (see the import): rowid order plus LIMIT keeps the best.
    // The hot statement is a plain better-sqlite3 one: drizzle's mapping of 64 rows per keystroke
    // measured as a visible share of the query time. Its columns are the table's, aliased to the
    // schema's property names, so rows keep the StreetRow type.
    const columns = Object.entries(getTableColumns(streets))
      .map(([key, column]) => `"${column.name}" AS "${key}"`)
      .join(', ');
    this.#candidates = db.$client.prepare<[string, number], StreetRow>(
      `SELECT ${columns} FROM streets WHERE id IN (SELECT rowid FROM street_search WHERE street_search MATCH ? ORDER BY rowid LIMIT ?)`,
    );
    this.#candidateIds = db.$client.prepare<[string, number], { rowid: number }>(
      'SELECT rowid FROM street_search WHERE street_search MATCH ? ORDER BY rowid LIMIT ?',
    );
    // The house-number lookups run up to three times per query: plain statements too, for the
    // same reason (drizzle's row mapping showed as a tenth of the search time).
    const addressColumns = Object.entries(getTableColumns(addresses))
      .map(([key, column]) => `"${column.name}" AS "${key}"`)
      .join(', ');
    // No ORDER BY: SQLite would sort the few rows in a temporary b-tree, a third of the lookup's
    // time; they are sorted by suffix below.
    this.#addressesAt = db.$client.prepare<[number, number], AddressRow>(
      `SELECT ${addressColumns} FROM addresses WHERE street_id = ? AND number = ?`,
    );
    // Nearest number: the next one up and the next one down, each one step along the index.
    this.#above = db.$client.prepare<[number, number], AddressRow>(
      `SELECT ${addressColumns} FROM addresses WHERE street_id = ? AND number >= ? ORDER BY number ASC, suffix ASC LIMIT 1`,
    );
    this.#below = db.$client.prepare<[number, number], AddressRow>(
      `SELECT ${addressColumns} FROM addresses WHERE street_id = ? AND number < ? ORDER BY number DESC, suffix ASC LIMIT 1`,
    );
  }

  /** Every distinct word of the street index (street and place words, postcodes). */
  vocabulary(): string[] {
    return this.#db.all<{ term: string }>(sql`SELECT term FROM street_search_vocab`).map((row) => row.term);
  }

  /** Streets matching an FTS5 expression, at most `limit`, the most important ones. */
  streetCandidates(match: string, limit = MAX_STREET_CANDIDATES): StreetRow[] {
    return this.#candidates.all(match, Math.min(limit, MAX_STREET_CANDIDATES));
  }

  /** The bare FTS5 lookup (ids only): the floor the benchmark compares the whole search with. */
  streetCandidateIds(match: string, limit = MAX_STREET_CANDIDATES): number[] {
    return this.#candidateIds.all(match, limit).map((row) => row.rowid);
  }

  /** The addresses of a street with this number (any suffix), by suffix ("" first). */
  addressesAt(streetId: number, number: number): AddressRow[] {
    // Suffixes are ASCII ("a", "/1"): comparing UTF-16 units orders them as SQLite's bytes would.
    return this.#addressesAt.all(streetId, number).sort((a, b) => (a.suffix < b.suffix ? -1 : a.suffix > b.suffix ? 1 : 0));
  }

  /** The address of a street whose number is closest to `number`. */
  nearestAddress(streetId: number, number: number): AddressRow | undefined {
    const above = this.#above.get(streetId, number);
    const below = this.#below.get(streetId, number);
    if (!above || !below) return above ?? below;
    // Ties go to the lower number.
    return number - below.number <= above.number - number ? below : above;
  }
}
