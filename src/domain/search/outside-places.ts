/**
 * Places and postcodes outside Niedersachsen, so that the portal can say "Bremen liegt in Bremen,
 * nicht in Niedersachsen" and name the police responsible there. Looked up only exactly (after
 * normalisation): outside our state the portal never guesses a look-alike.
 */
import type { LatLon, OutsidePlace, StatePolice } from '../model';
import { baseName, normaliseText, shortName } from './normalise';

/** A place (or postcode) outside Niedersachsen a query names, with its police. */
export interface OutsideMatch {
  /** The place as the data name it: "Oldenburg in Holstein", "Bremen". */
  place: string;
  /** Set when the query named the postcode. */
  postcode: string | null;
  police: StatePolice;
  point: LatLon;
}

/**
 * The states bordering Niedersachsen, nearest first in spirit: their places come before those of
 * farther states when a name exists in several.
 */
export const NEIGHBOUR_STATE_CODES = ['HB', 'HH', 'SH', 'MV', 'BB', 'ST', 'TH', 'HE', 'NW'] as const;

/** A district's name alone ("Hamburg Allermöhe" → "Allermöhe") must be a real name, not "Mitte". */
const MIN_ALONE_LETTERS = 4;
const NOT_A_NAME_ALONE = new Set([
  'mitte',
  'nord',
  'sud',
  'ost',
  'west',
  'altstadt',
  'neustadt',
  'innenstadt',
  'zentrum',
  'stadt',
  'bad',
  'dorf',
]);

interface Named {
  place: OutsidePlace;
  /** Whether the name was typed whole (else a short form of it). */
  whole: boolean;
}

export class OutsidePlaces {
  readonly #byName = new Map<string, Named[]>();
  readonly #byPostcode = new Map<string, OutsidePlace[]>();

  constructor(places: readonly OutsidePlace[]) {
    const townsByState = new Map<string, Set<string>>();
    for (const place of places) {
      const towns = townsByState.get(place.police.stateCode) ?? new Set<string>();
      towns.add(normaliseText(place.name));
      townsByState.set(place.police.stateCode, towns);
    }
    for (const place of places) {
      const whole = normaliseText(place.name);
      if (whole === '') continue;
      this.#add(whole, { place, whole: true });
      for (const short of shortForms(place.name, townsByState.get(place.police.stateCode)!)) {
        if (short !== whole && short !== '') this.#add(short, { place, whole: false });
      }
      const list = this.#byPostcode.get(place.postcode);
      if (list) list.push(place);
      else this.#byPostcode.set(place.postcode, [place]);
    }
  }

  /** The places a normalised name means, one per police, best first: whole names, then neighbours. */
  named(text: string): OutsideMatch[] {
    const found = this.#byName.get(text) ?? [];
    const ordered = [...found].sort((a, b) => Number(b.whole) - Number(a.whole) || byNeighbourhood(a.place, b.place));
    return onePerPolice(
      ordered.map(({ place }) => place),
      null,
    );
  }

  /** The places of a postcode, one per police (a postcode may reach across a state border). */
  withPostcode(postcode: string): OutsideMatch[] {
    return onePerPolice([...(this.#byPostcode.get(postcode) ?? [])].sort(byNeighbourhood), postcode);
  }

  #add(key: string, named: Named): void {
    const list = this.#byName.get(key);
    if (list) list.push(named);
    else this.#byName.set(key, [named]);
  }
}

/**
 * The names people use alone for a place, normalised: without brackets and locatives
 * ("Neustadt (Hessen)", "Oldenburg in Holstein" → "neustadt", "oldenburg"), and a district's own
 * name where the data write "<Stadt> <Stadtteil>" ("Hamburg Allermöhe" → "allermohe").
 */
function shortForms(name: string, townsOfState: ReadonlySet<string>): string[] {
  const out = [shortName(name)];
  const words = normaliseText(baseName(name).split(/[/,]/)[0]!).split(' ').filter(Boolean);
  for (let k = words.length - 1; k >= 1; k--) {
    if (!townsOfState.has(words.slice(0, k).join(' '))) continue;
    const alone = words.slice(k).join(' ');
    if (alone.replace(/ /g, '').length >= MIN_ALONE_LETTERS && !NOT_A_NAME_ALONE.has(alone)) out.push(alone);
    break;
  }
  return out;
}

function byNeighbourhood(a: OutsidePlace, b: OutsidePlace): number {
  const rank = (p: OutsidePlace) => {
    const i = (NEIGHBOUR_STATE_CODES as readonly string[]).indexOf(p.police.stateCode);
    return i < 0 ? NEIGHBOUR_STATE_CODES.length : i;
  };
  return (
    rank(a) - rank(b) ||
    a.police.state.localeCompare(b.police.state, 'de') ||
    (a.postcode < b.postcode ? -1 : a.postcode > b.postcode ? 1 : 0)
  );
}

function onePerPolice(places: readonly OutsidePlace[], postcode: string | null): OutsideMatch[] {
  const seen = new Set<string>();
  const out: OutsideMatch[] = [];
  for (const place of places) {
    if (seen.has(place.police.id)) continue;
    seen.add(place.police.id);
    out.push({ place: place.name, postcode, police: place.police, point: place.point });
  }
  return out;
}
