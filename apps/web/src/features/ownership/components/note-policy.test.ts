import { describe, expect, it } from 'vitest';
import type { EntitySpec } from '@trellis/spec';
import { noteRule, toNote } from './note-policy';

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
});
