/**
 * What the search (services/search.ts) needs of one snapshot: the place and address indexes, the
 * places outside Niedersachsen, and how a match becomes a result with its municipality, district
 * or divided city; plus the questions the pages ask about a searched town.
 */
import { NEIGHBOUR_STATE_CODES, OutsidePlaces, PlaceSearch, type PlaceMatch } from '../../domain/search';
import type { StatePolice } from '../../domain/model';
import type { AddressStore } from '../../db/address-store';
import { t as german, type Translate } from '../../i18n';
import { AddressSearch, type AddressMatch } from '../address-search';
import type { CityRecord } from '../cities';
import { searchPortal, type CitySummary, type DistrictSummary, type SearchAnswer, type SearchContext, type SearchResult } from '../search';
import type { PointLocator } from './locate';
import { summary, type SnapshotRecords } from './records';

export class SnapshotSearch {
  readonly #records: SnapshotRecords;
  readonly #locator: PointLocator;
  readonly #places: PlaceSearch;
  readonly #context: SearchContext;

  /** `addresses`: the open snapshot's streets and addresses (they stay on disk); null: places only. */
  constructor(records: SnapshotRecords, locator: PointLocator, addresses: AddressStore | null) {
    this.#records = records;
    this.#locator = locator;
    const { cities } = records;
    this.#places = new PlaceSearch({
      municipalities: [...records.municipalities.values()],
      districts: [...records.districts.values()],
      postcodeAreas: records.postcodeAreas,
      kreisNames: new Map([...records.kreise.values()].map((kreis) => [kreis.ags, kreis.name])),
      localities: records.localities,
      cities: cities.list().map((city) => ({
        id: city.id,
        name: city.name,
        boroughs: new Map(cities.groups(city.id).flatMap(({ borough }) => (borough ? [[borough.id, borough.name] as const] : []))),
      })),
    });
    const municipalityLabel = (ags: string) => this.municipalityLabel(ags);
    this.#context = {
      places: this.#places,
      addresses: addresses
        ? new AddressSearch(addresses, (ags, districtId) => {
            const part = records.districts.get(districtId);
            const town = municipalityLabel(ags);
            return { label: part?.cityId ? `${town}-${part.name}` : town, population: records.municipalities.get(ags)?.population ?? 0 };
          })
        : null,
      outside: new OutsidePlaces(records.outsidePlaces),
      placeResult: (match, note) => this.placeResult(match, note),
      addressResult: (match, t) => this.addressResult(match, t),
      districtsOf: (id) => (records.districts.has(id) ? 1 : cities.parts(id).length),
      municipalityLabel,
    };
  }

  /** The place and address indexes, for tests that look inside a decision. */
  get indexes(): { places: PlaceSearch; addresses: AddressSearch | null } {
    return { places: this.#places, addresses: this.#context.addresses };
  }

  /** See Portal.search. */
  search(query: string, limit: number, t: Translate = german): SearchAnswer {
    return searchPortal(this.#context, query, limit, t);
  }

  /** A municipality's display name as the search shows it ("Neustadt am Rübenberge", "Celle"). */
  municipalityLabel(ags: string): string {
    return this.#places.municipalityLabel(ags) ?? this.#records.municipalities.get(ags)?.name ?? ags;
  }

  /** See Portal.districtsOfMunicipality. */
  districtsOfMunicipality(ags: string): DistrictSummary[] {
    const { cities, municipalities, districts } = this.#records;
    const city = cities.ofMunicipality(ags);
    if (city) return cities.parts(city.id).map(summary);
    const municipality = municipalities.get(ags);
    const district = municipality && districts.get(municipality.districtId);
    return district ? [summary(district)] : [];
  }

  /** See Portal.townWholly. */
  townWholly(ags: string | null, districtId: string): { ags: string; name: string } | null {
    const districts = ags === null ? [] : this.districtsOfMunicipality(ags);
    if (ags === null || districts.length !== 1 || districts[0]!.id !== districtId) return null;
    return { ags, name: this.#places.municipalityLabel(ags) ?? this.#records.municipalities.get(ags)!.name };
  }

  /** See Portal.neighbouringPolice. */
  neighbouringPolice(): StatePolice[] {
    const rank = (police: StatePolice) => (NEIGHBOUR_STATE_CODES as readonly string[]).indexOf(police.stateCode);
    return this.#records.statePolice.filter((police) => rank(police) >= 0).sort((a, b) => rank(a) - rank(b) || a.id.localeCompare(b.id));
  }

  /** A city divided into districts as a search result names it. */
  private citySummary(city: CityRecord | null): CitySummary | null {
    return city && { id: city.id, name: city.name, districts: this.#records.cities.parts(city.id).length };
  }

  /** A result's district, or (where it names none of a divided city's parts) null, and its city. */
  private placeOf(districtId: string, ags: string | null): Pick<SearchResult, 'district' | 'city'> {
    const { cities, districts } = this.#records;
    const district = districts.get(districtId);
    const city = cities.city(district?.cityId ?? districtId) ?? (ags === null ? null : cities.ofMunicipality(ags));
    return { district: district ? summary(district) : null, city: this.citySummary(city) };
  }

  private placeResult(match: PlaceMatch, note: string | null): SearchResult {
    const municipality = match.ags ? this.#records.municipalities.get(match.ags) : undefined;
    return {
      ...match,
      municipality: municipality ? { ags: municipality.ags, name: municipality.name } : null,
      ...this.placeOf(match.districtId, match.ags),
      approximate: note !== null,
      note,
      street: null,
      houseNumber: null,
      nearBoundary: [],
      streetUnknown: false,
      // An Ortsteil's GeoNames point may miss its town by a little: marked only where it is in.
      pointOnMap: match.type === 'locality' && note === null && this.#locator.districtAt(match.point) === match.districtId,
    };
  }

  private addressResult(match: AddressMatch, t: Translate): SearchResult {
    const municipality = this.#records.municipalities.get(match.ags);
    const nearBoundary = this.#locator.nearBoundary(match.point, match.districtId).map((neighbour) => summary(neighbour.value));
    const boundaryNote =
      nearBoundary.length > 0 ? t('search.note.nearBoundary', { districts: nearBoundary.map((d) => d.name).join(', ') }) : null;
    return {
      ...match,
      place: '',
      municipality: municipality ? { ags: municipality.ags, name: municipality.name } : null,
      ...this.placeOf(match.districtId, match.ags),
      note: [match.note, boundaryNote].filter(Boolean).join(' ') || null,
      nearBoundary,
      streetUnknown: false,
      pointOnMap: match.located,
    };
  }
}
