/**
 * The editor area's settings, read once from the environment. Every value has a safe default;
 * the README ("Editor area") lists them.
 */
const env = process.env;
const int = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
};

export interface EditorConfig {
  /** Argon2id: memory in KiB, passes, lanes. Chosen for 0.2–0.5 s per sign-in (npm run bench -- --only editor). */
  argon2: { memoryCost: number; timeCost: number; parallelism: number };
  /** A session ends after this long without a request… */
  idleTimeoutMs: number;
  /** …and this long after sign-in, whatever happens. */
  absoluteTimeoutMs: number;
  /** A sensitive action (user administration, publishing) needs a sign-in or confirmation this recent (ASVS 3.7.1). */
  reauthWindowMs: number;
  /** A password somebody else set (new account, reset) works this long, and only to choose one's own (ASVS 2.3.1). */
  temporaryPasswordMs: number;
  /** Failed sign-ins per account / per client within the window before a lock-out. */
  maxFailuresPerAccount: number;
  maxFailuresPerClient: number;
  failureWindowMs: number;
  lockoutMs: number;
  /** Four eyes: a draft needs a reviewer's approval (by someone else) before it is published. */
  fourEyes: boolean;
  /** Largest officer photo accepted, bytes. */
  maxPhotoBytes: number;
}

export const editorConfig: EditorConfig = {
  argon2: {
    memoryCost: int(env.EDITOR_ARGON2_MEMORY_KIB, 47_104),
    timeCost: int(env.EDITOR_ARGON2_TIME_COST, 2),
    parallelism: int(env.EDITOR_ARGON2_PARALLELISM, 1),
  },
  idleTimeoutMs: int(env.EDITOR_SESSION_IDLE_MINUTES, 30) * 60_000,
  absoluteTimeoutMs: int(env.EDITOR_SESSION_MAX_HOURS, 10) * 3_600_000,
  reauthWindowMs: int(env.EDITOR_REAUTH_MINUTES, 15) * 60_000,
  temporaryPasswordMs: int(env.EDITOR_TEMPORARY_PASSWORD_DAYS, 7) * 86_400_000,
  maxFailuresPerAccount: int(env.EDITOR_MAX_FAILURES_ACCOUNT, 5),
  maxFailuresPerClient: int(env.EDITOR_MAX_FAILURES_CLIENT, 20),
  failureWindowMs: 15 * 60_000,
  lockoutMs: int(env.EDITOR_LOCKOUT_MINUTES, 15) * 60_000,
  fourEyes: env.EDITOR_FOUR_EYES !== '0',
  maxPhotoBytes: int(env.EDITOR_MAX_PHOTO_KIB, 1024) * 1024,
};

/** Largest request body of the editor area: room for a photo somewhat over its limit (refused next to its field, not by a bare 413) and the form (the portal's own limit stays 64 KiB). */
export const MAX_EDITOR_BODY_BYTES = 2 * editorConfig.maxPhotoBytes + 64 * 1024;
