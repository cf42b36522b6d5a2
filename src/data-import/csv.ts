/**
 * The data directory's CSV files, read by csv-parse (RFC 4180: comma separator, fields optionally
 * in double quotes, "" for a quote inside them, line breaks inside quotes; a BOM and LF, CRLF or
 * CR line ends). This module adds only what the import's messages need: the line where each
 * record starts, and syntax errors in German naming line and field.
 */
import { CsvError, parse } from 'csv-parse/sync';

export interface CsvRecord {
  values: Record<string, string>;
  /** 1-based line where the record starts (the header is line 1). */
  line: number;
}

/** A file csv-parse cannot read; `record` (0-based, header not counted) and `field` where known. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly record: number | undefined,
    readonly field: string | undefined,
    readonly detail: string,
  ) {
    super(`Zeile ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

const lineBreaks = (fields: readonly string[]) =>
  fields.reduce((count, field) => count + (field.includes('\n') ? field.split('\n').length - 1 : 0), 0);

/** What a csv-parse error code means, for the people who edit the data. */
function describe(error: CsvError): string {
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'Anführungszeichen nicht geschlossen (bis zum Dateiende)';
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return `unerwartetes Zeichen nach schließendem Anführungszeichen (Zeile ${String(error.lines)})`;
    case 'INVALID_OPENING_QUOTE':
      return 'Anführungszeichen mitten in einem Feld ohne Quoting (das ganze Feld in "…" setzen und " darin verdoppeln)';
    default:
      return `nicht lesbar (${error.message})`;
  }
}

/**
 * Records as objects keyed by the trimmed header; blank lines are skipped. A record with a
 * different number of fields than the header comes with `columnCountMismatch` (its count) so
 * that the caller reports it with its line. Throws CsvSyntaxError.
 */
export function csvRecords(text: string): {
  header: string[];
  records: (CsvRecord & { columnCountMismatch?: number })[];
} {
  // One kind of line end, so that csv-parse counts one line per break, inside quotes too.
  const lines = text.replace(/\r\n?/g, '\n');
  const rows: { fields: string[]; endLine: number }[] = [];
  try {
    parse(lines, {
      bom: true,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (fields: string[], { lines: endLine }) => {
        rows.push({ fields, endLine });
        return null;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // The failing record starts at the first non-blank line after the last one read.
    const all = lines.split('\n');
    let line = (rows.at(-1)?.endLine ?? 0) + 1;
    while (line < all.length && all[line - 1] === '') line++;
    const column = typeof error.column === 'number' ? error.column : undefined;
    const header = rows[0]?.fields.map((name) => name.trim()) ?? [];
    const field = column === undefined ? undefined : (header[column] ?? `Spalte ${column + 1}`);
    throw new CsvSyntaxError(line, rows.length > 0 ? rows.length - 1 : undefined, field, describe(error));
  }
  const [head, ...body] = rows;
  if (!head) return { header: [], records: [] };
  const header = head.fields.map((name) => name.trim());
  const records = body.map(({ fields, endLine }) => {
    const values: Record<string, string> = {};
    header.forEach((name, k) => {
      const value = fields[k];
      if (value !== undefined) values[name] = value;
    });
    const line = endLine - lineBreaks(fields);
    return fields.length === header.length ? { values, line } : { values, line, columnCountMismatch: fields.length };
  });
  return { header, records };
}
