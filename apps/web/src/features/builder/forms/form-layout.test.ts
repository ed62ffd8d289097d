import { describe, expect, it } from 'vitest';
import type { FormSpec } from '@trellis/spec';
import { findPlacement, placeField, setPlacement, unplaceField } from './form-layout';

const form = (): FormSpec => ({
  key: 'enroll',
  entity: 'enrollment',
  label: { en: 'Enroll' },
  sections: [
    { fields: ['name', { field: 'phone', requiredIf: { '==': [{ var: 'x' }, 1] } }, 'city'] },
    { columns: 2, fields: ['course'] },
  ],
});

describe('form layout edits', () => {
  it('moves a field with its conditions into another section at a place', () => {
    const f = form();
    placeField(f, 'phone', 1, 0);
    expect(f.sections[0]!.fields).toEqual(['name', 'city']);
    expect(f.sections[1]!.fields).toEqual([
      { field: 'phone', requiredIf: { '==': [{ var: 'x' }, 1] } },
      'course',
    ]);
  });

  it('reorders inside a section in both directions', () => {
    const down = form();
    placeField(down, 'name', 0, 3);
    expect(down.sections[0]!.fields.map((p) => (typeof p === 'string' ? p : p.field))).toEqual([
      'phone',
      'city',
      'name',
    ]);
    // "Before the third field" from the first place: it lands between the other two.
    const between = form();
    placeField(between, 'name', 0, 2);
    expect(between.sections[0]!.fields.map((p) => (typeof p === 'string' ? p : p.field))).toEqual([
      'phone',
      'name',
      'city',
    ]);
    const up = form();
    placeField(up, 'city', 0, 0);
    expect(up.sections[0]!.fields[0]).toBe('city');
  });

  it('places a new field and takes one out', () => {
    const f = form();
    placeField(f, 'email', 1, 5);
    expect(f.sections[1]!.fields).toEqual(['course', 'email']);
    unplaceField(f, 'course');
    expect(findPlacement(f, 'course')).toBeUndefined();
    expect(f.sections[1]!.fields).toEqual(['email']);
  });

  it('writes a placement object only while it holds a setting', () => {
    const f = form();
    setPlacement(f, 'name', 'span', 2);
    expect(f.sections[0]!.fields[0]).toEqual({ field: 'name', span: 2 });
    setPlacement(f, 'name', 'span', undefined);
    expect(f.sections[0]!.fields[0]).toBe('name');
    setPlacement(f, 'phone', 'requiredIf', undefined);
    expect(f.sections[0]!.fields[1]).toBe('phone');
  });
});
