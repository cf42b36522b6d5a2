/**
 * A small RFC 4180 CSV reader: comma separator, fields optionally in double quotes, "" as an
 * escaped quote inside quotes, line breaks (LF or CRLF) inside quoted fields, optional BOM.
 */

export interface CsvRow {
  fields: string[];
  /** 1-based line where the row starts. */
  line: number;
}

export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    detail: string,
  ) {
    super(`Zeile ${line}: ${detail}`);
    this.name = 'CsvSyntaxError';
  }
}

/** Splits CSV text into rows of raw field strings. Blank lines are skipped. */
export function parseCsv(text: string): CsvRow[] {
  const input = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let rowLine = 1;
  let i = 0;
  let atFieldStart = true;
  let rowHasContent = false;

  const endField = () => {
    fields.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    if (rowHasContent || fields.length > 1 || fields[0] !== '') rows.push({ fields, line: rowLine });
    fields = [];
    rowHasContent = false;
  };

  while (i < input.length) {
    const c = input[i]!;
    if (atFieldStart && c === '"') {
      // Quoted field: read to the closing quote, honouring "" escapes and embedded line breaks.
      const startLine = line;
      i++;
      for (;;) {
        if (i >= input.length) throw new CsvSyntaxError(startLine, 'Anführungszeichen nicht geschlossen');
        const q = input[i]!;
        if (q === '"') {
          if (input[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\n') line++;
        field += q;
        i++;
      }
      rowHasContent = true;
      atFieldStart = false;
      const next = input[i];
      if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(line, `unerwartetes Zeichen ${JSON.stringify(next)} nach schließendem Anführungszeichen`);
      }
      continue;
    }
    if (c === ',') {
      rowHasContent = true;
      endField();
      i++;
    } else if (c === '\r' || c === '\n') {
      endRow();
      i += c === '\r' && input[i + 1] === '\n' ? 2 : 1;
      line++;
      rowLine = line;
    } else {
      if (c === '"') throw new CsvSyntaxError(line, 'Anführungszeichen mitten in einem Feld ohne Quoting');
      field += c;
      rowHasContent = true;
      atFieldStart = false;
      i++;
    }
  }
  if (!atFieldStart || fields.length > 0 || field !== '' || rowHasContent) endRow();
  return rows;
}

export interface CsvRecord {
  values: Record<string, string>;
  line: number;
}

/**
 * Rows as objects keyed by the header. A row with a different number of fields than the header
 * is returned with `columnCountMismatch` set so the caller can report it with its line.
 */
export function csvRecords(text: string): {
  header: string[];
  records: (CsvRecord & { columnCountMismatch?: number })[];
} {
  const [head, ...rows] = parseCsv(text);
  if (!head) return { header: [], records: [] };
  const header = head.fields.map((h) => h.trim());
  const records = rows.map((row) => {
    const values: Record<string, string> = {};
    header.forEach((name, k) => {
      const value = row.fields[k];
      if (value !== undefined) values[name] = value;
    });
    return row.fields.length === header.length
      ? { values, line: row.line }
      : { values, line: row.line, columnCountMismatch: row.fields.length };
  });
  return { header, records };
}
