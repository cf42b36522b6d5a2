/**
 * Reads the files of a data directory, validates every record (zod, geometry) and cross-checks
 * them, and returns domain-shaped records ready to be written to the database: the official
 * geography (official-sources.ts), addresses and streets (addresses.ts), the gazetteer
 * (gazetteer.ts) and the people (people-sources.ts). All problems of a stage are collected and
 * thrown together as one DataValidationError.
 */
import { readAddressSources, type AddressData, type StreetData } from './addresses';
import { readGazetteer, type Gazetteer } from './gazetteer';
import { readOfficial, type OfficialData } from './official-sources';
import { readPeople, type PeopleData } from './people-sources';
import { SourceReader } from './source-reader';

/** Everything a database snapshot holds. */
export interface SourceData extends OfficialData, PeopleData {
  /** Streets (OSM centres and those of the address files), in order of importance. */
  streets: StreetData[];
  /** Street addresses, sorted by street and number. */
  addresses: AddressData[];
  /** Address files marked synthetic by their name (benchmark data, never real). */
  syntheticFiles: string[];
  /** Ortsteile (GeoNames), each in the municipality its point lies in. */
  localities: Gazetteer['localities'];
  /** The police of the other states. */
  statePolice: Gazetteer['statePolice'];
  /** Places and postcodes outside Niedersachsen (GeoNames). */
  outsidePlaces: Gazetteer['outsidePlaces'];
}

export interface ReadOptions {
  /** Address files (HK-DE .txt or plain .csv) read in addition to the data directory's `addresses/`. */
  extraAddressFiles?: readonly string[];
}

/** Reads, validates and cross-checks every source file of `dataDir`. Throws DataValidationError listing all problems. */
export async function readSources(dataDir: string, options: ReadOptions = {}): Promise<SourceData> {
  const reader = new SourceReader(dataDir);
  const official = await readOfficial(reader);
  const addressData = await readAddressSources(reader, official, options.extraAddressFiles);
  official.warnings.push(...addressData.warnings);
  const gazetteer = await readGazetteer(reader, official.municipalities);
  official.warnings.push(...gazetteer.warnings);
  const people = await readPeople(reader, official, official.warnings);

  return {
    ...official,
    ...people,
    streets: addressData.streets,
    addresses: addressData.addresses,
    syntheticFiles: addressData.syntheticFiles,
    localities: gazetteer.localities,
    statePolice: gazetteer.statePolice,
    outsidePlaces: gazetteer.outsidePlaces,
    files: reader.files,
  };
}
