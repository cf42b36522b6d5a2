/**
 * What the search decides for what citizens type, on the project's real data: real Ortsteile,
 * real places and postcodes of other states, names that exist inside and outside, names we do
 * not know, typos, postcodes with towns. And as properties over many generated queries: no
 * corrected answer is ever gone to, and a postcode's municipalities are never outranked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src/domain/seeded-random';
import type { Portal, SearchAnswer } from '../../src/services/portal';
import { buildProjectPortal, removeTempDirs } from './helpers/data-dir';

let portal: Portal;
beforeAll(async () => {
  portal = await buildProjectPortal();
});
afterAll(removeTempDirs);

const search = (query: string): SearchAnswer => portal.search(query, 20);
/** The district a query goes straight to, or null. */
const wentTo = (answer: SearchAnswer) =>
  answer.decision.action === 'go' ? (answer.results[answer.decision.index]!.district?.name ?? null) : null;

describe("Ortsteile: one step to their municipality's district", () => {
  it.each<[string, string, string]>([
    ['Greetsiel', 'Krummhörn', 'Greetsiel (Krummhörn)'],
    ['Krummhörn-Greetsiel', 'Krummhörn', 'Greetsiel (Krummhörn)'],
    ['Greetsiel Krummhörn', 'Krummhörn', 'Greetsiel (Krummhörn)'],
    ['26736 Greetsiel', 'Krummhörn', '26736 Greetsiel (Krummhörn)'],
    ['Carolinensiel', 'Wittmund', 'Carolinensiel (Wittmund)'],
    ['Dangast', 'Varel', 'Dangast (Varel)'],
    ['Neßmersiel', 'Dornum', 'Neßmersiel (Dornum)'],
    ['Sankt Andreasberg', 'Braunlage', 'Sankt Andreasberg (Braunlage)'],
    ['St. Andreasberg', 'Braunlage', 'Sankt Andreasberg (Braunlage)'],
    ['Hahnenklee', 'Goslar', 'Hahnenklee-Bockswiese (Goslar)'],
    ['Hahnenklee-Bockswiese', 'Goslar', 'Hahnenklee-Bockswiese (Goslar)'],
    ['Loccum', 'Rehburg-Loccum', 'Loccum (Rehburg-Loccum)'],
    ['Hermannsburg', 'Südheide', 'Hermannsburg (Südheide)'],
    ['Bad Bederkesa', 'Geestland', 'Bad Bederkesa (Geestland)'],
    ['Salzgitter-Bad', 'Salzgitter', 'Salzgitter-Bad (Salzgitter)'],
    ['Lebenstedt', 'Salzgitter', 'Lebenstedt (Salzgitter)'],
  ])('%s → Bezirk %s as %s', (query, district, label) => {
    const answer = search(query);
    expect(wentTo(answer)).toBe(district);
    expect(answer.results[0]).toMatchObject({ type: 'locality', label, match: 'exact', pointOnMap: true });
  });

  it('an Ortsteil named like a municipality elsewhere lists both (Hesel, Neuhaus), never choosing', () => {
    for (const query of ['Hesel', 'Neuhaus']) {
      const answer = search(query);
      expect(answer.decision, query).toEqual({ action: 'choose', reason: 'several' });
      expect(
        answer.results
          .filter((r) => r.match === 'exact')
          .map((r) => r.type)
          .sort(),
        query,
      ).toEqual(['locality', 'municipality']);
    }
  });
});

describe('places and postcodes outside Niedersachsen', () => {
  it.each<[string, string, string, string]>([
    ['Bremen', 'Bremen', 'Bremen', 'Polizei Bremen'],
    ['bremen', 'Bremen', 'Bremen', 'Polizei Bremen'],
    ['Bremerhaven', 'Bremerhaven', 'Bremen', 'Ortspolizeibehörde Bremerhaven'],
    ['28195', 'Bremen', 'Bremen', 'Polizei Bremen'],
    ['27568', 'Bremerhaven', 'Bremen', 'Ortspolizeibehörde Bremerhaven'],
    ['Hamburg', 'Hamburg', 'Hamburg', 'Polizei Hamburg'],
    ['20095', 'Hamburg', 'Hamburg', 'Polizei Hamburg'],
    ['Bergedorf', 'Hamburg Bergedorf', 'Hamburg', 'Polizei Hamburg'],
    ['München', 'München', 'Bayern', 'Bayerische Polizei'],
    ['Muenchen', 'München', 'Bayern', 'Bayerische Polizei'],
    ['80331', 'München', 'Bayern', 'Bayerische Polizei'],
    ['Kiel', 'Kiel', 'Schleswig-Holstein', 'Landespolizei Schleswig-Holstein'],
    ['Dresden', 'Dresden', 'Sachsen', 'Polizei Sachsen'],
    ['Berlin', 'Berlin', 'Berlin', 'Polizei Berlin'],
    ['Hauptstraße 5, Bremen', 'Bremen', 'Bremen', 'Polizei Bremen'],
    ['Sögestraße 1, 28195 Bremen', 'Bremen', 'Bremen', 'Polizei Bremen'],
  ])('%s → %s in %s, %s, and nothing of Niedersachsen', (query, place, state, police) => {
    const answer = search(query);
    expect(answer.decision).toEqual({ action: 'outside' });
    expect(answer.outsideArea).toMatchObject({ place, state, police: { name: police, url: expect.stringMatching(/^https:\/\//) } });
    // "Bremen" is no typo of Bremervörde, "Hamburg" not the start of Hamburger Allee.
    expect(answer.results).toEqual([]);
  });

  it.each<[string, string, string]>([
    ['Oldenburg', 'Oldenburg (Oldb)', 'Schleswig-Holstein'],
    ['Rotenburg', 'Rotenburg (Wümme)', 'Hessen'],
    ['Neustadt', 'Neustadt am Rübenberge', 'Thüringen'],
    ['Emden', 'Emden', 'Sachsen-Anhalt'],
    ['Hagen', 'Hagen am Teutoburger Wald', 'Schleswig-Holstein'],
  ])('%s exists inside and outside: Niedersachsen first (%s), the outside named, no jump', (query, first, state) => {
    const answer = search(query);
    expect(answer.results[0]).toMatchObject({ label: first, match: 'exact' });
    expect(answer.outsideArea?.state === state || answer.outsideArea?.others.some((o) => o.state === state)).toBe(true);
    expect(answer.decision).toEqual({ action: 'choose', reason: 'several' });
  });

  it('a postcode reaching into Niedersachsen and beyond lists ours and names the other state', () => {
    const answer = search('19273');
    expect(answer.results.map((r) => r.label).sort()).toEqual(['19273 Amt Neuhaus', '19273 Bleckede']);
    expect(answer.outsideArea?.state).toBe('Mecklenburg-Vorpommern');
  });

  it('a postcode outside with a town inside: the outside answer, the town only as a guess', () => {
    const answer = search('28195 Celle');
    expect(answer.outsideArea?.state).toBe('Bremen');
    expect(answer.results[0]).toMatchObject({ label: 'Celle', match: 'corrected' });
    expect(answer.decision.action).not.toBe('go');
  });

  it('never guesses a place outside: a typo of Bremen is not Bremen', () => {
    const answer = search('Brehmen');
    expect(answer.outsideArea).toBeNull();
    expect(answer.decision.action).not.toBe('go');
  });
});

describe('names we do not know', () => {
  it.each(['Steinhude', 'Duhnen', 'Wussegel'])('%s: "kennen wir nicht", guesses only as guesses', (query) => {
    const answer = search(query);
    expect(['guess', 'unknown']).toContain(answer.decision.action);
    expect(answer.results.every((r) => r.match === 'corrected')).toBe(true);
    expect(answer.outsideArea).toBeNull();
  });

  it('Mardorf: only completions of streets named after it, no jump', () => {
    const answer = search('Mardorf');
    expect(answer.decision).toEqual({ action: 'choose', reason: 'notExact' });
    expect(answer.results.some((r) => r.match === 'exact')).toBe(false);
  });

  it('Norddeich is also in Schleswig-Holstein: ours first, theirs named, no jump', () => {
    const answer = search('Norddeich');
    expect(answer.results[0]).toMatchObject({ label: 'Norddeich (Norden)', match: 'exact' });
    expect(answer.outsideArea?.state).toBe('Schleswig-Holstein');
    expect(answer.decision.action).toBe('choose');
  });

  it.each(['Xyzzyqw', 'Qqqqq Zzzz', '00000'])('%s: unknown', (query) => {
    expect(search(query)).toEqual({ results: [], outsideArea: null, decision: { action: 'unknown' } });
  });

  it.each<[string, string]>([
    ['Gretsiel', 'Greetsiel (Krummhörn)'],
    ['Cele', 'Celle'],
    ['Götingen', 'Göttingen'],
    ['Carolinensil', 'Carolinensiel (Wittmund)'],
  ])('a typo %s is answered "Meinten Sie %s?", not gone to', (query, label) => {
    const answer = search(query);
    expect(answer.decision).toEqual({ action: 'guess' });
    expect(answer.results[0]).toMatchObject({ label, match: 'corrected' });
  });

  it('a town before words we do not know is a guess, ahead of look-alikes ("Celle-Blumenviertel", "Hannover-Blumenviertel")', () => {
    for (const [query, town] of [
      ['Celle-Blumenviertel', 'Celle'],
      ['Hannover-Blumenviertel', 'Hannover'],
    ] as const) {
      const answer = search(query);
      expect(answer.decision, query).toEqual({ action: 'guess' });
      expect(answer.results[0], query).toMatchObject({ label: town, match: 'corrected' });
    }
  });
});

describe('a given postcode constrains', () => {
  it('Kirchweg 2, 27283 Verden: the street is unknown, all of Verden is one district: go, saying so', () => {
    const answer = search('Kirchweg 2, 27283 Verden');
    expect(answer.results[0]).toMatchObject({ ags: '03361012', streetUnknown: true, match: 'exact', approximate: true });
    expect(answer.results[0]!.note).toMatch(/Straße nicht gefunden, Ergebnis für 27283 Verden/);
    expect(wentTo(answer)).toBe('Verden (Aller)');
    const firstOutside = answer.results.findIndex((r) => r.ags !== '03361012');
    expect(answer.results.slice(firstOutside).every((r) => r.ags !== '03361012')).toBe(true);
  });

  it('never ranks a place outside the postcode above one inside it', () => {
    const random = seededRandom(14);
    const rows = portal.search('Celle', 1).results.length > 0 ? postcodeRows() : [];
    expect(rows.length).toBeGreaterThan(500);
    for (let i = 0; i < 300; i++) {
      const { postcode, word } = rows[Math.floor(random() * rows.length)]!;
      const inside = new Set(rows.filter((r) => r.postcode === postcode).map((r) => r.ags));
      const query = random() < 0.5 ? `Kirchweg 3, ${postcode} ${word}` : `${postcode} ${word.slice(0, Math.max(3, word.length - 1))}`;
      const results = portal.search(query, 20).results;
      const firstOut = results.findIndex((r) => r.ags === null || !inside.has(r.ags));
      if (firstOut < 0) continue;
      expect(
        results.slice(firstOut).some((r) => r.ags !== null && inside.has(r.ags)),
        query,
      ).toBe(false);
    }
  });
});

describe('no corrected answer is ever gone to', () => {
  it('holds for thousands of generated queries: typos, prefixes, Ortsteile, places outside', () => {
    const random = seededRandom(1414);
    const names = [
      ...portal.listDistricts().map((d) => d.name),
      ...postcodeRows().map((r) => r.word),
      'Greetsiel',
      'Carolinensiel',
      'Sankt Andreasberg',
      'Bremen',
      'Hamburg',
      'München',
      'Oldenburg',
      'Steinhude',
    ];
    const typo = (word: string) => {
      const letters = [...word];
      const i = Math.floor(random() * letters.length);
      const kind = random();
      if (kind < 0.3) letters.splice(i, 1);
      else if (kind < 0.6) letters.splice(i, 0, 'e');
      else if (kind < 0.8 && i + 1 < letters.length) [letters[i], letters[i + 1]] = [letters[i + 1]!, letters[i]!];
      else letters[i] = 'x';
      return letters.join('');
    };
    let corrected = 0;
    let went = 0;
    for (let i = 0; i < 3_000; i++) {
      const name = names[Math.floor(random() * names.length)]!;
      const pick = random();
      const query =
        pick < 0.5
          ? typo(name)
          : pick < 0.7
            ? name.slice(0, 2 + Math.floor(random() * name.length))
            : pick < 0.85
              ? `Gibtsnichtweg ${1 + Math.floor(random() * 90)}, ${typo(name)}`
              : name;
      const { results, decision } = portal.search(query, 10);
      corrected += results.filter((r) => r.match === 'corrected').length;
      if (decision.action !== 'go') continue;
      went++;
      expect(results[decision.index]!.match, query).toBe('exact');
      // And it is the only exact place.
      expect(
        new Set(
          results
            .filter((r) => r.match === 'exact')
            .map((r) => `${r.type === 'address' || r.type === 'street' ? r.street : ''}${r.district?.id}${r.ags}`),
        ).size,
        query,
      ).toBe(1);
    }
    // The generator reaches both kinds of answer, or the property says nothing.
    expect(corrected).toBeGreaterThan(1_000);
    expect(went).toBeGreaterThan(200);
  });
});

/** Postcode rows of the data (postcode, a municipality's AGS and a word of its name). */
function postcodeRows(): Array<{ postcode: string; ags: string; word: string }> {
  const places = portal.searchIndexes.places;
  const rows: Array<{ postcode: string; ags: string; word: string }> = [];
  for (let code = 19_000; code <= 49_999; code++) {
    const postcode = String(code);
    for (const ags of places.postcodeMunicipalities(postcode)) {
      const name = portal.listDistricts().length > 0 ? portalMunicipalityName(ags) : '';
      if (name) rows.push({ postcode, ags, word: name });
    }
  }
  return rows;
}

const municipalityNames = new Map<string, string>();
function portalMunicipalityName(ags: string): string {
  if (municipalityNames.size === 0) {
    for (const district of portal.listDistricts()) {
      for (const m of portal.districtView(district.id)!.municipalities) municipalityNames.set(m.ags, m.name.replace(/\s*\(.*\)$/, ''));
    }
  }
  return municipalityNames.get(ags) ?? '';
}
