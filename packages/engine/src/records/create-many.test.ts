import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setup } from '../../test/fixtures/harness';
import { json, type Row } from '../../test/fixtures/rows';
import type { Actor } from '../ports';
import type { RecordResult } from './types';

type Ctx = Awaited<ReturnType<typeof setup>>;
const admin: Actor = { kind: 'user', userId: 'u-ops', role: 'admin' };
const opts = { actor: admin, via: 'import' as const, locale: 'en' as const };

// Every rule the one write path applies to a create, and the records before it in the list.
const INPUTS: Record<string, unknown>[] = [
  { name: '张三', phone: '138 0013 8000', source: 'douyin', orderNo: 'N-1' },
  { name: '李四', phone: '+86 139-0013-9000', email: 'li@example.com' },
  { name: '', phone: '13700137000' }, // required name missing
  { name: '王五', phone: '12345' }, // not a phone
  { name: '张三 again', phone: '8613800138000' }, // same phone as the first (other spelling)
  { name: '赵六', phone: '13600136000', orderNo: 'N-1' }, // unique order no. of the first
  { name: '钱七', phone: '13500135000', email: 'old@example.com' }, // in the database already
  { name: '孙八', phone: '13400134000', stage: 'lost' }, // a later stage without its gate
  { name: '周九', phone: '13300133000', stage: 'contacted', ownerId: 'u-rep' }, // owner by id
  { name: '吴十', phone: '13200132000', ownerId: 'nobody' }, // owner who does not exist
  { name: '郑十一', age: 12 }, // requiredIf: a guardian under 18
  { name: '冯十二', email: 'LI@example.com' }, // the second's email, other case
];

async function fresh(extra: Parameters<typeof setup>[1] = {}): Promise<Ctx> {
  const ctx = await setup(undefined, extra);
  await ctx.store.users.insert(
    { id: 'u-ops', login: 'ops', name: 'ops', passwordHash: null, role: 'admin', status: 'active' },
    0,
  );
  await ctx.addUser('u-rep');
  const old = await ctx.engine.records.create(
    'lead',
    { name: 'old', phone: '13500135000' },
    { ...opts, via: 'ui' },
  );
  expect(old.ok).toBe(true);
  return ctx;
}

const outcome = (r: RecordResult) =>
  r.ok
    ? { ok: true, name: r.record.name, stage: r.record.stage, ownerId: r.record.ownerId }
    : { ok: false, code: r.error.code, message: r.error.message, errors: r.error.errors };

/** The outcomes with record ids replaced by the records' names (ids are drawn in another order). */
async function named(ctx: Ctx, results: RecordResult[]) {
  const names = new Map((await ctx.rows('e_lead')).map((r) => [String(r.id), String(r.name)]));
  const text = JSON.stringify(results.map(outcome));
  return JSON.parse(text.replace(/t-\d{6}/g, (id) => `<${names.get(id) ?? id}>`)) as unknown;
}

/** What a store holds, without the generated ids (the two runs draw them in another order). */
async function contents(ctx: Ctx) {
  const leads = await ctx.rows('e_lead');
  const nameOf = new Map(leads.map((r) => [r.id, r.name]));
  const strip = (rows: Row[], drop: string[]) =>
    rows
      .map((r) => {
        const out: Row = { record: nameOf.get(r.record_id) };
        for (const [k, v] of Object.entries(r)) if (!drop.includes(k)) out[k] = v;
        return out;
      })
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    leads: strip(leads, ['id', 'rid']),
    history: strip(await ctx.rows('record_history'), ['id', 'change_id', 'record_id']),
    ledger: strip(await ctx.rows('ownership_changes'), ['id', 'record_id']),
    transitions: strip(await ctx.rows('stage_transitions'), ['id', 'record_id']),
    outbox: strip(
      (await ctx.rows('outbox')).map((r) => {
        const p = json(r.payload) as { record: Row };
        return { ...r, payload: { ...p, record: { ...p.record, id: null } } };
      }),
      ['id', 'seq', 'record_id'],
    ),
  };
}

describe('records.createMany', () => {
  let one: Ctx;
  let many: Ctx;
  beforeEach(async () => {
    one = await fresh();
    many = await fresh();
  });
  afterEach(async () => {
    await one.store.close();
    await many.store.close();
  });

  it('gives each record what create would one after another in one transaction, and writes the same rows', async () => {
    const sequential: RecordResult[] = [];
    await one.store.transaction(async (tx) => {
      for (const values of INPUTS)
        sequential.push(await one.engine.records.create('lead', values, { ...opts, tx }));
    });
    const bulk = await many.store.transaction((tx) =>
      many.engine.records.createMany(
        'lead',
        INPUTS.map((values) => ({ values })),
        { ...opts, tx },
      ),
    );
    expect(await named(many, bulk)).toEqual(await named(one, sequential));
    // The mix above exercises every refusal and some creates.
    expect(bulk.flatMap((r) => (r.ok ? [r.record.name] : []))).toEqual(['张三', '李四', '周九']);
    expect(new Set(bulk.flatMap((r) => (r.ok ? [] : [r.error.code])))).toEqual(
      new Set(['validation', 'duplicate', 'stage_gate']),
    );
    expect(await contents(many)).toEqual(await contents(one));
    expect(await many.count('e_lead')).toBe(4);
  });

  it('names the earlier record of the list a duplicate matches, so an import can update it', async () => {
    const res = await many.engine.records.createMany(
      'lead',
      [
        { values: { name: 'A', phone: '13100131000' } },
        { values: { name: 'B', phone: '+8613100131000' } },
      ],
      opts,
    );
    expect(res[0]!.ok).toBe(true);
    expect(!res[1]!.ok && res[1]!.error.details?.existingId).toBe(res[0]!.ok && res[0]!.record.id);
  });

  it('refuses every record of an actor who may not create, and writes nothing', async () => {
    const ctx = await setup(undefined, {
      permissions: { check: (_a, action) => ({ allowed: action !== 'create' }) },
    });
    try {
      const res = await ctx.engine.records.createMany(
        'lead',
        [{ values: { name: 'A', phone: '13100131000' } }, { values: { name: 'B' } }],
        opts,
      );
      expect(res.map((r) => !r.ok && r.error.code)).toEqual(['forbidden', 'forbidden']);
      expect(await ctx.count('e_lead')).toBe(0);
      expect(await ctx.count('outbox')).toBe(0);
    } finally {
      await ctx.store.close();
    }
  });

  it('writes nothing of the list when the transaction fails', async () => {
    const res = await many.store
      .transaction(async (tx) => {
        await many.engine.records.createMany(
          'lead',
          [{ values: { name: 'A', phone: '13100131000' } }],
          { ...opts, tx },
        );
        throw new Error('the batch is cancelled');
      })
      .catch((e: Error) => e.message);
    expect(res).toBe('the batch is cancelled');
    expect(await many.count('e_lead')).toBe(1);
    expect(await many.count('record_history')).toBe(1);
  });

  it('takes back only its own transition when the store refuses a row whose id another record holds', async () => {
    // The next id drawn is forced to an existing record's: the store refuses that row. Its first
    // transition was written before it; taking it back must leave the existing record's alone.
    const forced: string[] = [];
    let n = 0;
    const ctx = await fresh({ ids: { next: () => forced.shift() ?? `x-${++n}` } });
    try {
      const [existing] = await ctx.rows('e_lead');
      const id = String(existing!.id);
      const before = await ctx.store.transitions.listFor('lead', id);
      expect(before).toHaveLength(1);
      forced.push(id);
      const res = await ctx.engine.records.createMany(
        'lead',
        [{ values: { name: 'A', phone: '13100131000' } }, { values: { name: 'B' } }],
        opts,
      );
      expect(res.map((r) => (r.ok ? r.record.name : r.error.code))).toEqual(['invalid_input', 'B']);
      expect(await ctx.store.transitions.listFor('lead', id)).toEqual(before);
      // The existing record's and B's: A's was taken back.
      expect(await ctx.count('stage_transitions')).toBe(2);
      expect(await ctx.count('e_lead')).toBe(2);
    } finally {
      await ctx.store.close();
    }
  });
});
