import { describe, expect, it } from 'vitest';
import { defaultWorkbench, validateSpec, workbenchOf } from './index';
import type { AppSpec, RoleSpec } from './index';

const entity = (key: string) => ({
  key,
  label: { en: key },
  titleField: 'name',
  fields: [{ key: 'name', type: 'text' as const, label: { en: 'Name' } }],
});
const spec: AppSpec = {
  specVersion: 1,
  name: { en: 'Home' },
  locales: ['en'],
  defaultLocale: 'en',
  entities: ['contact', 'course', 'invoice', 'deal', 'ticket', 'visit'].map(entity),
};
const role = (entities: RoleSpec['entities'], extra: Partial<RoleSpec> = {}): RoleSpec => ({
  key: 'advisor',
  label: { en: 'Advisor' },
  entities,
  ...extra,
});

describe('a role’s home page', () => {
  it('defaults to my tasks, my records of what the role may see, my notifications', () => {
    const advisor = role({
      contact: { read: 'none', create: true },
      course: { create: true, read: 'own', update: 'own' },
      deal: { read: 'team' },
    });
    expect(defaultWorkbench(spec, advisor)).toEqual([
      { type: 'tasks' },
      { type: 'records', entity: 'course' },
      { type: 'records', entity: 'deal' },
      { type: 'notifications' },
    ]);
    // The default is a valid home page of the spec.
    const withRole = {
      ...spec,
      roles: [{ ...advisor, workbench: defaultWorkbench(spec, advisor) }],
    };
    expect(validateSpec(withRole, { locale: 'en' })).toEqual({ ok: true, errors: [] });
  });

  it('lists records of at most four entities, in the spec’s order', () => {
    const all = role(
      Object.fromEntries(spec.entities.map((e) => [e.key, { read: 'all' as const }])),
    );
    expect(
      defaultWorkbench(spec, all).flatMap((i) => (i.type === 'records' ? [i.entity] : [])),
    ).toEqual(['contact', 'course', 'invoice', 'deal']);
  });

  it('gives a role that sees nothing its tasks and notifications', () => {
    expect(defaultWorkbench(spec, role({}))).toEqual([
      { type: 'tasks' },
      { type: 'notifications' },
    ]);
  });

  it('keeps the role’s own choice', () => {
    const chosen = role({ course: { read: 'own' } }, { workbench: [{ type: 'notifications' }] });
    expect(workbenchOf(spec, chosen)).toEqual([{ type: 'notifications' }]);
    expect(workbenchOf(spec, role({ course: { read: 'own' } }))).toEqual(
      defaultWorkbench(spec, role({ course: { read: 'own' } })),
    );
  });
});
