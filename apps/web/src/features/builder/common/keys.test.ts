import { describe, expect, it } from 'vitest';
import { camelKeyFrom, kebabKeyFrom } from './keys';

describe('keys made from labels', () => {
  it('turns English labels into camelCase keys, unique in their list', () => {
    expect(camelKeyFrom('Course enrollment', [], 'entity')).toBe('courseEnrollment');
    expect(camelKeyFrom('Phone (mobile)', ['phoneMobile'], 'field')).toBe('phoneMobile2');
    expect(camelKeyFrom('2nd choice', [], 'field')).toBe('field1');
    expect(camelKeyFrom('报名', ['field1'], 'field')).toBe('field2');
    expect(camelKeyFrom('Café owner', [], 'field')).toBe('cafeOwner');
  });

  it('turns labels into kebab-case keys for forms and views', () => {
    expect(kebabKeyFrom('Course enrollment', [], 'form')).toBe('course-enrollment');
    expect(kebabKeyFrom('报名表', ['form-1'], 'form')).toBe('form-2');
    expect(kebabKeyFrom('My leads!', ['my-leads'], 'view')).toBe('my-leads-2');
  });
});
