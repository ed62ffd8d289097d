import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { diffSpec } from '../src/index';
import type { AppSpec } from '../src/index';
import { applyPatch } from './patch';
import type { PatchOp } from './patch';

const base = JSON.parse(
  readFileSync(join(__dirname, 'fixtures', 'valid', 'base.json'), 'utf8'),
) as AppSpec;
const change = (...ops: PatchOp[]) => diffSpec(base, applyPatch(base, ops) as AppSpec);
const lab = { 'zh-CN': '新', en: 'New' };

describe('diffSpec', () => {
  it('finds nothing between a spec and itself or its JSON round-trip', () => {
    expect(diffSpec(base, base)).toEqual([]);
    expect(diffSpec(base, JSON.parse(JSON.stringify(base)) as AppSpec)).toEqual([]);
  });

  it('reports an added field with its entity and the path in the new spec', () => {
    const field = { key: 'wechat', type: 'text', label: lab };
    expect(change({ op: 'add', path: '/entities/0/fields/-', value: field })).toEqual([
      {
        kind: 'field',
        op: 'added',
        path: '/entities/0/fields/22',
        key: 'wechat',
        entity: 'lead',
        after: field,
      },
    ]);
  });

  it('reports a removed field with the path in the old spec', () => {
    const [c] = change({ op: 'remove', path: '/entities/0/fields/3' });
    expect(c).toMatchObject({
      kind: 'field',
      op: 'removed',
      path: '/entities/0/fields/3',
      key: 'site',
      entity: 'lead',
    });
    expect(c?.before).toEqual(base.entities[0]?.fields[3]);
  });

  it('matches fields by key, so a re-order is an entity change, not field changes', () => {
    const fields = [...(base.entities[0]?.fields ?? [])].reverse();
    expect(change({ op: 'replace', path: '/entities/0/fields', value: fields })).toEqual([
      expect.objectContaining({
        kind: 'entity',
        op: 'changed',
        key: 'lead',
        changes: ['fields.order'],
      }),
    ]);
  });

  it('names the changed properties of a field with before and after', () => {
    const [c] = change(
      { op: 'add', path: '/entities/0/fields/2/required', value: true },
      { op: 'add', path: '/entities/0/fields/2/unique', value: true },
    );
    expect(c).toMatchObject({
      kind: 'field',
      op: 'changed',
      key: 'email',
      entity: 'lead',
      changes: ['required', 'unique'],
    });
    expect(c?.before).toEqual(base.entities[0]?.fields[2]);
    expect(c?.after).toMatchObject({ required: true, unique: true });
  });

  it('reports option additions, removals and label changes by value', () => {
    const changes = change(
      { op: 'replace', path: '/entities/0/fields/5/options/0/label', value: lab },
      { op: 'remove', path: '/entities/0/fields/5/options/1' },
      { op: 'add', path: '/entities/0/fields/5/options/-', value: { value: 'wechat', label: lab } },
    ).map(({ kind, op, key, field, changes: props }) => ({ kind, op, key, field, changes: props }));
    expect(changes).toEqual([
      { kind: 'option', op: 'removed', key: 'website', field: 'source', changes: undefined },
      { kind: 'option', op: 'changed', key: 'douyin', field: 'source', changes: ['label'] },
      { kind: 'option', op: 'added', key: 'wechat', field: 'source', changes: undefined },
    ]);
  });

  it('reports a type change of a field (a risky migration)', () => {
    expect(change({ op: 'replace', path: '/entities/0/fields/4/type', value: 'text' })).toEqual([
      expect.objectContaining({ kind: 'field', op: 'changed', key: 'notes', changes: ['type'] }),
    ]);
  });

  it('reports stage changes with their pipeline and stage re-ordering on the pipeline', () => {
    const stages = base.pipelines?.[0]?.stages ?? [];
    const swapped = [stages[0], stages[2], stages[1], ...stages.slice(3)];
    expect(change({ op: 'replace', path: '/pipelines/0/stages', value: swapped })).toEqual([
      expect.objectContaining({
        kind: 'pipeline',
        op: 'changed',
        key: 'lead-sales',
        changes: ['stages.order'],
      }),
    ]);
    expect(change({ op: 'add', path: '/pipelines/0/stages/1/requires/-', value: 'age' })).toEqual([
      expect.objectContaining({
        kind: 'stage',
        op: 'changed',
        key: 'qualified',
        pipeline: 'lead-sales',
        entity: 'lead',
        path: '/pipelines/0/stages/1',
        changes: ['requires'],
      }),
    ]);
  });

  it('treats a renamed key as a removal plus an addition', () => {
    const changes = change({ op: 'replace', path: '/teams/2/key', value: 'art' });
    expect(changes.map((c) => [c.kind, c.op, c.key])).toEqual([
      ['team', 'removed', 'design'],
      ['team', 'added', 'art'],
    ]);
  });

  it('reports automation, role, view and spec-level changes', () => {
    const changes = change(
      { op: 'add', path: '/automations/0/enabled', value: false },
      { op: 'remove', path: '/roles/1' },
      { op: 'add', path: '/views/0/pageSize', value: 100 },
      { op: 'replace', path: '/name', value: lab },
    );
    expect(changes.map((c) => [c.kind, c.op, c.key, c.changes])).toEqual([
      ['spec', 'changed', 'name', undefined],
      ['automation', 'changed', 'route-python', ['enabled']],
      ['role', 'removed', 'sales', undefined],
      ['view', 'changed', 'my-leads', ['pageSize']],
    ]);
  });
});
