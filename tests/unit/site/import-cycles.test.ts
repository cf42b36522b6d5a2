/** The sources import one another without cycles, type-only imports included (CONTRIBUTING.md). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { importCycles } from '../../../scripts/import-cycles.mjs';

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe('import cycles', () => {
  it('finds a cycle made of type-only imports, and none in a chain', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cycles-'));
    made.push(dir);
    mkdirSync(join(dir, 'sub'));
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './sub/b';\nexport type A = B;\n");
    writeFileSync(join(dir, 'sub', 'b.ts'), "import type { A } from '../a';\nexport type B = { a?: A };\n");
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a';\nexport type C = A;\n");
    const cycles = importCycles(dir) as string[][];
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.map((file) => file.replace(/\\/g, '/').split('/').slice(-2).join('/'))).toEqual([
      expect.stringMatching(/a\.ts$/),
      'sub/b.ts',
    ]);
  });

  it('finds none in src/', () => {
    expect(importCycles()).toEqual([]);
  });
});
