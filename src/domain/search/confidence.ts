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
  /**
   * Where it leads: its district, or a city divided into districts (the city itself, its
   * postcode, a street we do not know there); null for a place outside Niedersachsen.
   */
  target: string | null;
  /**
   * How many districts the answer stands for: 1 where it names one (an address, a street in one
   * district, a town that is one district, a Stadtteil), else as many as its city has. A point
   * that is not exactly the place asked for (the nearest house number, a street's centre, the
   * town of a street we do not know) stands for its town's or street's district: only where
   * that is one can it not name the wrong one.
   */
  districts: number;
}

export type SearchDecision =
  /** Go to the district of `answers[index]`. */
  | { action: 'go'; index: number }
  /**
   * Show the answers: several places match (`several`), the one place is a city divided into
   * districts and the answer cannot pick one (`partOfTown`: which part of town?), or nothing
   * matched exactly (`notExact`: completions while typing).
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
 * - go only for a single exact place in Niedersachsen that names one district (an unknown
 *   street in Verden still lies in Verden's district; "Hannover", or a street we do not know
 *   there, does not name one of its Stadtteile: which part of town?);
 * - a corrected answer is never gone to, whatever its rank or score;
 * - exact places only outside Niedersachsen give the outside answer; exact places inside and
 *   outside (Oldenburg) are shown, Niedersachsen first.
 */
export function decideSearch(answers: readonly RankedAnswer[]): SearchDecision {
  const index = answers.findIndex((answer) => answer.match === 'exact');
  if (index >= 0) {
    const exact = answers.filter((answer) => answer.match === 'exact');
    if (exact.every((answer) => answer.target === null)) return { action: 'outside' };
    const outsideToo = exact.some((answer) => answer.target === null);
    if (outsideToo || exact.some((answer) => answer.place !== exact[0]!.place)) return { action: 'choose', reason: 'several' };
    return answers[index]!.districts === 1 ? { action: 'go', index } : { action: 'choose', reason: 'partOfTown' };
  }
  if (answers.some((answer) => answer.match === 'prefix')) return { action: 'choose', reason: 'notExact' };
  return answers.length > 0 ? { action: 'guess' } : { action: 'unknown' };
}
