// Finds import cycles among the TypeScript sources (type-only imports and re-exports count: a
// cycle of types still ties two files together for a reader). `node scripts/import-cycles.mjs
// [folder]` prints each cycle and exits 1 if there is one; tests/unit/site/import-cycles.test.ts
// runs importCycles() on src/. Written here because the usual tools (madge, dpdm) are not among
// the project's dependencies; the TypeScript compiler, which is, resolves the imports.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = resolve(fileURLToPath(import.meta.url), '../..');

function sourceFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The project files a TypeScript file imports or re-exports from. */
function importsOf(file, options) {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.flatMap(({ fileName }) => {
    const resolved = ts.resolveModuleName(fileName, file, options, ts.sys).resolvedModule;
    return resolved && !resolved.isExternalLibraryImport ? [resolve(resolved.resolvedFileName)] : [];
  });
}

/** The import cycles among the .ts files under `dir` (strongly connected components of more than one file, or a file importing itself). */
export function importCycles(dir = join(ROOT, 'src')) {
  const options = { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, allowImportingTsExtensions: true };
  const files = sourceFiles(dir).map((file) => resolve(file));
  const known = new Set(files);
  const edges = new Map(files.map((file) => [file, importsOf(file, options).filter((target) => known.has(target))]));
  // Tarjan's strongly connected components.
  let counter = 0;
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (file) => {
    index.set(file, counter);
    low.set(file, counter);
    counter++;
    stack.push(file);
    onStack.add(file);
    for (const target of edges.get(file)) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || edges.get(file).includes(file)) {
        cycles.push(component.map((path) => relative(ROOT, path)).sort());
      }
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return cycles;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const cycles = importCycles(process.argv[2] ? resolve(process.argv[2]) : undefined);
  for (const cycle of cycles) console.log(`Zyklus: ${cycle.join(' ↔ ')}`);
  console.log(`${cycles.length} Import-Zyklen`);
  process.exit(cycles.length > 0 ? 1 : 0);
}
