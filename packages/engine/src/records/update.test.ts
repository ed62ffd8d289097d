import { afterEach, describe, expect, it } from 'vitest';
import { HOUR, opts, setup } from '../../test/fixtures/harness';

let ctx = setup();
afterEach(() => {
  ctx.db.close();
  ctx = setup();
});

function lead(values: Record<string, unknown> = {}) {
  const r = ctx.engine.records.create(
    'lead',
    { name: '韩梅梅', phone: '13900139000', ...values },
    opts,
  );
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.record;
}

describe('records.update', () => {
  it('writes changed fields with before/after history and one record.updated event', () => {
    const rec = lead({ budget: 100 });
    ctx.clock.advance(HOUR);
    const r = ctx.engine.records.update(
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
    const rows = ctx.db.sqlite
      .prepare(
        `SELECT field, "before", "after", via, actor_id FROM record_history WHERE at = ? ORDER BY field`,
      )
      .all(ctx.clock.now());
    expect(rows).toEqual([
      { field: 'budget', before: '100', after: '300', via: 'ui', actor_id: 'u-rep' },
      { field: 'budgetYuan', before: '1', after: '3', via: 'ui', actor_id: 'u-rep' },
      { field: 'notes', before: null, after: '"想学 Python"', via: 'ui', actor_id: 'u-rep' },
    ]);
    const events = ctx.outbox();
    expect(events.map((e) => e.type)).toEqual(['record.created', 'record.updated']);
    expect(events[1]!.payload).toMatchObject({
      changed: ['budget', 'notes', 'budgetYuan'],
      before: { budget: 100 },
      after: { budget: 300 },
    });
  });

  it('refuses a stale version (concurrent edit) and keeps the first writer’s change', () => {
    const rec = lead();
    const a = ctx.engine.records.update(
      'lead',
      rec.id,
      { notes: 'from A' },
      { ...opts, version: 1 },
    );
    const b = ctx.engine.records.update(
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
    expect(ctx.engine.records.get('lead', rec.id, opts)).toMatchObject({
      record: { notes: 'from A', version: 2 },
    });
    expect(ctx.outbox().map((e) => e.type)).toEqual(['record.created', 'record.updated']);
  });

  it('writes nothing and emits nothing when the patch changes nothing', () => {
    const rec = lead();
    const r = ctx.engine.records.update(
      'lead',
      rec.id,
      { name: ' 韩梅梅 ', phone: '139 0013 9000', id: rec.id, version: 1 },
      { ...opts, version: 1 },
    );
    expect(r.ok && r.changed).toEqual([]);
    expect(r.ok && r.record.version).toBe(1);
    expect(ctx.count('outbox')).toBe(1);
  });

  it('validates the record as a whole after the patch (requiredIf on another field)', () => {
    const rec = lead();
    const r = ctx.engine.records.update('lead', rec.id, { age: 10 }, { ...opts, version: 1 });
    expect(!r.ok && r.error.errors.map((e) => [e.path, e.code])).toEqual([
      ['/guardian', 'requiredIf'],
    ]);
    expect(ctx.count('record_history', "field = 'age'")).toBe(0);
  });

  it('refuses read-only edits by people but accepts them from imports', () => {
    const spec = structuredClone(ctx.engine.spec().spec);
    const source = spec.entities[0]!.fields.find((f) => f.key === 'source')!;
    source.readOnly = true;
    ctx.engine.useSpec(spec, 2);
    const rec = lead();
    const ui = ctx.engine.records.update(
      'lead',
      rec.id,
      { source: 'website' },
      { ...opts, version: 1 },
    );
    expect(!ui.ok && ui.error.errors[0]).toMatchObject({ path: '/source', code: 'field_readonly' });
    const imp = ctx.engine.records.update(
      'lead',
      rec.id,
      { source: 'website' },
      { ...opts, via: 'import', version: 1 },
    );
    expect(imp.ok).toBe(true);
  });

  it('keeps unique fields unique on create and update', () => {
    const a = lead({ orderNo: 'SO-1' });
    const dup = ctx.engine.records.create('lead', { name: 'B', orderNo: ' SO-1 ' }, opts);
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
    const b = ctx.engine.records.create(
      'lead',
      { name: 'B', phone: '13700137000', orderNo: 'SO-2' },
      opts,
    );
    if (!b.ok) throw new Error('setup');
    expect(ctx.engine.records.update('lead', b.record.id, { orderNo: 'SO-1' }, opts)).toMatchObject(
      { ok: false, error: { errors: [{ code: 'unique' }] } },
    );
    expect(
      ctx.engine.records.update(
        'lead',
        a.id,
        { orderNo: 'SO-1', notes: 'same order no. is fine' },
        opts,
      ).ok,
    ).toBe(true);
  });

  it('refuses a relation to a record that does not exist', () => {
    const acc = ctx.engine.records.create('account', { title: '星火科技' }, opts);
    if (!acc.ok) throw new Error('setup');
    const rec = lead({ company: acc.record.id });
    expect(rec.company).toBe(acc.record.id);
    const r = ctx.engine.records.update('lead', rec.id, { company: 'acc-missing' }, opts);
    expect(!r.ok && r.error.errors).toEqual([
      expect.objectContaining({ path: '/company', code: 'relation_not_found' }),
    ]);
    const created = ctx.engine.records.create('lead', { name: 'C', company: 'acc-missing' }, opts);
    expect(!created.ok && created.error.errors.map((e) => e.code)).toEqual(['relation_not_found']);
  });

  it('reports a missing record', () => {
    const r = ctx.engine.records.update('lead', 'nope', { notes: 'x' }, opts);
    expect(!r.ok && r.error.code).toBe('not_found');
  });
});

describe('records.remove / restore (recycle bin)', () => {
  it('soft-deletes into the recycle bin and restores from it, one event each', () => {
    const rec = lead();
    const del = ctx.engine.records.remove('lead', rec.id, { ...opts, version: 1 });
    expect(del.ok && del.record.deletedAt).toBe(ctx.clock.now());
    expect(ctx.engine.records.get('lead', rec.id, opts)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect(ctx.engine.records.list('lead', {}, opts)).toMatchObject({ ok: true, records: [] });
    const bin = ctx.engine.records.listDeleted('lead', {}, opts);
    expect(bin.ok && bin.records.map((r) => r.id)).toEqual([rec.id]);
    // a deleted record cannot be edited
    expect(ctx.engine.records.update('lead', rec.id, { notes: 'x' }, opts)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    const back = ctx.engine.records.restore('lead', rec.id, opts);
    expect(back.ok && back.record).toMatchObject({ deletedAt: null, version: 3 });
    expect(ctx.outbox().map((e) => e.type)).toEqual([
      'record.created',
      'record.deleted',
      'record.restored',
    ]);
  });

  it('lets a new record take a deleted record’s phone, then refuses to restore the old one as a duplicate', () => {
    const old = lead();
    ctx.engine.records.remove('lead', old.id, opts);
    const fresh = ctx.engine.records.create('lead', { name: 'New', phone: '13900139000' }, opts);
    expect(fresh.ok).toBe(true);
    const back = ctx.engine.records.restore('lead', old.id, opts);
    expect(!back.ok && back.error.code).toBe('duplicate');
    expect(ctx.engine.records.restore('lead', 'missing', opts)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
  });
});
