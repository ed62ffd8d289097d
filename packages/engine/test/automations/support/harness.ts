import { openDatabase, syncEntityTables, type StoreDb } from '@trellis/store';
import type { AppSpec } from '@trellis/spec';
import {
  allowAllPermissions,
  createEngine,
  createManualClock,
  createSequentialIds,
  type CreateOptions,
  type EngineOptions,
} from '../../../src/index';
import { createAutomations, type AutomationOptions } from '../../../src/automations';
import { educationSpec, people } from './education';

export const HOUR = 3_600_000;
/** Monday 2026-01-05 09:00 in Shanghai. */
export const START = Date.UTC(2026, 0, 5, 1, 0, 0);

/** Inserts teams, users (id `u-<login>`) and memberships. */
export function seedPeople(db: StoreDb, spec: AppSpec, list = people, now = START): void {
  const s = db.sqlite;
  db.transaction(() => {
    for (const t of spec.teams ?? [])
      s.prepare(`INSERT OR IGNORE INTO teams (key, label, parent_key) VALUES (?, ?, ?)`).run(
        t.key,
        JSON.stringify(t.label),
        t.parent ?? null,
      );
    for (const p of list) {
      s.prepare(
        `INSERT INTO users (id, login, name, role, supervisor_id, status, locale, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        `u-${p.login}`,
        p.login,
        p.login,
        p.role,
        p.supervisor ? `u-${p.supervisor}` : null,
        p.status ?? 'active',
        p.locale ?? 'zh-CN',
        `${p.login}@example.com`,
        p.phone ?? null,
        now,
        now,
      );
    }
    for (const p of list)
      for (const t of p.teams)
        s.prepare(`INSERT INTO memberships (user_id, team_key, is_lead) VALUES (?, ?, ?)`).run(
          `u-${p.login}`,
          t,
          p.lead?.includes(t) ? 1 : 0,
        );
  });
}

export type Harness = ReturnType<typeof setupAutomations>;

/** A database (file or memory) with the spec's tables and people, an engine with a fake clock, and its automations. */
export function setupAutomations(
  opts: {
    spec?: AppSpec;
    file?: string;
    engine?: Partial<EngineOptions>;
    options?: Partial<AutomationOptions>;
    secrets?: Record<string, string>;
    seed?: boolean;
    /** The people seeded (default: the education scenarios' people). */
    people?: typeof people;
    contended?: () => boolean;
  } = {},
) {
  const spec = opts.spec ?? educationSpec();
  const db = openDatabase(opts.file ?? ':memory:');
  syncEntityTables(db, spec);
  if (opts.seed !== false) seedPeople(db, spec, opts.people ?? people);
  const clock = createManualClock(START);
  const engine = createEngine({
    db,
    spec,
    clock,
    ids: createSequentialIds('t'),
    locale: 'en',
    permissions: allowAllPermissions,
    ...(opts.engine ?? {}),
  });
  const secrets = opts.secrets ?? {};
  const automations = createAutomations(engine, {
    secrets: (ref) => secrets[ref],
    ...(opts.options ? { options: opts.options } : {}),
    ...(opts.contended ? { contended: opts.contended } : {}),
  });
  const all = <T>(sql: string, ...params: unknown[]) =>
    db.sqlite.prepare(sql).all(...params) as T[];
  const count = (table: string, where = '1 = 1', ...params: unknown[]) =>
    (
      db.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get(...params) as {
        n: number;
      }
    ).n;
  return { db, spec, clock, engine, automations, all, count };
}

export const admin = {
  actor: { kind: 'user' as const, userId: 'u-chen.li', role: 'manager' },
  via: 'ui' as const,
  locale: 'en' as const,
};

/** A public-form submission: no owner, so routing automations decide. */
export const intake = {
  actor: { kind: 'public' as const },
  via: 'intake' as const,
  locale: 'en' as const,
};

/** The education spec with its automations replaced by `automations` (tests of one trigger or action). */
export function specWith(automations: unknown[]): AppSpec {
  return { ...educationSpec(), automations } as AppSpec;
}

/** A task-creating action titled `title` for yang.fan: a side effect that does not itself trigger record events. */
export function marker(title: string) {
  return { type: 'createTask', title, assignee: 'user:yang.fan', dueIn: '1d' };
}

let phoneSeq = 0;

/**
 * Creates a lead through the one write path with a fresh phone number (as a public form
 * submission unless `opts` says otherwise); a refusal is a broken test setup, so it throws.
 */
export function createLead(
  h: Harness,
  values: Record<string, unknown> = {},
  opts: CreateOptions = intake,
) {
  const phone = `+86131${String(++phoneSeq).padStart(8, '0')}`;
  const r = h.engine.records.create(
    'lead',
    { name: '测试', phone, source: 'website', ...values },
    opts,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}
