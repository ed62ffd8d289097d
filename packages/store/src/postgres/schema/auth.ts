import { index, pgTable, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { epoch, flag, jsonText, text } from './columns';

// The PostgreSQL twin of src/schema/auth.ts: same tables, columns, keys and indexes
// (schema-parity.test.ts compares the two).

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    login: text('login').notNull(),
    name: text('name').notNull(),
    passwordHash: text('password_hash'),
    role: text('role').notNull(),
    supervisorId: text('supervisor_id'),
    status: text('status').notNull().default('active'),
    locale: text('locale').notNull().default('zh-CN'),
    email: text('email'),
    phone: text('phone'),
    createdAt: epoch('created_at').notNull(),
    updatedAt: epoch('updated_at').notNull(),
  },
  (t) => [
    uniqueIndex('users_login_uq').on(t.login),
    index('users_supervisor_ix').on(t.supervisorId),
  ],
);

export const teams = pgTable('teams', {
  key: text('key').primaryKey(),
  label: jsonText('label').notNull(),
  parentKey: text('parent_key'),
  leadUserId: text('lead_user_id'),
});

export const memberships = pgTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    teamKey: text('team_key')
      .notNull()
      .references(() => teams.key, { onDelete: 'cascade' }),
    isLead: flag('is_lead').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.teamKey] }),
    index('memberships_team_ix').on(t.teamKey),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: epoch('created_at').notNull(),
    expiresAt: epoch('expires_at').notNull(),
    lastSeenAt: epoch('last_seen_at').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
  },
  (t) => [index('sessions_user_ix').on(t.userId), index('sessions_expires_ix').on(t.expiresAt)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    role: text('role').notNull(),
    userId: text('user_id'),
    createdBy: text('created_by'),
    createdAt: epoch('created_at').notNull(),
    lastUsedAt: epoch('last_used_at'),
    revokedAt: epoch('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_uq').on(t.tokenHash)],
);

export const webhookSecrets = pgTable('webhook_secrets', {
  sourceKey: text('source_key').primaryKey(),
  secretHashOrEnc: text('secret_hash_or_enc').notNull(),
  createdAt: epoch('created_at').notNull(),
});
