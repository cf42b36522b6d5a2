/**
 * The distinct words of the street index (street and place words, tens of thousands at most,
 * never the addresses), for spelling correction: a typed word the index does not know is replaced
 * by the known words one or two edits away, and the full-text query then runs with those.
 */
import { boundedOsaDistance } from './edit-distance';
import { lowerBound } from './sorted';

const itself = (term: string) => term;

/** A known word close to a typed one. */
export interface TermCorrection {
  term: string;
  edits: number;
}

/** Edits allowed for a word of this length: none for short words, one up to 7 letters, else two. */
export function allowedEdits(length: number): number {
  return length < 4 ? 0 : length < 8 ? 1 : 2;
}

const MAX_CORRECTIONS = 8;

/** Sorted, de-duplicated words with a letter-pair index bucketed by word length. */
export class TermVocabulary {
  readonly #terms: string[];
  readonly #known: Set<string>;
  /** By word length: letter pair → indexes into #terms (ascending). */
  readonly #pairs: Array<Map<string, Int32Array> | undefined> = [];
  /** Shared-pair counters per term, reused by every lookup (reset after use). */
  readonly #counts: Uint8Array;

  constructor(terms: Iterable<string>) {
    this.#terms = [...new Set(terms)].filter((term) => term !== '').sort();
    this.#known = new Set(this.#terms);
    this.#counts = new Uint8Array(this.#terms.length);
    const byLength: Array<Map<string, number[]>> = [];
    this.#terms.forEach((term, index) => {
      const pairs = (byLength[term.length] ??= new Map());
      for (const pair of pairsOf(term)) {
        const list = pairs.get(pair);
        if (list) list.push(index);
        else pairs.set(pair, [index]);
      }
    });
    byLength.forEach((pairs, length) => {
      this.#pairs[length] = new Map([...pairs].map(([pair, list]) => [pair, Int32Array.from(list)]));
    });
  }

  get size(): number {
    return this.#terms.length;
  }

  has(term: string): boolean {
    return this.#known.has(term);
  }

  /** Whether some known word starts with `prefix`. */
  hasPrefix(prefix: string): boolean {
    const i = lowerBound(this.#terms, prefix, itself);
    return i < this.#terms.length && this.#terms[i]!.startsWith(prefix);
  }

  /** The known words starting with `prefix` (alphabetical), or null when there are more than `max`. */
  completions(prefix: string, max: number): string[] | null {
    const from = lowerBound(this.#terms, prefix, itself);
    const out: string[] = [];
    for (let i = from; i < this.#terms.length && this.#terms[i]!.startsWith(prefix); i++) {
      if (out.length === max) return null;
      out.push(this.#terms[i]!);
    }
    return out;
  }

  /** Known words within {@link allowedEdits} of `word`, fewest edits first. */
  corrections(word: string): TermCorrection[] {
    const max = allowedEdits(word.length);
    if (max === 0) return [];
    const pairs = pairsOf(word);
    // One edit changes at most three letter pairs (a transposition).
    const needed = Math.max(1, pairs.length - 3 * max);
    const counts = this.#counts;
    const touched: number[] = [];
    for (let length = Math.max(0, word.length - max); length <= word.length + max; length++) {
      const byPair = this.#pairs[length];
      if (byPair === undefined) continue;
      for (const pair of pairs) {
        const list = byPair.get(pair);
        if (list === undefined) continue;
        for (let k = 0; k < list.length; k++) {
          const index = list[k]!;
          const count = counts[index]!;
          if (count === 0) touched.push(index);
          if (count < 255) counts[index] = count + 1;
        }
      }
    }
    const out: TermCorrection[] = [];
    for (const index of touched) {
      const count = counts[index]!;
      counts[index] = 0;
      if (count < needed) continue;
      const term = this.#terms[index]!;
      const edits = boundedOsaDistance(word, term, max);
      if (edits <= max && edits > 0) out.push({ term, edits });
    }
    return best(out);
  }

  /**
   * Known words whose start is within one edit of `prefix` (a typo while still typing): only
   * words with the same first letter are compared, which keeps this to a slice of the list.
   */
  prefixCorrections(prefix: string): TermCorrection[] {
    if (prefix.length < 4) return [];
    const from = lowerBound(this.#terms, prefix[0]!, itself);
    const to = lowerBound(this.#terms, String.fromCodePoint(prefix.codePointAt(0)! + 1), itself);
    const seen = new Map<string, TermCorrection>();
    for (let i = from; i < to; i++) {
      const term = this.#terms[i]!;
      if (term.length < prefix.length - 1) continue;
      // The typed prefix against the same-length start of the word, one letter longer or shorter too.
      let edits = 2;
      for (const cut of [prefix.length, prefix.length - 1, prefix.length + 1]) {
        if (cut > term.length) continue;
        edits = Math.min(edits, boundedOsaDistance(prefix, term, 1, 0, cut));
      }
      if (edits === 1) seen.set(term, { term, edits });
    }
    return best([...seen.values()]);
  }
}

/** The closest corrections: with one-edit words at hand, two-edit ones are only noise. */
function best(list: TermCorrection[]): TermCorrection[] {
  const fewest = Math.min(...list.map((c) => c.edits));
  return list
    .filter((c) => c.edits === fewest)
    .sort((a, b) => a.edits - b.edits || a.term.length - b.term.length || (a.term < b.term ? -1 : 1))
    .slice(0, MAX_CORRECTIONS);
}

function pairsOf(word: string): string[] {
  const padded = ` ${word} `;
  const out = new Set<string>();
  for (let i = 0; i < padded.length - 1; i++) out.add(padded.slice(i, i + 2));
  return [...out];
}
