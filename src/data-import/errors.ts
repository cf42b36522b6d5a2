/**
 * Validation problems of the data import. Each problem names the file, the record and the field,
 * so an editor can find and fix it without reading a stack trace.
 */
import path from 'node:path';

/** Where in a file a problem sits. `index` is 0-based; messages show it 1-based ("Datensatz 1"). */
export interface RecordRef {
  index: number;
  id?: string | undefined;
  /** Line in a CSV file where the record starts (1-based, header = line 1). */
  line?: number | undefined;
}

/**
 * One data problem, or (when thrown) the first of several: `problems` then lists all of them and
 * `message` has one line per problem.
 */
export class DataValidationError extends Error {
  readonly file: string;
  readonly record: RecordRef | undefined;
  readonly field: string | undefined;
  readonly detail: string;
  /** All problems found in this run (this one included); one element for a single problem. */
  problems: DataValidationError[];

  constructor(file: string, record: RecordRef | undefined, field: string | undefined, detail: string) {
    super(formatProblem(file, record, field, detail));
    this.name = 'DataValidationError';
    this.file = file;
    this.record = record;
    this.field = field;
    this.detail = detail;
    this.problems = [this];
  }

  /** Several problems as one error: the first one's location, every problem's line in the message. */
  static combine(problems: DataValidationError[]): DataValidationError {
    const [first] = problems;
    if (!first) throw new Error('DataValidationError.combine needs at least one problem');
    const error = new DataValidationError(first.file, first.record, first.field, first.detail);
    error.message = problems.map((p) => p.message).join('\n');
    error.problems = problems;
    return error;
  }
}

/** `data/demo/officers.json, Datensatz 12 (id "anna-petersen-7"), Feld "covers.districts[0]": unbekannter Bezirk "999999999"` */
function formatProblem(file: string, record: RecordRef | undefined, field: string | undefined, detail: string): string {
  let text = file;
  if (record) {
    const extra: string[] = [];
    if (record.line !== undefined) extra.push(`Zeile ${record.line}`);
    if (record.id !== undefined && record.id !== '') extra.push(`id "${record.id}"`);
    text += `, Datensatz ${record.index + 1}${extra.length ? ` (${extra.join(', ')})` : ''}`;
  }
  if (field) text += `, Feld "${field}"`;
  return `${text}: ${detail}`;
}

/** Collects problems across files so one run reports all of them, not just the first. */
export class ProblemCollector {
  readonly problems: DataValidationError[] = [];

  add(file: string, record: RecordRef | undefined, field: string | undefined, detail: string): void {
    this.problems.push(new DataValidationError(file, record, field, detail));
  }

  get size(): number {
    return this.problems.length;
  }

  /** Throws one combined DataValidationError if anything was collected. */
  throwIfAny(): void {
    if (this.problems.length > 0) throw DataValidationError.combine(this.problems);
  }
}

/** Shows a path relative to the working directory when it lies below it ("data/demo/officers.json"). */
export function displayPath(absolute: string): string {
  const relative = path.relative(process.cwd(), absolute);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : absolute;
}
