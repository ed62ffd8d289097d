import { describe, expect, it } from 'vitest';
import { mergeSpecs } from './three-way';

const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const field = (key: string, extra: Record<string, unknown> = {}) => ({
  key,
  type: 'text',
  label: l(key, key),
  ...extra,
});
const v1 = {
  specVersion: 1,
  name: l('模板', 'Template'),
  locales: ['zh-CN', 'en'],
  entities: [
    {
      key: 'lead',
      titleField: 'name',
      fields: [
        field('name'),
        field('phone'),
        {
          key: 'source',
          type: 'select',
          label: l('来源', 'Source'),
          options: [
            { value: 'douyin', label: l('抖音', 'Douyin') },
            { value: 'website', label: l('官网', 'Website') },
          ],
        },
      ],
    },
  ],
  automations: [
    { key: 'route', on: { type: 'record.created', entity: 'lead' }, do: [{ type: 'a' }] },
    { key: 'remind', on: { type: 'sla.breached', entity: 'lead' }, do: [{ type: 'b' }] },
  ],
};
type Field = { key: string; label: unknown; required?: boolean; options?: { label: unknown }[] };
type Spec = Omit<typeof v1, 'entities'> & {
  entities: { key: string; titleField: string; fields: Field[] }[];
};
const copy = (): Spec => structuredClone(v1) as Spec;
const lead = (s: Spec) => s.entities[0]!;

describe('mergeSpecs (three-way: old template, workspace, new template)', () => {
  it('keeps the workspace customisations and takes what only the new version changed', () => {
    const ours = copy();
    lead(ours).fields.push(field('wechat')); // the workspace added a field
    lead(ours).fields[1]!.label = l('手机', 'Mobile'); // and renamed one
    ours.automations[0]!.do = [{ type: 'a' }, { type: 'mine' }];
    const theirs = copy();
    lead(theirs).fields.splice(2, 0, field('city')); // the new version adds a field before source
    lead(theirs).fields[0]!.label = l('姓名', 'Full name'); // and relabels another one
    theirs.automations.splice(1, 1); // and drops an automation the workspace never touched
    const r = mergeSpecs(v1, ours, theirs);
    expect(r.conflicts).toEqual([]);
    const merged = r.spec as Spec;
    expect(lead(merged).fields.map((f) => f.key)).toEqual([
      'name',
      'phone',
      'city',
      'source',
      'wechat',
    ]);
    expect(lead(merged).fields[0]!.label).toEqual(l('姓名', 'Full name'));
    expect(lead(merged).fields[1]!.label).toEqual(l('手机', 'Mobile'));
    expect(merged.automations.map((a) => a.key)).toEqual(['route']);
    expect(merged.automations[0]!.do).toEqual([{ type: 'a' }, { type: 'mine' }]);
    expect(r.changes).toEqual([
      { path: '/entities/lead/fields/name', op: 'changed' },
      { path: '/entities/lead/fields/city', op: 'added' },
      { path: '/automations/remind', op: 'removed' },
    ]);
  });

  it('reports a place both changed differently, keeps the workspace value unless told otherwise', () => {
    const ours = copy();
    lead(ours).fields[2]!.options![0]!.label = l('抖音广告', 'Douyin ads');
    const theirs = copy();
    lead(theirs).fields[2]!.options![0]!.label = l('抖音短视频', 'Douyin video');
    theirs.name = l('新模板', 'New template');
    const r = mergeSpecs(v1, ours, theirs);
    expect(r.conflicts).toEqual([
      {
        path: '/entities/lead/fields/source/options/douyin/label/zh-CN',
        base: '抖音',
        ours: '抖音广告',
        theirs: '抖音短视频',
        chosen: 'ours',
      },
      {
        path: '/entities/lead/fields/source/options/douyin/label/en',
        base: 'Douyin',
        ours: 'Douyin ads',
        theirs: 'Douyin video',
        chosen: 'ours',
      },
    ]);
    expect(lead(r.spec as Spec).fields[2]!.options![0]!.label).toEqual(l('抖音广告', 'Douyin ads'));
    expect((r.spec as Spec).name).toEqual(l('新模板', 'New template'));
    const resolved = mergeSpecs(v1, ours, theirs, {
      '/entities/lead/fields/source/options/douyin/label/zh-CN': 'theirs',
    });
    expect(lead(resolved.spec as Spec).fields[2]!.options![0]!.label).toEqual(
      l('抖音短视频', 'Douyin ads'),
    );
    expect(resolved.conflicts.map((c) => c.chosen)).toEqual(['theirs', 'ours']);
  });

  it('never silently drops what the workspace changed when the new version removes it', () => {
    const ours = copy();
    ours.automations[1]!.do = [{ type: 'b' }, { type: 'escalate' }];
    const theirs = copy();
    theirs.automations.splice(1, 1);
    const r = mergeSpecs(v1, ours, theirs);
    expect(r.conflicts).toMatchObject([{ path: '/automations/remind', theirs: undefined }]);
    expect((r.spec as Spec).automations.map((a) => a.key)).toEqual(['route', 'remind']);
    const dropped = mergeSpecs(v1, ours, theirs, { '/automations/remind': 'theirs' });
    expect((dropped.spec as Spec).automations.map((a) => a.key)).toEqual(['route']);
  });

  it('installs over a workspace that has its own spec: adds what is new, flags what differs', () => {
    const ours = copy();
    const theirs = {
      ...copy(),
      name: l('B2B', 'B2B'),
      entities: [
        { ...lead(copy()), fields: [field('name', { required: true }), field('phone')] },
        { key: 'deal', titleField: 'title', fields: [field('title')] },
      ],
    };
    const r = mergeSpecs(null, ours, theirs);
    expect((r.spec as Spec).entities.map((e) => e.key)).toEqual(['lead', 'deal']);
    // Both define these, differently, and there is no common ancestor to say who changed what.
    expect(r.conflicts.map((c) => c.path)).toEqual(['/name/zh-CN', '/name/en']);
    // What only the template defines is added, down to one property of a shared field.
    expect(lead(r.spec as Spec).fields[0]).toMatchObject({ key: 'name', required: true });
    // The workspace's lead keeps its source field: nothing of the workspace is dropped.
    expect(lead(r.spec as Spec).fields.map((f) => f.key)).toEqual(['name', 'phone', 'source']);
    expect(r.changes).toContainEqual({ path: '/entities/deal', op: 'added' });
  });

  it('does not mutate its inputs', () => {
    const ours = copy();
    const theirs = copy();
    lead(theirs).fields.push(field('x'));
    const before = JSON.stringify([ours, theirs]);
    mergeSpecs(v1, ours, theirs);
    expect(JSON.stringify([ours, theirs])).toBe(before);
  });
});
