/**
 * Read access to the streets, their FTS5 index and the addresses of an open snapshot. The
 * statements are prepared once per snapshot; the rows stay on disk (millions of addresses), only
 * the index's word list is read whole, for spelling correction.
 */
import { and, asc, desc, eq, getTableColumns, gte, lt, sql } from 'drizzle-orm';
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
    this.#addressesAt = db
      .select()
      .from(addresses)
      .where(and(eq(addresses.streetId, sql.placeholder('street')), eq(addresses.number, sql.placeholder('number'))))
      .orderBy(asc(addresses.suffix))
      .prepare();
    // Nearest number: the next one up and the next one down, each one step along the index.
    const neighbour = (direction: 'up' | 'down') =>
      db
        .select()
        .from(addresses)
        .where(
          and(
            eq(addresses.streetId, sql.placeholder('street')),
            direction === 'up' ? gte(addresses.number, sql.placeholder('number')) : lt(addresses.number, sql.placeholder('number')),
          ),
        )
        .orderBy(direction === 'up' ? asc(addresses.number) : desc(addresses.number), asc(addresses.suffix))
        .limit(1)
        .prepare();
    this.#above = neighbour('up');
    this.#below = neighbour('down');
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

  /** The addresses of a street with this number (any suffix). */
  addressesAt(streetId: number, number: number): AddressRow[] {
    return this.#addressesAt.all({ street: streetId, number });
  }

  /** The address of a street whose number is closest to `number`. */
  nearestAddress(streetId: number, number: number): AddressRow | undefined {
    const above = this.#above.all({ street: streetId, number })[0];
    const below = this.#below.all({ street: streetId, number })[0];
    if (!above || !below) return above ?? below;
    // Ties go to the lower number.
    return number - below.number <= above.number - number ? below : above;
  }
}
