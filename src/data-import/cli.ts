/**
 * Builds the portal database from a data directory.
 *
 *   npx tsx src/data-import/cli.ts [--if-stale] [--data-dir DIR] [--out FILE] [--addresses FILE]...
 *
 * Defaults: DATA_DIR (else "data") and DATABASE_PATH (else "<dataDir>/portal.db").
 * --addresses adds an address or street file from outside the data directory: HK-DE .txt, plain
 * address .csv, or the OpenPLZ street list .csv (recognised by its header).
 * Exit codes: 0 built or up to date, 1 validation or build failure, 2 bad arguments.
 */
import path from 'node:path';
import { buildDatabase, isDatabaseStale, type BuildReport } from './build-database';
import { DataValidationError } from './errors';
import { publishedSourceDir } from '../services/editor/published-source';

const USAGE = 'Aufruf / usage: tsx src/data-import/cli.ts [--if-stale] [--data-dir DIR] [--out FILE] [--addresses FILE]...';

interface CliOptions {
  ifStale: boolean;
  dataDir: string;
  outputPath: string;
  extraAddressFiles: string[];
}

function parseArgs(argv: string[]): CliOptions | string {
  let ifStale = false;
  let dataDir = process.env.DATA_DIR || 'data';
  let out: string | undefined = process.env.DATABASE_PATH || undefined;
  const extraAddressFiles: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '') throw new Error(`${flag} braucht einen Wert / needs a value`);
      return v;
    };
    try {
      if (flag === '--if-stale') ifStale = true;
      else if (flag === '--data-dir') dataDir = value();
      else if (flag === '--out') out = value();
      else if (flag === '--addresses') extraAddressFiles.push(value());
      else if (flag === '--help' || flag === '-h') return USAGE;
      else return `unbekannte Option / unknown option: ${arg}\n${USAGE}`;
    } catch (error) {
      return `${(error as Error).message}\n${USAGE}`;
    }
  }
  return { ifStale, dataDir, outputPath: out ?? path.join(dataDir, 'portal.db'), extraAddressFiles };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

function summary(report: BuildReport, outputPath: string): string {
  const c = report.counts;
  const lines = [
    `Datenbank gebaut / database built: ${outputPath} (${mb(report.sizeBytes)}, data_version ${report.dataVersion}, ${report.durationMs} ms)`,
    `  ${c.directorates} Polizeidirektionen, ${c.inspections} Polizeiinspektionen, ${c.kreise} Kreise, ${c.districts} Bezirke (${c.cities} Städte in Stadtteile aufgeteilt), ${c.municipalities} Gemeinden, ${c.postcodeAreas} PLZ-Zuordnungen`,
    `  ${c.streets} Straßen, ${c.addresses} Adressen${report.synthetic ? ' (SYNTHETISCH: nur für Lasttests)' : ''}`,
    `  ${c.stations} Dienststellen, ${c.officers} Beamtinnen/Beamte, ${c.assignments} Zuständigkeiten, ${c.accounts} Konten, ${c.dataSources} Quellen`,
  ];
  for (const warning of report.warnings) lines.push(`  Hinweis / note: ${warning}`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (typeof options === 'string') {
    const isHelp = options === USAGE;
    (isHelp ? console.log : console.error)(options);
    return isHelp ? 0 : 2;
  }
  const { outputPath, ifStale, extraAddressFiles } = options;
  // Once editors have published (/redaktion), their newest version's files take the place of the
  // editable files in data/ (EDITOR_IGNORE_PUBLISHED=1 builds data/ as it is).
  const source = await publishedSourceDir(options.dataDir);
  const dataDir = source.dir;
  if (source.version !== null)
    console.log(`Redaktion: veröffentlichter Stand ${source.version} / editors' published version ${source.version}`);
  try {
    return await build({ dataDir, outputPath, ifStale, extraAddressFiles });
  } finally {
    await source.done();
  }
}

async function build({ dataDir, outputPath, ifStale, extraAddressFiles }: CliOptions): Promise<number> {
  if (ifStale && !(await isDatabaseStale({ dataDir, dbPath: outputPath, extraAddressFiles }))) {
    console.log(`Datenbank aktuell / database up to date: ${outputPath}`);
    return 0;
  }
  try {
    const report = await buildDatabase({ dataDir, outputPath, extraAddressFiles });
    console.log(summary(report, outputPath));
    return 0;
  } catch (error) {
    if (error instanceof DataValidationError) {
      const n = error.problems.length;
      console.error(
        `Datenprüfung fehlgeschlagen / data validation failed (${n} ${n === 1 ? 'Problem' : 'Probleme'}); ${outputPath} bleibt unverändert / left unchanged:`,
      );
      for (const problem of error.problems) console.error(`  ${problem.message}`);
      return 1;
    }
    console.error(`Datenbank-Build fehlgeschlagen / database build failed: ${(error as Error).message ?? String(error)}`);
    if (process.env.DEBUG) console.error(error);
    return 1;
  }
}

process.exitCode = await main();
