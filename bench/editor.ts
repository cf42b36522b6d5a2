/**
 * The editor area's figures (`npm run bench -- --only editor`): the time of a sign-in's password
 * check with the configured Argon2id parameters (EDITOR_ARGON2_*), the time of a publish's build
 * of the default data (the data build's own command in a child process, as the editor area runs
 * it, for a single server's snapshot file), then the whole publish as deployed, for the default
 * data and the 2.5 million synthetic addresses (bench/publish.ts; `--only publish` runs that alone).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openEditorDatabase } from '../src/db/editor/client';
import { editorConfig } from '../src/services/editor/config';
import { useEditorDatabase } from '../src/services/editor/db';
import { hashPassword, verifyPassword } from '../src/services/editor/passwords';
import { buildSnapshot } from '../src/services/editor/publish';
import { readContentFromFiles } from '../src/services/editor/records';
import { passwordStep } from '../src/services/editor/sign-in';
import { createUser } from '../src/services/editor/users';
import { runPublishBench } from './publish';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ms = (value: number) => `${value.toFixed(0)} ms`;

export async function runEditorBench(args: string[]): Promise<void> {
  const rounds = Number(args[args.indexOf('--rounds') + 1]) || 7;
  const { memoryCost, timeCost, parallelism } = editorConfig.argon2;
  console.log(
    `Redaktion / editor area — Argon2id m=${memoryCost} KiB (${(memoryCost / 1024).toFixed(0)} MiB), t=${timeCost}, p=${parallelism}`,
  );
  // An in-memory editor database (and key) of its own: the bench never touches data/editor.db.
  useEditorDatabase(openEditorDatabase(':memory:'));
  const password = 'ein langes passwort für die messung';
  const hash = await hashPassword(password);
  const verify: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await verifyPassword(hash, password);
    verify.push(performance.now() - started);
  }
  await createUser({ email: 'bench@bench.example', password, role: 'admin' }, { userId: null, name: 'bench' });
  const signIn: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await passwordStep('bench@bench.example', password, `10.0.0.${i}`);
    signIn.push(performance.now() - started);
  }
  console.log(
    `  Passwortprüfung / password verify: median ${ms(median(verify)!)}, min ${ms(Math.min(...verify))}, max ${ms(Math.max(...verify))} (${rounds} rounds)`,
  );
  console.log(
    `  Anmeldeschritt / sign-in step (throttle check, verify, audit): median ${ms(median(signIn)!)}, max ${ms(Math.max(...signIn))}`,
  );

  const dir = await mkdtemp(path.join(tmpdir(), 'revierfinder-bench-publish-'));
  try {
    const dataDir = process.env.DATA_DIR || 'data';
    const content = readContentFromFiles(dataDir);
    const started = performance.now();
    const outcome = await buildSnapshot(content, path.join(dir, 'portal.db'), dataDir);
    console.log(
      `  Veröffentlichen, ein Server / publish to a single server's snapshot file, default data (${content.officers.length} officers, ${content.accounts.length} accounts, ${content.stations.length} stations): ${ms(performance.now() - started)} (data version ${outcome.dataVersion})`,
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  console.log('');
  await runPublishBench(args);
}
