/**
 * Publishing: the approved drafts applied to the published content become a new snapshot, built
 * by `npm run data:build`'s own command (validation included; in a child process) from a copy of
 * the data directory with the editable files replaced, and swapped in atomically at the snapshot path.
 * Every server watching that file (src/services/snapshot.ts: each replica checks every 2 s) takes
 * it up without a restart; requests in progress finish on the old one. Behind nginx (SNAPSHOT_DIR)
 * the build goes to deploy/publish-snapshot.mjs instead, which switches every replica at once
 * (replicas.ts). The build gets the extra address files the current snapshot was built with, so
 * that a publish never drops them. Only when the build succeeded and every replica switched are
 * the drafts marked published and the version recorded.
 */
import { copyFile, link, mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { desc, eq, inArray } from 'drizzle-orm';
import { drafts, publishedVersions, type PublishedVersionRow } from '../../db/editor/schema';
import { spawn } from 'node:child_process';
import Database from 'better-sqlite3';
import { defaultSnapshotPath } from '../../db/client';
import { EXTRA_ADDRESS_FILES_KEY } from '../../db/schema';
import { log } from '../../server/log.mjs';
import { audit, type Actor } from './audit';
import { editorDb } from './db';
import { draftPayload, publishableDrafts } from './drafts';
import { contentOf, dataDir, FILES, publishedContent, withRecord, type AnyRecord, type EditableContent, type Entity } from './records';
import { buildFileIn, publishToReplicas, replicaTarget, ReplicasNotSwitched } from './replicas';

/** Built databases, temp files and hidden files are not sources (as the import's own rule). */
const NOT_SOURCE = /^\.|\.db($|-)|\.tmp|\.(sqlite|sqlite3)($|-)/;

/** Writes `content`'s files into a fresh copy of `sourceDir` (hard links where possible) and returns it. */
export async function overlayDirectory(sourceDir: string, content: EditableContent): Promise<string> {
  const target = await mkdtemp(path.join(tmpdir(), 'revierfinder-publish-'));
  const replaced = new Set(Object.values(FILES));
  const walk = async (rel: string) => {
    for (const entry of await readdir(path.join(sourceDir, rel), { withFileTypes: true })) {
      if (NOT_SOURCE.test(entry.name)) continue;
      const childRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        await mkdir(path.join(target, childRel), { recursive: true });
        await walk(childRel);
      } else if (entry.isFile() && !replaced.has(childRel)) {
        await link(path.join(sourceDir, childRel), path.join(target, childRel)).catch(() =>
          copyFile(path.join(sourceDir, childRel), path.join(target, childRel)),
        );
      }
    }
  };
  await walk('');
  for (const [key, file] of Object.entries(FILES)) {
    await mkdir(path.dirname(path.join(target, file)), { recursive: true });
    await writeFile(path.join(target, file), serialise(content[key as keyof EditableContent]));
  }
  return target;
}

/** A data file as the repository keeps it: two-space JSON with a final newline. */
export const serialise = (records: unknown) => `${JSON.stringify(records, null, 2)}\n`;

/** What a build reports back. */
export interface BuildOutcome {
  dataVersion: string;
}

/** The build refused the data: its messages (file, record, field), as `npm run data:build` prints them. */
export class BuildRefused extends Error {
  constructor(readonly problems: string[]) {
    super(`build refused: ${problems.length} problems`);
  }
}

/**
 * Builds `content` into the snapshot at `outputPath` (atomic swap) by running the data build's own
 * command (`tsx src/data-import/cli.ts`, what `npm run data:build` runs) in a child process: the
 * same validation and output, and the server's event loop stays free for citizens meanwhile.
 */
export async function buildSnapshot(
  content: EditableContent,
  outputPath = defaultSnapshotPath(),
  sourceDir = dataDir(),
  extraAddressFiles: readonly string[] = [],
): Promise<BuildOutcome> {
  const dir = await overlayDirectory(sourceDir, content);
  try {
    const { code, stderr } = await run(
      process.execPath,
      [
        path.resolve('node_modules/.bin/tsx'),
        path.resolve('src/data-import/cli.ts'),
        '--data-dir',
        dir,
        '--out',
        path.resolve(outputPath),
        ...extraAddressFiles.flatMap((file) => ['--addresses', file]),
      ],
      {
        ...process.env,
        // The overlay already is the content to publish: the CLI must not put the last published version over it.
        EDITOR_IGNORE_PUBLISHED: '1',
      },
    );
    if (code !== 0) {
      const problems = stderr
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line && !/^Datenprüfung fehlgeschlagen/.test(line));
      throw new BuildRefused(problems.length ? problems : [`data build exited with ${code}`]);
    }
    const db = new Database(outputPath, { readonly: true, fileMustExist: true });
    try {
      const row = db.prepare("SELECT value FROM meta WHERE key = 'data_version'").get() as { value: string };
      return { dataVersion: row.value };
    } finally {
      db.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The extra address files (`npm run data:build -- --addresses FILE`) the snapshot at `snapshotPath`
 * was built with, as its meta table records them: a publish builds with the same ones.
 */
export function extraAddressFilesOf(snapshotPath = defaultSnapshotPath()): string[] {
  let db: Database.Database;
  try {
    db = new Database(snapshotPath, { readonly: true, fileMustExist: true });
  } catch {
    return []; // no snapshot yet: the build starts from data/ alone
  }
  try {
    const row = db.prepare('SELECT value FROM meta WHERE key = ?').get(EXTRA_ADDRESS_FILES_KEY) as { value: string } | undefined;
    const files: unknown = row ? JSON.parse(row.value) : [];
    return Array.isArray(files) ? files.filter((file): file is string => typeof file === 'string') : [];
  } finally {
    db.close();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      if (stderr.length < 200_000) stderr += chunk;
    });
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), stderr }));
  });
}

export type PublishResult =
  | { ok: true; version: PublishedVersionRow; report: BuildOutcome; drafts: number }
  | { ok: false; reason: 'nothing' | 'busy' | 'invalid' | 'replicas'; problems?: string[] };

let publishing = false;

async function publishContent(
  content: EditableContent,
  actor: Actor,
  publishedBy: number,
  draftIds: number[],
  rollbackOf: number | null,
): Promise<PublishResult> {
  if (publishing) return { ok: false, reason: 'busy' };
  publishing = true;
  const started = performance.now();
  try {
    const action = rollbackOf ? 'publish.rollback' : 'publish';
    // Behind nginx the build goes to a file of its own, handed to the replicas' publishing below.
    const target = replicaTarget();
    const output = target ? buildFileIn(target) : defaultSnapshotPath();
    let report: BuildOutcome;
    try {
      report = await buildSnapshot(content, output, dataDir(), extraAddressFilesOf());
    } catch (error) {
      if (target) await rm(output, { force: true });
      if (!(error instanceof BuildRefused)) throw error;
      const problems = error.problems;
      audit(actor, action, 'failed', { after: { problems: problems.slice(0, 20) } });
      return { ok: false, reason: 'invalid', problems };
    }
    if (target) {
      try {
        await publishToReplicas(output, target, (line) => log.info({ event: 'publish', message: line }));
      } catch (error) {
        if (!(error instanceof ReplicasNotSwitched)) throw error;
        log.error({ event: 'publish', outcome: 'failed', dataVersion: report.dataVersion, message: error.message });
        audit(actor, action, 'failed', { after: { dataVersion: report.dataVersion, problems: [error.message] } });
        return { ok: false, reason: 'replicas', problems: [error.message] };
      }
    }
    const durationMs = Math.round(performance.now() - started);
    const db = editorDb();
    const version = db.transaction((tx) => {
      const row = tx
        .insert(publishedVersions)
        .values({
          content: JSON.stringify(content),
          dataVersion: report.dataVersion,
          publishedBy,
          publishedAt: new Date().toISOString(),
          rollbackOf,
          durationMs,
        })
        .returning()
        .get();
      if (draftIds.length)
        tx.update(drafts).set({ status: 'published', publishedVersion: row.id }).where(inArray(drafts.id, draftIds)).run();
      return row;
    });
    audit(actor, action, 'ok', {
      target: `version:${version.id}`,
      after: { dataVersion: report.dataVersion, drafts: draftIds, durationMs },
    });
    return { ok: true, version, report, drafts: draftIds.length };
  } finally {
    publishing = false;
  }
}

/** Publishes every publishable draft (admins only: the caller checks canPublish). */
export async function publishDrafts(actor: Actor, publishedBy: number): Promise<PublishResult> {
  const ready = publishableDrafts();
  if (!ready.length) return { ok: false, reason: 'nothing' };
  let content = publishedContent();
  for (const draft of ready) content = withRecord(content, draft.entity, draft.recordId, draftPayload(draft));
  return publishContent(
    content,
    actor,
    publishedBy,
    ready.map((d) => d.id),
    null,
  );
}

/** Publishes the content of an earlier version again (a rollback is a new version). */
export async function rollbackTo(versionId: number, actor: Actor, publishedBy: number): Promise<PublishResult> {
  const row = versionById(versionId);
  if (!row) return { ok: false, reason: 'nothing' };
  return publishContent(contentOf(row.content), actor, publishedBy, [], versionId);
}

export function listVersions(): Omit<PublishedVersionRow, 'content'>[] {
  return editorDb()
    .select({
      id: publishedVersions.id,
      dataVersion: publishedVersions.dataVersion,
      publishedBy: publishedVersions.publishedBy,
      publishedAt: publishedVersions.publishedAt,
      rollbackOf: publishedVersions.rollbackOf,
      durationMs: publishedVersions.durationMs,
    })
    .from(publishedVersions)
    .orderBy(desc(publishedVersions.id))
    .all();
}

export function versionById(id: number): PublishedVersionRow | undefined {
  return editorDb().select().from(publishedVersions).where(eq(publishedVersions.id, id)).get();
}

export interface RecordChange {
  entity: Entity;
  id: string;
  kind: 'added' | 'removed' | 'changed';
  /** Field → [before, after] (JSON text), for changed records. */
  fields: Array<{ field: string; before: string; after: string }>;
}

/** What changed from `before` to `after`, record by record and field by field. */
export function diffContent(before: EditableContent, after: EditableContent): RecordChange[] {
  const changes: RecordChange[] = [];
  const pairs: Array<[Entity, keyof EditableContent]> = [
    ['officer', 'officers'],
    ['account', 'accounts'],
    ['station', 'stations'],
    ['notice', 'notices'],
  ];
  for (const [entity, key] of pairs) {
    const old = new Map((before[key] as AnyRecord[]).map((r) => [r.id, r]));
    const now = new Map((after[key] as AnyRecord[]).map((r) => [r.id, r]));
    for (const [id, record] of now) {
      const was = old.get(id);
      if (!was) {
        changes.push({ entity, id, kind: 'added', fields: [] });
        continue;
      }
      const fields = [...new Set([...Object.keys(was), ...Object.keys(record)])]
        .map((field) => ({
          field,
          before: JSON.stringify((was as Record<string, unknown>)[field] ?? null),
          after: JSON.stringify((record as Record<string, unknown>)[field] ?? null),
        }))
        .filter((f) => f.before !== f.after);
      if (fields.length) changes.push({ entity, id, kind: 'changed', fields });
    }
    for (const id of old.keys()) if (!now.has(id)) changes.push({ entity, id, kind: 'removed', fields: [] });
  }
  return changes;
}

/** A version's changes against the one before it (the first against the data directory's files). */
export function versionDiff(id: number, base: () => EditableContent): RecordChange[] {
  const row = versionById(id);
  if (!row) return [];
  const previous = editorDb()
    .select()
    .from(publishedVersions)
    .where(eq(publishedVersions.id, id - 1))
    .get();
  return diffContent(previous ? contentOf(previous.content) : base(), contentOf(row.content));
}
