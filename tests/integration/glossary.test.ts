/**
 * Every term of the data that pages show as words (district and Kreis types, ranks, attributions
 * and licences of the sources) is in the data glossary, so English pages translate it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isDataTerm } from '../../src/i18n/glossary';
import type { Portal } from '../../src/services/portal';
import { buildProjectPortal } from './helpers/data-dir';

let portal: Portal;
beforeAll(async () => {
  portal = await buildProjectPortal();
});

describe('the data glossary covers the data', () => {
  it('has every district type, Kreis type, rank, attribution and licence of data/', () => {
    const districts = portal.listDistricts();
    const terms = new Set([
      ...districts.map((district) => district.type),
      ...districts.map((district) => portal.kreis(district.kreisAgs)!.type),
      ...portal.listOfficers().map((officer) => officer.rank),
      ...portal.info.sources.flatMap((source) => [source.attribution, source.licence]),
    ]);
    expect([...terms].filter((term) => !isDataTerm(term))).toEqual([]);
    expect(terms.size).toBeGreaterThan(10);
  });
});
