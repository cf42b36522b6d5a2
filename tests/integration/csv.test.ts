/**
 * CSV files of the data directory (csv-parse through src/data-import/csv.ts): well-formed files
 * in every line-end convention, and malformed ones reported with file, record, line and field,
 * the way the import reports every other problem.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { afterAll, describe, expect, it } from 'vitest';
import { csvRecords, CsvSyntaxError } from '../../src/data-import/csv';
import { SourceReader } from '../../src/data-import/source-reader';
import { makeTempDir, removeTempDirs } from './helpers/data-dir';

afterAll(removeTempDirs);

/** The syntax error csvRecords throws for `text`. */
function syntaxError(text: string): CsvSyntaxError {
  try {
    csvRecords(text);
  } catch (error) {
    if (error instanceof CsvSyntaxError) return error;
    throw error;
  }
  throw new Error('expected a CsvSyntaxError');
}

describe('csvRecords', () => {
  it('reads quotes, escaped quotes, commas and line breaks inside quotes, with the line each record starts on', () => {
    const { header, records } = csvRecords('name, note ,n\nA,"x, ""y""",1\n"B","zwei\nZeilen",2\nC,,3\n');
    expect(header).toEqual(['name', 'note', 'n']);
    expect(records).toEqual([
      { values: { name: 'A', note: 'x, "y"', n: '1' }, line: 2 },
      { values: { name: 'B', note: 'zwei\nZeilen', n: '2' }, line: 3 },
      { values: { name: 'C', note: '', n: '3' }, line: 5 },
    ]);
  });

  it('reads a BOM, CRLF, LF and CR alike, and skips blank lines without losing the count', () => {
    const expected = [
      { values: { a: '1', b: 'x' }, line: 2 },
      { values: { a: '2', b: 'zwei\nZeilen' }, line: 4 },
      { values: { a: '3', b: 'y' }, line: 6 },
    ];
    for (const [name, eol] of [
      ['LF', '\n'],
      ['CRLF', '\r\n'],
      ['CR', '\r'],
    ]) {
      const text = ['\uFEFFa,b', '1,x', '', `2,"zwei${eol}Zeilen"`, '3,y', ''].join(eol);
      const { header, records } = csvRecords(text);
      expect(header, name).toEqual(['a', 'b']); // no BOM in the first column's name
      expect(records, name).toEqual(expected);
    }
    // Line ends mixed in one file, and no line end after the last record.
    expect(csvRecords('a,b\r\n1,x\n\r\n2,"zwei\r\nZeilen"\n3,y').records).toEqual([
      { values: { a: '1', b: 'x' }, line: 2 },
      { values: { a: '2', b: 'zwei\nZeilen' }, line: 4 },
      { values: { a: '3', b: 'y' }, line: 6 },
    ]);
  });

  it('gives a record with the wrong number of fields back with its count, and reads on', () => {
    const { records } = csvRecords('a,b,c\n1,2\n1,2,3,4\n1,2,3\n');
    expect(records.map((record) => [record.line, record.columnCountMismatch])).toEqual([
      [2, 2],
      [3, 4],
      [4, undefined],
    ]);
  });

  it('an empty file has no header and no records', () => {
    expect(csvRecords('')).toEqual({ header: [], records: [] });
    expect(csvRecords('\uFEFF\n\n')).toEqual({ header: [], records: [] });
  });

  it('an unclosed quote: the line where its record starts, the record and the field', () => {
    const error = syntaxError('a,b,c\n1,2,3\n\n4,"offen,6\n7,8,9\n');
    expect(error).toMatchObject({ line: 4, record: 1, field: 'b' });
    expect(error.detail).toMatch(/Anführungszeichen nicht geschlossen/);
  });

  it('text after a closing quote, and a quote inside an unquoted field', () => {
    expect(syntaxError('a,b\n1,"x"y\n')).toMatchObject({ line: 2, record: 0, field: 'b' });
    expect(syntaxError('a,b\n1,"x"y\n').detail).toMatch(/nach schließendem Anführungszeichen/);
    const inside = syntaxError('a,b\r\n1,2\r\n3,ab"c\r\n');
    expect(inside).toMatchObject({ line: 3, record: 1, field: 'b' });
    expect(inside.detail).toMatch(/Anführungszeichen mitten in einem Feld/);
  });

  it('an error in the header names no record', () => {
    expect(syntaxError('"a,b\n1,2\n')).toMatchObject({ line: 1, record: undefined, field: 'Spalte 1' });
  });
});

describe('SourceReader.csv: problems name file, record, line and field', () => {
  const schema = z.object({ id: z.string().regex(/^\d+$/, 'erwartet eine Zahl'), name: z.string().min(1, 'darf nicht leer sein') });

  async function read(text: string) {
    const dataDir = await makeTempDir();
    await mkdir(path.join(dataDir, 'police'));
    await writeFile(path.join(dataDir, 'police', 'liste.csv'), text);
    const reader = new SourceReader(dataDir);
    const rows = await reader.csv('police/liste.csv', schema, (values) => values.id);
    return { rows, problems: reader.problems.problems.map((problem) => problem.message.replace(/^.*police\//, '')) };
  }

  it('reads good rows and reports each bad one', async () => {
    const { rows, problems } = await read('\uFEFFid,name\r\n1,Celle\r\nzwei,Uelzen\r\n3\r\n4,"Lüne\r\nburg"\r\n');
    expect(rows.map(({ row, ref }) => [row.id, row.name, ref.line])).toEqual([
      ['1', 'Celle', 2],
      ['4', 'Lüne\nburg', 5],
    ]);
    expect(problems).toEqual([
      'liste.csv, Datensatz 2 (Zeile 3, id "zwei"), Feld "id": erwartet eine Zahl',
      'liste.csv, Datensatz 3 (Zeile 4, id "3"): 1 Spalten statt 2 wie in der Kopfzeile',
    ]);
  });

  it('a syntax error: one problem with record, line and field, and no rows', async () => {
    const { rows, problems } = await read('id,name\n1,Celle\n2,"Uelzen\n');
    expect(rows).toEqual([]);
    expect(problems).toEqual([
      'liste.csv, Datensatz 2 (Zeile 3), Feld "name": CSV-Syntaxfehler: Anführungszeichen nicht geschlossen (bis zum Dateiende)',
    ]);
  });

  it('a syntax error in the header', async () => {
    const { problems } = await read('id,"name\n');
    expect(problems).toEqual([
      'liste.csv, Feld "Spalte 2": CSV-Syntaxfehler in der Kopfzeile (Zeile 1): Anführungszeichen nicht geschlossen (bis zum Dateiende)',
    ]);
  });
});
