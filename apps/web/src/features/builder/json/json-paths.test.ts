import { describe, expect, it } from 'vitest';
import type { AppSpec } from '@trellis/spec';
import { entityAt, inVar, rangeOfPointer } from './json-paths';

const spec = {
  entities: [{ key: 'lead' }, { key: 'deal' }],
  forms: [{ key: 'apply', entity: 'lead' }],
  automations: [{ key: 'route', on: { type: 'record.created', entity: 'deal' } }],
} as unknown as AppSpec;

describe('field names inside JSONLogic var', () => {
  it('finds the entity a var belongs to anywhere in the spec', () => {
    expect(
      entityAt(spec, { kind: 'spec' }, ['entities', 1, 'fields', 0, 'requiredIf', 'var']),
    ).toBe('deal');
    expect(
      entityAt(spec, { kind: 'spec' }, [
        'forms',
        0,
        'sections',
        0,
        'fields',
        1,
        'visibleIf',
        '==',
        0,
        'var',
      ]),
    ).toBe('lead');
    expect(entityAt(spec, { kind: 'spec' }, ['automations', 0, 'if', 'var'])).toBe('deal');
    expect(entityAt(spec, { kind: 'spec' }, ['roles', 0, 'x'])).toBeUndefined();
    expect(entityAt(spec, { kind: 'item', list: 'forms', entity: 'lead' }, ['sections'])).toBe(
      'lead',
    );
  });

  it('knows when the cursor is in a var', () => {
    expect(inVar(['and', 0, '==', 0, 'var'])).toBe(true);
    expect(inVar(['and', 0, '==', 0, 'var', 0])).toBe(true);
    expect(inVar(['and', 0, '==', 1])).toBe(false);
  });

  it('finds the text of a problem by its JSON pointer, or its nearest parent', () => {
    const text = '{"entities":[{"key":"lead","fields":[{"key":"a~b/c"}]}]}';
    const [from, to] = rangeOfPointer(text, '/entities/0/fields/0/key')!;
    expect(text.slice(from, to)).toBe('"a~b/c"');
    const [pf, pt] = rangeOfPointer(text, '/entities/0/titleField')!;
    expect(text.slice(pf, pt)).toBe('{"key":"lead","fields":[{"key":"a~b/c"}]}');
  });
});
