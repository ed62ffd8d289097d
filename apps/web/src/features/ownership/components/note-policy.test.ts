import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '@trellis/spec';
import { noteRule, strictestRule, toNote } from './note-policy';

describe('the handover note of the form', () => {
  it('drops empty lines and sends nothing when nothing was written', () => {
    expect(toNote({ needs: [' 周末班 ', '', undefined], risks: [], text: '  ' })).toEqual({
      needs: ['周末班'],
    });
    expect(toNote({ needs: ['', ''], open: [undefined] })).toBeUndefined();
  });

  it("follows the entity's rule, optional by default", () => {
    expect(noteRule({ handover: { note: 'protocol' } } as EntitySpec)).toBe('protocol');
    expect(noteRule({} as EntitySpec)).toBe('optional');
  });

  it('asks a rep leaving for the strictest note among the owned entities', () => {
    const e = (key: string, extra: Partial<EntitySpec>) => ({ key, ...extra }) as EntitySpec;
    expect(strictestRule([e('a', { handover: { note: 'none' } }), e('b', {})])).toBe('optional');
    expect(
      strictestRule([e('a', {}), e('b', { handover: { note: 'protocol' } }), e('c', {})]),
    ).toBe('protocol');
    // An entity without owners never changes hands: its rule does not count.
    expect(
      strictestRule([
        e('a', { handover: { note: 'none' } }),
        e('b', { owned: false, handover: { note: 'protocol' } }),
      ]),
    ).toBe('none');
  });
});
