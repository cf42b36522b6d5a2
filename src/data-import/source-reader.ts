/**
 * Reads the files of a data directory for the import: text, JSON, GeoJSON features and CSV rows,
 * each record validated (zod, geometry), every problem collected with file, record and field.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { parseAreaGeometry, type AreaGeometry } from '../domain/geo/geometry';
import type { LatLon } from '../domain/model';
import { csvRecords, CsvSyntaxError } from './csv';
import { displayPath, ProblemCollector, type RecordRef } from './errors';
import { describeIssue, featureCollectionSchema, formatPath } from './schemas';

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export class SourceReader {
  readonly problems = new ProblemCollector();
  readonly files: string[] = [];

  constructor(readonly dataDir: string) {}

  display(rel: string): string {
    return displayPath(path.resolve(this.dataDir, rel));
  }

  async text(rel: string): Promise<string | undefined> {
    const absolute = path.resolve(this.dataDir, rel);
    try {
      const text = await readFile(absolute, 'utf8');
      this.files.push(rel);
      return text;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      this.problems.add(
        this.display(rel),
        undefined,
        undefined,
        code === 'ENOENT' ? 'Datei fehlt' : `Datei nicht lesbar (${code ?? String(error)})`,
      );
      return undefined;
    }
  }

  /** Whether an optional file is there. */
  async exists(rel: string): Promise<boolean> {
    return exists(path.resolve(this.dataDir, rel));
  }

  async json(rel: string): Promise<unknown> {
    const text = await this.text(rel);
    if (text === undefined) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.problems.add(this.display(rel), undefined, undefined, `kein gültiges JSON: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** A JSON file that must hold an array of records. */
  async jsonArray(rel: string): Promise<unknown[]> {
    const value = await this.json(rel);
    if (value === undefined) return [];
    if (!Array.isArray(value)) {
      this.problems.add(this.display(rel), undefined, undefined, 'erwartet eine Liste (JSON-Array) von Datensätzen');
      return [];
    }
    return value as unknown[];
  }

  /** Validates one record; reports every issue with its field path and returns undefined if invalid. */
  check<S extends z.ZodType>(schema: S, value: unknown, rel: string, record: RecordRef, fieldPrefix = ''): z.infer<S> | undefined {
    const result = schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      let fieldPath = [...issue.path];
      if (issue.code === 'unrecognized_keys' && issue.keys.length === 1) fieldPath = [...fieldPath, issue.keys[0]!];
      const field = [fieldPrefix, formatPath(fieldPath)].filter(Boolean).join('.');
      this.problems.add(this.display(rel), record, field || undefined, describeIssue(issue));
    }
    return undefined;
  }

  geometry(value: unknown, rel: string, record: RecordRef): AreaGeometry | undefined {
    try {
      return parseAreaGeometry(value);
    } catch (error) {
      this.problems.add(this.display(rel), record, 'geometry', `ungültige Geometrie: ${(error as Error).message}`);
      return undefined;
    }
  }

  /** Features of a GeoJSON file with validated properties and geometry; invalid features are reported and left out. */
  async features<S extends z.ZodType>(
    rel: string,
    propsSchema: S,
    idOf: (props: Record<string, unknown>) => unknown,
  ): Promise<{ props: z.infer<S>; geometry: AreaGeometry; ref: RecordRef }[]> {
    return this.featureRecords(rel, propsSchema, idOf, (raw, ref) => this.geometry(raw, rel, ref));
  }

  /** Point features of a GeoJSON file (streets/*.geojson) with validated properties; invalid ones are reported and left out. */
  async pointFeatures<S extends z.ZodType>(
    rel: string,
    propsSchema: S,
    pointSchema: z.ZodType<{ coordinates: number[] }>,
    idOf: (props: Record<string, unknown>) => unknown,
  ): Promise<{ props: z.infer<S>; point: LatLon; ref: RecordRef }[]> {
    const features = await this.featureRecords(rel, propsSchema, idOf, (raw, ref) => this.check(pointSchema, raw, rel, ref, 'geometry'));
    return features.map(({ props, geometry, ref }) => ({
      props,
      point: { lat: geometry.coordinates[1]!, lon: geometry.coordinates[0]! },
      ref,
    }));
  }

  /**
   * The features of a GeoJSON file whose properties and geometry (read by `readGeometry`) are
   * valid; every problem of every feature is reported, in the file's order.
   */
  private async featureRecords<S extends z.ZodType, G>(
    rel: string,
    propsSchema: S,
    idOf: (props: Record<string, unknown>) => unknown,
    readGeometry: (raw: unknown, ref: RecordRef) => G | undefined,
  ): Promise<{ props: z.infer<S>; geometry: G; ref: RecordRef }[]> {
    const value = await this.json(rel);
    if (value === undefined) return [];
    const collection = this.check(featureCollectionSchema, value, rel, { index: 0 });
    if (!collection) return [];
    return collection.features.flatMap((feature, index) => {
      const rawId = idOf(feature.properties);
      const ref: RecordRef = { index, id: typeof rawId === 'string' ? rawId : undefined };
      const props = this.check(propsSchema, feature.properties, rel, ref, 'properties');
      const geometry = readGeometry(feature.geometry, ref);
      return props !== undefined && geometry !== undefined ? [{ props, geometry, ref }] : [];
    });
  }

  /**
   * Rows of a CSV file, validated; `line` is where each row starts. `keep` passes over rows the
   * caller does not want before they are validated (another state's rows of a file for all of
   * Germany).
   */
  async csv<S extends z.ZodType>(
    rel: string,
    schema: S,
    idOf: (values: Record<string, string>) => string | undefined,
    { optional = false, keep }: { optional?: boolean; keep?: (values: Record<string, string>) => boolean } = {},
  ): Promise<{ row: z.infer<S>; ref: RecordRef }[]> {
    if (optional && !(await exists(path.resolve(this.dataDir, rel)))) return [];
    const text = await this.text(rel);
    if (text === undefined) return [];
    let parsed: ReturnType<typeof csvRecords>;
    try {
      parsed = csvRecords(text);
    } catch (error) {
      if (!(error instanceof CsvSyntaxError)) throw error;
      const ref = error.record === undefined ? undefined : { index: error.record, line: error.line };
      const where = ref ? '' : ` in der Kopfzeile (Zeile ${error.line})`;
      this.problems.add(this.display(rel), ref, error.field, `CSV-Syntaxfehler${where}: ${error.detail}`);
      return [];
    }
    const out: { row: z.infer<S>; ref: RecordRef }[] = [];
    parsed.records.forEach((record, index) => {
      if (keep && !keep(record.values)) return;
      const ref: RecordRef = { index, line: record.line, id: idOf(record.values) };
      if (record.columnCountMismatch !== undefined) {
        this.problems.add(
          this.display(rel),
          ref,
          undefined,
          `${record.columnCountMismatch} Spalten statt ${parsed.header.length} wie in der Kopfzeile`,
        );
        return;
      }
      const row = this.check(schema, record.values, rel, ref);
      if (row !== undefined) out.push({ row, ref });
    });
    return out;
  }

  /** Reports the second and later records with an id seen before. */
  unique<T>(items: T[], rel: string, idOf: (item: T) => string, refOf: (item: T) => RecordRef, field = 'id'): Map<string, T> {
    const seen = new Map<string, T>();
    for (const item of items) {
      const id = idOf(item);
      const earlier = seen.get(id);
      if (earlier !== undefined) {
        this.problems.add(this.display(rel), refOf(item), field, `doppelte id "${id}" (schon in Datensatz ${refOf(earlier).index + 1})`);
      } else {
        seen.set(id, item);
      }
    }
    return seen;
  }
}
