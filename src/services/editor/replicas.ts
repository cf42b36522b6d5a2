/**
 * Publishing to replicas behind nginx (deploy/). With SNAPSHOT_DIR set, every replica answers
 * from the data version nginx names, so a snapshot swapped in under DATABASE_PATH would never
 * reach a citizen: the editor's publish then hands its build to deploy/publish-snapshot.mjs, the
 * operator's own publishing code (every replica loads the new version, then nginx switches them
 * all at once). Its settings come from the same environment the replicas read
 * (deploy/revierfinder.env): SNAPSHOT_DIR, PUBLISH_REPLICAS, PUBLISH_VERSION_FILE, PUBLISH_RELOAD,
 * PUBLISH_TIMEOUT_SECONDS.
 */
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { publish, publishTargetFromEnv, type PublishTarget } from '../../../deploy/publish-snapshot.mjs';

/** Where the editor publishes to: the replicas behind nginx (SNAPSHOT_DIR set), or null for the single snapshot file. */
export function replicaTarget(env: Record<string, string | undefined> = process.env): PublishTarget | null {
  return env.SNAPSHOT_DIR?.trim() ? publishTargetFromEnv(env) : null;
}

/** A replica did not load the new version in time, or nginx did not reload: nothing was switched. */
export class ReplicasNotSwitched extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'ReplicasNotSwitched';
  }
}

/**
 * A file for the build inside the snapshot folder: on its file system, so that publishing moves
 * it into place instead of copying (a snapshot with millions of addresses is hundreds of MB).
 */
export function buildFileIn(target: PublishTarget): string {
  return path.join(target.snapshots, `.editor-publish-${randomBytes(6).toString('hex')}.db.tmp`);
}

/** Publishes the built snapshot `file` to every replica; rejects with ReplicasNotSwitched. The file is gone afterwards. */
export async function publishToReplicas(file: string, target: PublishTarget, log: (line: string) => void): Promise<string> {
  try {
    return await publish({ ...target, file, move: true, log });
  } catch (error) {
    throw new ReplicasNotSwitched(error);
  } finally {
    await rm(file, { force: true });
  }
}
