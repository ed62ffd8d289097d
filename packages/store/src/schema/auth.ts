import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/** People who sign in. `role` is a role key of the live spec; `status` drives assignment (skip inactive). */
export const users = sqliteTable(
  'users',
  {
    id: text('id').primaryKey(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role').notNull(),
    supervisorId: text('supervisor_id'),
    status: text('status', { enum: ['active', 'away', 'disabled'] })
      .notNull()
      .default('active'),
    locale: text('locale').notNull().default('zh-CN'),
    email: text('email'),
    phone: text('phone'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_login_uq').on(t.login),
    index('users_supervisor_ix').on(t.supervisorId),
  ],
);

/** Mirror of the spec's teams, refreshed on every publish (lead_user_id is set by admins, not the spec). */
export const teams = sqliteTable('teams', {
  key: text('key').primaryKey(),
  label: text('label', { mode: 'json' }).notNull(),
  parentKey: text('parent_key'),
  leadUserId: text('lead_user_id'),
});

export const memberships = sqliteTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamKey: text('team_key')
      .notNull()
      .references(() => teams.key, { onDelete: 'cascade' }),
    isLead: integer('is_lead', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.teamKey] }),
    index('memberships_team_ix').on(t.teamKey),
  ],
);

/** Browser sessions; the id is the sha256 of the cookie token so a leaked table cannot be replayed. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: integer('created_at').notNull(),
    expiresAt: integer('expires_at').notNull(),
    lastSeenAt: integer('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_ix').on(t.userId), index('sessions_expires_ix').on(t.expiresAt)],
);

export const apiTokens = sqliteTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').notNull(),
    userId: text('user_id'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    lastUsedAt: integer('last_used_at'),
    revokedAt: integer('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

/** Secrets of intake webhook sources: a token hash or an encrypted HMAC secret, never in the spec. */
export const webhookSecrets = sqliteTable('webhook_secrets', {
  sourceKey: text('source_key').primaryKey(),
  secretHashOrEnc: text('secret_hash_or_enc').notNull(),
  createdAt: integer('created_at').notNull(),
});
