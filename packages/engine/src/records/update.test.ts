import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';
import { pick } from '../../test/fixtures/rows';

let ctx = await setup();
afterEach(async () => {
  await ctx.store.close();
  ctx = await setup();
});
// The store the last test's clean-up opened.
afterAll(() => ctx.store.close());

async function lead(values: Record<string, unknown> = {}) {
  const r = await ctx.engine.records.create(
    'lead',
    { name: '韩梅梅', phone: '13900139000', ...values },
    opts,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}

describe('records.update', () => {
  it('writes changed fields with before/after history and one record.updated event', async () => {
    const rec = await lead({ budget: 100 });
    ctx.clock.advance(HOUR);
    const r = await ctx.engine.records.update(
      'lead',
      rec.id,
      { budget: '300', notes: '想学 Python' },
      { ...opts, version: 1 },
    );
    expect(r.ok && r.record).toMatchObject({
      budget: 300,
      budgetYuan: 3,
      notes: '想学 Python',
      version: 2,
      updatedAt: ctx.clock.now(),
    });
    expect(r.ok && r.changed).toEqual(['budget', 'notes', 'budgetYuan']);
    const rows = pick(
      (await ctx.rows('record_history', { at: ctx.clock.now() })).sort((x, y) =>
        String(x.field).localeCompare(String(y.field)),
      ),
      ['field', 'before', 'after', 'via', 'actor_id'],
    );
    expect(rows).toEqual([
      { field: 'budget', before: '100', after: '300', via: 'ui', actor_id: 'u-rep' },
      { field: 'budgetYuan', before: '1', after: '3', via: 'ui', actor_id: 'u-rep' },
      { field: 'notes', before: null, after: '"想学 Python"', via: 'ui', actor_id: 'u-rep' },
    ]);
    const events = await ctx.outbox();
    expect(events.map((e) => e.type)).toEqual(['record.created', 'record.updated']);
    expect(events[1]!.payload).toMatchObject({
      changed: ['budget', 'notes', 'budgetYuan'],
      before: { budget: 100 },
      after: { budget: 300 },
    });
  });

  it('refuses a stale version (concurrent edit) and keeps the first writer’s change', async () => {
    const rec = await lead();
    const a = await ctx.engine.records.update(
      'lead',
      rec.id,
      { notes: 'from A' },
      { ...opts, version: 1 },
    );
    const b = await ctx.engine.records.update(
      'lead',
      rec.id,
      { notes: 'from B' },
      { ...opts, version: 1 },
    );
    expect(a.ok).toBe(true);
    expect(b.ok).toBe(false);
    if (b.ok) return;
    expect(b.error).toMatchObject({ code: 'conflict', details: { currentVersion: 2 } });
    expect(b.error.message).toBe(
      'The record was changed by someone else (now version 2, yours 1); reload and try again',
    );
    expect(await ctx.engine.records.get('lead', rec.id, opts)).toMatchObject({
      record: { notes: 'from A', version: 2 },
    });
    expect((await ctx.outbox()).map((e) => e.type)).toEqual(['record.created', 'record.updated']);
  });

  it('writes nothing and emits nothing when the patch changes nothing', async () => {
    const rec = await lead();
    const r = await ctx.engine.records.update(
      'lead',
      rec.id,
      { name: ' 韩梅梅 ', phone: '139 0013 9000', id: rec.id, version: 1 },
      { ...opts, version: 1 },
    );
    expect(r.ok && r.changed).toEqual([]);
    expect(r.ok && r.record.version).toBe(1);
    expect(await ctx.count('outbox')).toBe(1);
  });

  it('validates the record as a whole after the patch (requiredIf on another field)', async () => {
    const rec = await lead();
    const r = await ctx.engine.records.update('lead', rec.id, { age: 10 }, { ...opts, version: 1 });
    expect(!r.ok && r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/guardian', 'requiredIf'],
    ]);
    expect(await ctx.count('record_history', { field: 'age' })).toBe(0);
  });

  it('refuses read-only edits by people but accepts them from imports', async () => {
    const spec = structuredClone((await ctx.engine.spec()).spec);
    const source = spec.entities[0]!.fields.find((f) => f.key === 'source')!;
    source.readOnly = true;
    ctx.engine.useSpec(spec, 2);
    const rec = await lead();
    const ui = await ctx.engine.records.update(
      'lead',
      rec.id,
      { source: 'website' },
      { ...opts, version: 1 },
    );
    expect(!ui.ok && ui.error.errors[0]).toMatchObject({ path: '/source', code: 'field_readonly' });
    const imp = await ctx.engine.records.update(
      'lead',
      rec.id,
      { source: 'website' },
      { ...opts, via: 'import', version: 1 },
    );
    expect(imp.ok).toBe(true);
  });

  it('keeps unique fields unique on create and update', async () => {
    const a = await lead({ orderNo: 'SO-1' });
    const dup = await ctx.engine.records.create('lead', { name: 'B', orderNo: ' SO-1 ' }, opts);
    expect(!dup.ok && dup.error).toMatchObject({
      code: 'validation',
      errors: [
        {
          path: '/orderNo',
          code: 'unique',
          message: `"Order no." is already used by record "韩梅梅" (${a.id})`,
        },
      ],
    });
    const b = await ctx.engine.records.create(
      'lead',
      { name: 'B', phone: '13700137000', orderNo: 'SO-2' },
      opts,
    );
    if (!b.ok) throw new Error('setup');
    expect(
      await ctx.engine.records.update('lead', b.record.id, { orderNo: 'SO-1' }, opts),
    ).toMatchObject({ ok: false, error: { errors: [{ code: 'unique' }] } });
    expect(
      (
        await ctx.engine.records.update(
          'lead',
          a.id,
          { orderNo: 'SO-1', notes: 'same order no. is fine' },
          opts,
        )
      ).ok,
    ).toBe(true);
  });

  it('refuses a relation to a record that does not exist', async () => {
    const acc = await ctx.engine.records.create('account', { title: '星火科技' }, opts);
    if (!acc.ok) throw new Error('setup');
    const rec = await lead({ company: acc.record.id });
    expect(rec.company).toBe(acc.record.id);
    const r = await ctx.engine.records.update('lead', rec.id, { company: 'acc-missing' }, opts);
    expect(!r.ok && r.error.errors).toEqual([
      expect.objectContaining({ path: '/company', code: 'relation_not_found' }),
    ]);
    const created = await ctx.engine.records.create(
      'lead',
      { name: 'C', company: 'acc-missing' },
      opts,
    );
    expect(!created.ok && created.error.errors.map((e) => e.code)).toEqual(['relation_not_found']);
  });

  it('reports a missing record', async () => {
    const r = await ctx.engine.records.update('lead', 'nope', { notes: 'x' }, opts);
    expect(!r.ok && r.error.code).toBe('not_found');
  });
});

describe('records.remove / restore (recycle bin)', () => {
  it('soft-deletes into the recycle bin and restores from it, one event each', async () => {
    const rec = await lead();
    const del = await ctx.engine.records.remove('lead', rec.id, { ...opts, version: 1 });
    expect(del.ok && del.record.deletedAt).toBe(ctx.clock.now());
    expect(await ctx.engine.records.get('lead', rec.id, opts)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(await ctx.engine.records.list('lead', {}, opts)).toMatchObject({
      ok: true,
      records: [],
    });
    const bin = await ctx.engine.records.listDeleted('lead', {}, opts);
    expect(bin.ok && bin.records.map((r) => r.id)).toEqual([rec.id]);
    // a deleted record cannot be edited
    expect(await ctx.engine.records.update('lead', rec.id, { notes: 'x' }, opts)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const back = await ctx.engine.records.restore('lead', rec.id, opts);
    expect(back.ok && back.record).toMatchObject({ deletedAt: null, version: 3 });
    expect((await ctx.outbox()).map((e) => e.type)).toEqual([
      'record.created',
      'record.deleted',
      'record.restored',
    ]);
  });

  it('lets a new record take a deleted record’s phone, then refuses to restore the old one as a duplicate', async () => {
    const old = await lead();
    await ctx.engine.records.remove('lead', old.id, opts);
    const fresh = await ctx.engine.records.create(
      'lead',
      { name: 'New', phone: '13900139000' },
      opts,
    );
    expect(fresh.ok).toBe(true);
    const back = await ctx.engine.records.restore('lead', old.id, opts);
    expect(!back.ok && back.error.code).toBe('duplicate');
    expect(await ctx.engine.records.restore('lead', 'missing', opts)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
