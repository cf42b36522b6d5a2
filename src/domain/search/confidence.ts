/**
 * The one rule that decides what a search may do with its answers: go straight to a district,
 * ask the citizen to choose, offer guesses, say the place is outside Niedersachsen, or say we do
 * not know it. The search page, the widget and the API all apply this function; nothing else
 * decides a redirect.
 *
 * A wrong district named with confidence is the worst answer the portal can give, so the rule
 * is strict: it goes only where the query named exactly one place, every word of it known.
 */

/**
 * How an answer matched what was typed: `exact` (every word a known name, number or postcode,
 * after normalisation), `prefix` (the last word completed while typing) or `corrected` (a
 * spelling correction or a look-alike was needed, or part of the query had to be ignored).
 */
export type MatchKind = 'exact' | 'prefix' | 'corrected';

export const MATCH_KINDS: readonly MatchKind[] = ['exact', 'prefix', 'corrected'];

/** The weaker of two matches: an answer is only as exact as its weakest part. */
export function weakerMatch(a: MatchKind, b: MatchKind): MatchKind {
  return MATCH_KINDS.indexOf(a) >= MATCH_KINDS.indexOf(b) ? a : b;
}

/** What the rule needs to know of an answer. */
export interface RankedAnswer {
  match: MatchKind;
  /** Answers with the same key are one place (29221 Celle and 29223 Celle are Celle). */
  place: string;
  /** Its district; null for a place outside Niedersachsen. */
  districtId: string | null;
  /**
   * True where the point is not exactly the place asked for: the nearest house number, a
   * street's centre, the town for a street we do not know.
   */
  approximate: boolean;
  /**
   * How many districts the answer's municipality is split into. With one, every point of the
   * town is in the same district, so an approximate point cannot name the wrong one.
   */
  districtsOfTown: number;
}

export type SearchDecision =
  /** Go to the district of `answers[index]`. */
  | { action: 'go'; index: number }
  /**
   * Show the answers: several places match (`several`), the one place is split into districts
   * and the point is not exact enough to pick one (`partOfTown`), or nothing matched exactly
   * (`notExact`: completions while typing).
   */
  | { action: 'choose'; reason: 'several' | 'partOfTown' | 'notExact' }
  /** Only corrected answers: say we do not know the name, offer them as "Meinten Sie …?". */
  | { action: 'guess' }
  /** The only exact answers lie outside Niedersachsen. */
  | { action: 'outside' }
  /** Nothing at all. */
  | { action: 'unknown' };

/**
 * Decides from the answers, best first:
 * - go only for a single exact place in Niedersachsen, and for an approximate one only where its
 *   town is one district (an unknown street in Verden still lies in Verden's district);
 * - a corrected answer is never gone to, whatever its rank or score;
 * - exact places only outside Niedersachsen give the outside answer; exact places inside and
 *   outside (Oldenburg) are shown, Niedersachsen first.
 */
export function decideSearch(answers: readonly RankedAnswer[]): SearchDecision {
  const index = answers.findIndex((answer) => answer.match === 'exact');
  if (index >= 0) {
    const exact = answers.filter((answer) => answer.match === 'exact');
    if (exact.every((answer) => answer.districtId === null)) return { action: 'outside' };
    const outsideToo = exact.some((answer) => answer.districtId === null);
    if (outsideToo || exact.some((answer) => answer.place !== exact[0]!.place)) return { action: 'choose', reason: 'several' };
    const best = answers[index]!;
    if (!best.approximate || best.districtsOfTown === 1) return { action: 'go', index };
    return { action: 'choose', reason: 'partOfTown' };
  }
  if (answers.some((answer) => answer.match === 'prefix')) return { action: 'choose', reason: 'notExact' };
  return answers.length > 0 ? { action: 'guess' } : { action: 'unknown' };
}
