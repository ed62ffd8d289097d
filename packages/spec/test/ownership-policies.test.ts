import { describe, expect, it } from 'vitest';
import { validateSpec } from '../src/index';

const spec = (entity: Record<string, unknown>) => ({
  specVersion: 1,
  name: { en: 'Tiny' },
  locales: ['en'],
  defaultLocale: 'en',
  entities: [
    {
      key: 'lead',
      label: { en: 'Lead' },
      titleField: 'name',
      fields: [{ key: 'name', type: 'text', label: { en: 'Name' } }],
      ...entity,
    },
  ],
  roles: [{ key: 'sales', label: { en: 'Sales' }, entities: { lead: { read: 'own' } } }],
});
const codes = (s: unknown, locale: 'en' | 'zh-CN' = 'en') =>
  validateSpec(s, { locale }).errors.map((e) => `${e.path} ${e.code}`);

describe('pool and handover rules in the spec', () => {
  it('accepts the seed article’s rules', () => {
    expect(
      codes(
        spec({
          pool: true,
          poolPolicy: {
            roles: ['sales'],
            fields: ['name'],
            claimCap: 30,
            reclaimAfter: '15d',
            warnBefore: '1d',
          },
          handover: {
            note: 'protocol',
            acknowledge: true,
            cooldown: '48h',
            contactWithin: '24h',
            consentValid: '72h',
          },
        }),
      ),
    ).toEqual([]);
  });

  it('refuses rules without a pool, unknown roles and fields, bad durations, a warning after the reclaim', () => {
    expect(
      codes(
        spec({
          poolPolicy: {
            roles: ['boss'],
            fields: ['nope'],
            reclaimAfter: '2d',
            warnBefore: '3d',
          },
          handover: { cooldown: 'soon' },
        }),
      ),
    ).toEqual([
      '/entities/0/poolPolicy poolPolicy.needsPool',
      '/entities/0/poolPolicy/roles/0 ref.unknownRole',
      '/entities/0/poolPolicy/fields/0 ref.unknownField',
      '/entities/0/poolPolicy/warnBefore poolPolicy.warnTooLate',
      '/entities/0/handover/cooldown duration.invalid',
    ]);
    expect(codes(spec({ owned: false, handover: {} }))).toContain(
      '/entities/0/handover handover.needsOwned',
    );
    const zh = validateSpec(spec({ poolPolicy: {} }), { locale: 'zh-CN' }).errors[0]?.message;
    expect(zh).toContain('公海');
  });

  it('refuses unknown keys and a bad note mode structurally', () => {
    expect(codes(spec({ handover: { note: 'essay' } })).length).toBeGreaterThan(0);
    expect(codes(spec({ pool: true, poolPolicy: { claimCap: 0 } })).length).toBeGreaterThan(0);
  });
});
