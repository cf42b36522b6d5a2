/** Places outside Niedersachsen: exact lookups only, their short forms, one answer per police. */
import { describe, expect, it } from 'vitest';
import type { OutsidePlace, StatePolice } from '../../../src/domain/model';
import { normaliseText, OutsidePlaces, shortName } from '../../../src/domain/search';

const police = (id: string, state: string, stateCode: string, name: string, note = ''): StatePolice => ({
  id,
  state,
  stateCode,
  name,
  url: `https://${id}.example/`,
  note,
});
const BREMEN = police('bremen', 'Bremen', 'HB', 'Polizei Bremen');
const BREMERHAVEN = police('bremerhaven', 'Bremen', 'HB', 'Ortspolizeibehörde Bremerhaven', 'nur für die Stadt Bremerhaven');
const HAMBURG = police('hamburg', 'Hamburg', 'HH', 'Polizei Hamburg');
const SH = police('schleswig-holstein', 'Schleswig-Holstein', 'SH', 'Landespolizei Schleswig-Holstein');
const BAYERN = police('bayern', 'Bayern', 'BY', 'Bayerische Polizei');
const HESSEN = police('hessen', 'Hessen', 'HE', 'Polizei Hessen');

const place = (name: string, postcode: string, p: StatePolice): OutsidePlace => ({ name, postcode, police: p, point: { lat: 53, lon: 9 } });

// Real places and postcodes (GeoNames), a few per state.
const places = new OutsidePlaces([
  place('Bremen', '28195', BREMEN),
  place('Bremen', '28197', BREMEN),
  place('Bremerhaven', '27568', BREMERHAVEN),
  place('Hamburg', '20095', HAMBURG),
  place('Hamburg Allermöhe', '21035', HAMBURG),
  place('Hamburg Mitte', '20095', HAMBURG),
  place('Oldenburg in Holstein', '23758', SH),
  place('Neustadt in Holstein', '23730', SH),
  place('Neustadt an der Aisch', '91413', BAYERN),
  place('Neustadt (Hessen)', '35279', HESSEN),
  place('München', '80331', BAYERN),
  place('Rotenburg an der Fulda', '36199', HESSEN),
]);

const states = (text: string) => places.named(normaliseText(text)).map((m) => m.police.id);

describe('OutsidePlaces', () => {
  it.each([
    ['Bremen', ['bremen']],
    ['bremen', ['bremen']],
    ['Bremerhaven', ['bremerhaven']],
    ['München', ['bayern']],
    ['Muenchen', ['bayern']],
    ['Hamburg', ['hamburg']],
    ['Oldenburg in Holstein', ['schleswig-holstein']],
    // The name used alone: without what follows "in", "an der", or a bracket.
    ['Oldenburg', ['schleswig-holstein']],
    ['Rotenburg', ['hessen']],
    // A Stadtteil the data write "<Stadt> <Stadtteil>" is found by its own name, not "Mitte".
    ['Allermöhe', ['hamburg']],
    ['Mitte', []],
    // Several states: neighbours of Niedersachsen first, one answer per police.
    ['Neustadt', ['schleswig-holstein', 'hessen', 'bayern']],
  ])('%s → %j', (query, expected) => {
    expect(states(query)).toEqual(expected);
  });

  it.each(['Brem', 'Bremer', 'Hamburger Allee', 'Münchenstraße', 'Muenchn', 'Bremen Bremen', ''])(
    'never guesses: %j names nothing',
    (query) => {
      expect(states(query)).toEqual([]);
    },
  );

  it('finds a postcode, with its place and police', () => {
    expect(places.withPostcode('28195')).toEqual([{ place: 'Bremen', postcode: '28195', police: BREMEN, point: { lat: 53, lon: 9 } }]);
    expect(places.withPostcode('29221')).toEqual([]);
  });
});

describe('shortName', () => {
  it.each([
    ['Neustadt a. Rbge.', 'neustadt'],
    ['Rotenburg an der Fulda', 'rotenburg'],
    ['Neustadt (Hessen)', 'neustadt'],
    ['Neustadt b. Coburg', 'neustadt'],
    ['Bad Münder am Deister', 'bad munder'],
    ['Frankfurt/Oder', 'frankfurt'],
    ['Celle', 'celle'],
    ['In der Heide', 'in der heide'],
  ])('%s → %s', (name, expected) => {
    expect(shortName(name)).toBe(expected);
  });
});
