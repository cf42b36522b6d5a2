/**
 * The editor database: the one writable SQLite file of the project (users, sessions, throttling,
 * drafts, reviews, published versions, audit log). The public snapshot never depends on it at
 * request time; publishing turns its content into a new snapshot. Migrations in ./migrations are
 * generated from this file by drizzle-kit (drizzle.editor.config.ts).
 */
import { sqliteTable, text, integer, index } from 'drizzle-orm/sqlite-core';

/** An editor-area account. Secrets (hash, TOTP secret) never leave this table: not in the audit log, not in exports. */
export const users = sqliteTable('users', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  email: text('email').notNull().unique(),
  displayName: text('display_name').notNull(),
  /** Argon2id PHC string; null for accounts that sign in through OpenID Connect only. */
  passwordHash: text('password_hash'),
  /** The TOTP secret, sealed with the editor key (services/editor/secret-box.ts); null until enrolment is confirmed. */
  totpSecret: text('totp_secret'),
  /** A secret proposed at enrolment (sealed), kept until the first code confirms it. */
  totpPending: text('totp_pending'),
  /** The last TOTP time step accepted: codes of that step or earlier are replays. */
  totpLastStep: integer('totp_last_step').notNull().default(0),
  /**
   * Set while the password is one somebody else chose (a new account, a reset): it must be changed
   * at sign-in and no longer works after this moment (ms). Null for a password of one's own.
   */
  passwordTemporaryUntil: integer('password_temporary_until'),
  role: text('role', { enum: ['admin', 'editor', 'reviewer'] }).notNull(),
  /** JSON array of scope ids: `pd:<directorate id>` or `pi:<inspection id>` (editors and reviewers). */
  scopes: text('scopes').notNull().default('[]'),
  /** OpenID Connect `iss|sub`, when the account is linked to the identity provider. */
  oidcSubject: text('oidc_subject').unique(),
  isDemo: integer('is_demo', { mode: 'boolean' }).notNull().default(false),
  disabled: integer('disabled', { mode: 'boolean' }).notNull().default(false),
  createdAt: text('created_at').notNull(),
});

/** Server-side sessions; the cookie holds only the id. */
export const sessions = sqliteTable(
  'sessions',
  {
    /** SHA-256 of the session id sent in the cookie: a copy of the database cannot be replayed as cookies. */
    idHash: text('id_hash').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    csrfToken: text('csrf_token').notNull(),
    createdAt: integer('created_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    /** How the session was signed in: 'password+totp' or 'oidc'. */
    method: text('method').notNull(),
    /** When the person last proved who they are (sign-in or a confirmation): sensitive actions need it recent. */
    verifiedAt: integer('verified_at').notNull().default(0),
    /** The browser's User-Agent (shortened), so the person recognises their sessions in the list. */
    userAgent: text('user_agent').notNull().default(''),
  },
  (t) => [index('sessions_user').on(t.userId)],
);

/** Pending sign-ins between password and TOTP, and OIDC round trips: short-lived, one use. */
export const challenges = sqliteTable('challenges', {
  idHash: text('id_hash').primaryKey(),
  kind: text('kind', { enum: ['signin', 'totp', 'enrol', 'oidc'] }).notNull(),
  userId: integer('user_id'),
  /** JSON: OIDC state/nonce/verifier. */
  data: text('data').notNull().default('{}'),
  expiresAt: integer('expires_at').notNull(),
});

/** Failed sign-ins per key (`account:<email>` or `client:<address>`), for throttling and lock-out. */
export const throttles = sqliteTable('throttles', {
  key: text('key').primaryKey(),
  failures: integer('failures').notNull(),
  windowStart: integer('window_start').notNull(),
  lockedUntil: integer('locked_until').notNull().default(0),
});

/**
 * A proposed change of one record (officer, account, station, notice). `payload` is the whole
 * record as the import reads it (or null: delete). `version` grows with every save: a save naming
 * an older version is refused (optimistic concurrency).
 */
export const drafts = sqliteTable(
  'drafts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entity: text('entity', { enum: ['officer', 'account', 'station', 'notice'] }).notNull(),
    recordId: text('record_id').notNull(),
    payload: text('payload'),
    /** Scope ids the record belongs to (JSON array), fixed at each save: for the scope checks. */
    scopes: text('scopes').notNull(),
    status: text('status', { enum: ['open', 'submitted', 'approved', 'published', 'discarded'] }).notNull(),
    version: integer('version').notNull(),
    createdBy: integer('created_by').notNull(),
    updatedBy: integer('updated_by').notNull(),
    updatedAt: text('updated_at').notNull(),
    publishedVersion: integer('published_version'),
  },
  (t) => [index('drafts_status').on(t.status), index('drafts_record').on(t.entity, t.recordId)],
);

/** A reviewer's decision on a draft (the four-eyes principle). */
export const reviews = sqliteTable('reviews', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  draftId: integer('draft_id')
    .notNull()
    .references(() => drafts.id),
  draftVersion: integer('draft_version').notNull(),
  reviewerId: integer('reviewer_id').notNull(),
  decision: text('decision', { enum: ['approved', 'rejected'] }).notNull(),
  comment: text('comment').notNull().default(''),
  at: text('at').notNull(),
});

/** Every published data set: the editable files whole (JSON), so any version can be diffed, rolled back and exported. */
export const publishedVersions = sqliteTable('published_versions', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  /** JSON: { officers, accounts, stations, notices } as the data/ files hold them. */
  content: text('content').notNull(),
  dataVersion: text('data_version').notNull(),
  publishedBy: integer('published_by').notNull(),
  publishedAt: text('published_at').notNull(),
  /** The version this one restores, for a rollback. */
  rollbackOf: integer('rollback_of'),
  durationMs: integer('duration_ms').notNull(),
});

/** Photos uploaded for officers: checked bytes, content type sniffed from them. */
export const photos = sqliteTable('photos', {
  id: text('id').primaryKey(),
  contentType: text('content_type').notNull(),
  bytes: integer('bytes').notNull(),
  /** Base64 of the image. */
  data: text('data').notNull(),
  /** The editor's description of the photo (alt text). */
  alt: text('alt').notNull(),
  uploadedBy: integer('uploaded_by').notNull(),
  at: text('at').notNull(),
});

/**
 * Append-only (triggers in the migration refuse UPDATE and DELETE): who did what, when, to which
 * record, and the record before and after. Never passwords, hashes or TOTP secrets.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: text('at').notNull(),
    userId: integer('user_id'),
    actor: text('actor').notNull(),
    action: text('action').notNull(),
    target: text('target').notNull().default(''),
    outcome: text('outcome', { enum: ['ok', 'failed', 'denied'] }).notNull(),
    before: text('before'),
    after: text('after'),
    client: text('client').notNull().default(''),
  },
  (t) => [index('audit_at').on(t.at)],
);

export type UserRow = typeof users.$inferSelect;
export type DraftRow = typeof drafts.$inferSelect;
export type AuditRow = typeof auditLog.$inferSelect;
export type PublishedVersionRow = typeof publishedVersions.$inferSelect;
