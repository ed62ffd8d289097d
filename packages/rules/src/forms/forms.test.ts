import { describe, expect, it } from 'vitest';
import type { FormSpec } from '@trellis/spec';
import { leadApp } from '../../test/fixtures/lead-app';
import { createSpecModel } from '../model/spec-model';
import { checkForm, checkFormRules } from './check-form';
import { formDependencies } from './dependencies';
import { evaluateFormState } from './form-state';
import { formLayout } from './layout';

const model = createSpecModel(leadApp, 1).entity('lead')!;
const l = (zh: string, en: string) => ({ 'zh-CN': zh, en });
const form: FormSpec = {
  key: 'apply',
  entity: 'lead',
  label: l('报名', 'Apply'),
  sections: [
    {
      title: l('联系方式', 'Contact'),
      columns: 2,
      fields: [
        'name',
        { field: 'phone', help: l('我们只打一次', 'We call once'), span: 2 },
        'source',
        { field: 'budget', visibleIf: { '==': [{ var: 'source' }, 'referral'] } },
        { field: 'email', requiredIf: { '==': [{ var: 'source' }, 'website'] } },
        { field: 'notes', readOnlyIf: { '==': [{ var: 'vip' }, true] } },
        'budgetYuan',
        'nope',
      ],
    },
    {
      title: l('监护人', 'Guardian'),
      visibleIf: { '<': [{ var: 'age' }, 18] },
      fields: ['age', 'guardian'],
    },
  ],
};
const layout = formLayout(model, form);
const ctx = { now: Date.UTC(2026, 0, 5) };
const check = (input: Record<string, unknown>, locale: 'en' | 'zh-CN' = 'en') =>
  checkForm(model, layout, input, { locale, via: 'intake', now: ctx.now });

describe('formLayout', () => {
  it('places the form fields in order with their texts, skipping fields the entity lacks', () => {
    expect(layout.placements.map((p) => p.key)).toEqual([
      'name',
      'phone',
      'source',
      'budget',
      'email',
      'notes',
      'budgetYuan',
      'age',
      'guardian',
    ]);
    expect(layout.byKey.get('phone')).toMatchObject({
      span: 2,
      help: l('我们只打一次', 'We call once'),
    });
    expect(layout.sections.map((s) => [s.columns, s.fields.length])).toEqual([
      [2, 7],
      [1, 2],
    ]);
  });
  it('without a form, places every field of the entity in one section', () => {
    expect(formLayout(model, null).placements).toHaveLength(model.fields.size);
  });
});

describe('evaluateFormState', () => {
  it('shows, requires and locks fields as their conditions say', () => {
    const s = evaluateFormState(layout, { source: 'website', vip: true }, ctx);
    expect(s.fields.budget!.visible).toBe(false);
    expect(s.fields.email).toEqual({ visible: true, required: true, readOnly: false });
    expect(s.fields.notes!.readOnly).toBe(true);
    expect(s.fields.name!.required).toBe(true);
    expect(s.fields.budgetYuan!.readOnly).toBe(true);
    expect(s.sections).toEqual([true, false]);
    expect(s.fields.guardian).toEqual({ visible: false, required: false, readOnly: false });
    const young = evaluateFormState(layout, { source: 'referral', age: 12 }, ctx);
    expect(young.fields.budget!.visible).toBe(true);
    expect(young.fields.email!.required).toBe(false);
    // The entity's own requiredIf (age < 18) counts in the form too.
    expect(young.fields.guardian).toEqual({ visible: true, required: true, readOnly: false });
  });
  it('treats a condition that cannot be evaluated as not holding', () => {
    const broken = formLayout(model, {
      ...form,
      sections: [{ fields: [{ field: 'name', visibleIf: { nosuchop: [1] } }] }],
    });
    expect(evaluateFormState(broken, {}, ctx).fields.name!.visible).toBe(false);
  });
});

describe('formDependencies', () => {
  it('lists the fields each input must re-render for, formulas included', () => {
    const deps = formDependencies(layout, model);
    expect(deps.get('budget')).toEqual(['source']);
    expect(deps.get('email')).toEqual(['source']);
    expect(deps.get('notes')).toEqual(['vip']);
    expect(deps.get('guardian')).toEqual(['age']);
    expect(deps.get('age')).toEqual([]);
    expect(deps.get('budgetYuan')).toEqual(['budget']);
    expect(deps.get('name')).toEqual([]);
  });
});

describe('checkForm', () => {
  it('normalizes what is shown and leaves hidden and locked inputs out of the submission', () => {
    const r = check({
      name: ' 李雷 ',
      phone: '138 0013 8000',
      source: '抖音',
      budget: 500000,
      notes: 'x',
      age: 30,
      guardian: 'Mum',
    });
    expect(r.errors).toEqual([]);
    expect(r.values).toEqual({
      name: '李雷',
      phone: '+8613800138000',
      source: 'douyin',
      notes: 'x',
    });
    expect(r.record.budgetYuan).toBeNull();
    expect(r.dropped).toEqual(['budget', 'age', 'guardian']);
  });
  it('requires a field by the form condition, in the caller language', () => {
    expect(check({ name: 'A', phone: '13800138000', source: 'website' }).errors).toEqual([
      {
        path: '/email',
        code: 'requiredIf',
        message: '"Email" is required here',
        params: { label: 'Email' },
      },
    ]);
    expect(
      check({ name: 'A', phone: '13800138000', source: 'website' }, 'zh-CN').errors[0]!.message,
    ).toBe('根据条件，“邮箱”为必填项');
  });
  it('reports what the engine reports for the values it keeps', () => {
    const r = check({ phone: '12345', source: 'referral', budget: 10.5 });
    expect(r.errors.map((e) => `${e.path} ${e.code}`)).toEqual([
      '/phone invalid_phone',
      '/name required',
      '/budget type',
    ]);
  });
  it('drops a hidden field even when its value is unusable', () => {
    expect(check({ name: 'A', source: 'douyin', budget: 'lots' }).errors).toEqual([]);
  });
});

describe('checkFormRules', () => {
  // The server's check of a posted form: what it drops and the form's own problems must be
  // checkForm's exactly, including when the engine already reports a field the form requires.
  const inputs: Record<string, unknown>[] = [
    { name: 'A', phone: '13800138000', source: 'website' },
    { name: 'A', phone: '13800138000', source: 'website', email: 'a@b.cn' },
    { name: 'A', phone: '13800138000', source: 'website', email: 'not an email' },
    { phone: '12345', source: 'referral', budget: 10.5 },
    { source: 'website' },
    { name: ' 李雷 ', phone: '138 0013 8000', source: '抖音', budget: 500000, age: 30 },
    { name: 'A', phone: '13800138000', age: 12 },
    { name: 'A', phone: '13800138000', age: 12, guardian: 'Mum', vip: true, notes: 'x' },
    { name: 'A', source: 'douyin', budget: 'lots' },
    {},
  ];
  it.each(inputs.map((input, i) => [i, input] as const))(
    'drops and adds what checkForm does (input %i)',
    (_, input) => {
      for (const locale of ['en', 'zh-CN'] as const) {
        const opts = { locale, via: 'intake' as const, now: ctx.now };
        const full = checkForm(model, layout, input, opts);
        expect(checkFormRules(model, layout, input, opts)).toEqual({
          dropped: full.dropped,
          formErrors: full.formErrors,
        });
      }
    },
  );
  it('runs the entity rules only when the form may add a problem', () => {
    // An unusable phone is the engine's to report: the form adds nothing, so no errors here.
    const opts = { locale: 'en' as const, via: 'intake' as const, now: ctx.now };
    expect(checkFormRules(model, layout, { name: 'A', phone: '12345' }, opts).formErrors).toEqual(
      [],
    );
    expect(
      checkFormRules(model, layout, { name: 'A', phone: '13800138000', source: 'website' }, opts)
        .formErrors,
    ).toEqual([expect.objectContaining({ path: '/email', code: 'requiredIf' })]);
  });
});

describe('checkFormRules on a form without rules of its own', () => {
  // No condition and nothing read-only: every placement shown and editable, required exactly
  // when its field is (`name`; `guardian` by the field's own requiredIf, under 18).
  const plain: FormSpec = {
    key: 'plain',
    entity: 'lead',
    label: l('报名', 'Apply'),
    sections: [
      { fields: ['name', { field: 'phone', help: l('只打一次', 'We call once') }, 'email'] },
      { fields: ['source', 'age', 'guardian', 'tags', 'budget'] },
    ],
  };
  const plainLayout = formLayout(model, plain);
  const inputs: Record<string, unknown>[] = [
    { name: 'A', phone: '13800138000', source: 'website' },
    {},
    { phone: '12345', email: 'not an email', budget: 'lots' },
    { name: '   ', age: 12 },
    { name: 'A', age: 12, guardian: 'Mum', tags: ['nope'] },
    { name: ' 李雷 ', phone: '138 0013 8000', source: '抖音', age: 30, ownerId: 'u1' },
  ];
  it.each(inputs.map((input, i) => [i, input] as const))(
    'drops and adds what checkForm does: nothing (input %i)',
    (_, input) => {
      for (const locale of ['en', 'zh-CN'] as const) {
        const opts = { locale, via: 'intake' as const, now: ctx.now };
        const full = checkForm(model, plainLayout, input, opts);
        expect(full).toMatchObject({ dropped: [], formErrors: [] });
        expect(checkFormRules(model, plainLayout, input, opts)).toEqual({
          dropped: [],
          formErrors: [],
        });
      }
    },
  );
  it('leaves the input to the engine: no field of it is looked at', () => {
    const looked: string[] = [];
    const fields = new Map(model.fields);
    const get = fields.get.bind(fields);
    fields.get = (key: string) => (looked.push(key), get(key));
    const counted = { ...model, fields };
    const opts = { locale: 'en' as const, via: 'intake' as const, now: ctx.now };
    checkFormRules(counted, plainLayout, { name: 'A', phone: '13800138000', age: 12 }, opts);
    expect(looked).toEqual([]);
    // A form with rules of its own still normalizes what it was sent.
    checkFormRules(counted, layout, { name: 'A', phone: '13800138000', age: 12 }, opts);
    expect(looked).toContain('phone');
  });
  it('applies a role`s read-only fields even on such a form', () => {
    const opts = { locale: 'en' as const, via: 'intake' as const, now: ctx.now };
    const readOnly = new Set(['source']);
    expect(
      checkFormRules(model, plainLayout, { name: 'A', source: 'website' }, { ...opts, readOnly })
        .dropped,
    ).toEqual(['source']);
  });
});
