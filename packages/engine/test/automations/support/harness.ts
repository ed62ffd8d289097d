import type { Store } from '@trellis/store';
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
import { rowReader } from '../../fixtures/rows';
import { testStore } from '../../fixtures/test-store';
import { educationSpec, people } from './education';

export const HOUR = 3_600_000;
/** Monday 2026-01-05 09:00 in Shanghai. */
export const START = Date.UTC(2026, 0, 5, 1, 0, 0);

/** Inserts teams, users (id `u-<login>`) and memberships. */
export async function seedPeople(
  store: Store,
  spec: AppSpec,
  list = people,
  now = START,
): Promise<void> {
  for (const t of spec.teams ?? [])
    await store.teams.upsert({ key: t.key, label: t.label, parentKey: t.parent ?? null });
  for (const p of list)
    await store.users.insert(
      {
        id: `u-${p.login}`,
        login: p.login,
        passwordHash: null,
        role: p.role,
        supervisorId: p.supervisor ? `u-${p.supervisor}` : null,
        status: p.status ?? 'active',
        locale: p.locale ?? 'zh-CN',
        email: `${p.login}@example.com`,
        phone: p.phone ?? null,
        teams: p.teams,
      },
      now,
    );
  for (const p of list)
    for (const t of p.lead ?? []) await store.users.setTeamLead(`u-${p.login}`, t, true);
}

export type Harness = Awaited<ReturnType<typeof setupAutomations>>;

/** A store (a scratch one, or a file) with the spec's tables and people, an engine with a fake clock, and its automations. */
export async function setupAutomations(
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
  const store = await testStore(opts.file);
  await store.migrations.syncEntityTables(spec);
  if (opts.seed !== false) await seedPeople(store, spec, opts.people ?? people);
  const clock = createManualClock(START);
  const engine = createEngine({
    store,
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
  return { store, spec, clock, engine, automations, ...rowReader(store) };
}

/**
 * An error the store under test counts as a passing fault of the database (retried later, not a
 * failed action): SQLite's busy or I/O error, PostgreSQL's lock timeout or lost connection.
 * `message` is what the outbox keeps as the last error.
 */
export function transientError(store: Store, kind: 'busy' | 'io', message: string): Error {
  const codes = { busy: ['SQLITE_BUSY', '55P03'], io: ['SQLITE_IOERR', '08006'] } as const;
  const [sqlite, postgres] = codes[kind];
  return Object.assign(new Error(message), {
    code: store.dialect === 'postgres' ? postgres : sqlite,
  });
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
export async function createLead(
  h: Harness,
  values: Record<string, unknown> = {},
  opts: CreateOptions = intake,
) {
  const phone = `+86131${String(++phoneSeq).padStart(8, '0')}`;
  const r = await h.engine.records.create(
    'lead',
    { name: '测试', phone, source: 'website', ...values },
    opts,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}
