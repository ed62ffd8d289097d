import { describe, expect, it } from 'vitest';
import { leadApp } from '../../test/fixtures/lead-app';
import { createSpecModel } from '../model/spec-model';
import { validateRecord } from '../validation/validate-record';
import { normalizeInput } from './normalize-input';

const model = createSpecModel(leadApp, 1).entity('lead')!;
const norm = (input: Record<string, unknown>, locale: 'zh-CN' | 'en' = 'en') =>
  normalizeInput(model, input, { locale, via: 'api' });

describe('text hygiene (issue 11 item 10)', () => {
  it.each([
    ['name', 'Zhang\u0000San'],
    ['name', 'tab\there'],
    ['name', 'two\nlines'],
    ['name', 'bell\u0007'],
    ['name', 'c1\u0085control'],
    ['notes', 'null \u0000 byte'],
    ['notes', 'escape \u001b[31m red'],
    ['email', 'a\u0000@example.com'],
    ['source', 'web\u0000'],
    ['tags', ['ok', 'bad\u0000']],
  ])('refuses a control character in %s', (key, value) => {
    const out = norm({ [key]: value });
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]).toMatchObject({ path: `/${key}`, code: 'invalid_characters' });
    expect(out.values).not.toHaveProperty(key);
  });

  it('names the field by its label in the caller language', () => {
    expect(norm({ name: 'a\u0000' }, 'zh-CN').errors[0]!.message).toContain('“姓名”');
    expect(norm({ name: 'a\u0000' }, 'en').errors[0]!.message).toContain('"Name"');
  });

  it('lets long text keep tabs and line breaks, one kind of line break', () => {
    const out = norm({ notes: 'line 1\r\n\tline 2\rline 3' });
    expect(out.errors).toEqual([]);
    expect(out.values.notes).toBe('line 1\n\tline 2\nline 3');
  });

  it.each(['\u200B\u200B', ' \u200C\u200D ', '\uFEFF', '\u3000\u2060', '\u3164', '\u00AD '])(
    'treats a name of only invisible characters (%j) as empty, so required says so',
    (value) => {
      const out = norm({ name: value });
      expect(out.values.name).toBeNull();
      const errors = validateRecord(model, out.values, { locale: 'en', now: 0 });
      expect(errors.map((e) => `${e.path} ${e.code}`)).toContain('/name required');
    },
  );

  it('trims zero-width characters at the edges and keeps joined emoji and Chinese text', () => {
    expect(norm({ name: '\u200B张三\u200B' }).values.name).toBe('张三');
    expect(norm({ notes: '\uFEFF家庭 👨\u200D👩\u200D👧 ' }).values.notes).toBe(
      '家庭 👨\u200D👩\u200D👧',
    );
  });
});
