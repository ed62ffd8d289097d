import { describe, expect, it } from 'vitest';
import { bigSpec } from '../../bench/big-form';
import { desktopWidgets } from '../widgets/desktop/index';
import { lightWidgets } from '../widgets/light/index';
import { createFormStore } from './form-store';
import { FIRST_SCREEN_FIELDS, firstScreenFields, firstScreenKeys } from './first-screen';
import { runtimeFor } from './spec-cache';

// 50 fields in two columns; every tenth shows only once the field before it has a value.
const runtime = (() => {
  const r = runtimeFor(bigSpec(50), { form: 'big' });
  if ('error' in r) throw new Error(r.error);
  return r;
})();
const laptop = { innerWidth: 1280, innerHeight: 900 };
const phone = { innerWidth: 390, innerHeight: 844 };

describe('the first screen of a form', () => {
  it('holds the rows that fill the window, in the columns the width shows', () => {
    // 900 px: 12 desktop rows of 78 px, 10 light rows of 92; a phone shows one column.
    expect(firstScreenFields(runtime.layout, desktopWidgets.rows, laptop)).toBe(24);
    expect(firstScreenFields(runtime.layout, lightWidgets.rows, laptop)).toBe(20);
    expect(firstScreenFields(runtime.layout, lightWidgets.rows, phone)).toBe(10);
    expect(firstScreenFields(runtime.layout, desktopWidgets.rows, phone)).toBe(11);
    expect(firstScreenFields(runtime.layout, undefined, laptop)).toBe(FIRST_SCREEN_FIELDS);
    expect(firstScreenFields(runtime.layout, lightWidgets.rows, null)).toBe(FIRST_SCREEN_FIELDS);
  });

  it('counts the fields that show: hidden ones take no room', () => {
    const keys = (values: Record<string, unknown>, hidden: string[] = []) => [
      ...firstScreenKeys(runtime, 10, null, createFormStore(values), new Set(hidden)),
    ];
    // f9 waits for f8: ten showing fields are f0…f10, with f9 among the keys (it may show).
    expect(keys({})).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9', 'f10']);
    expect(keys({ f8: 'x' })).toEqual(['f0', 'f1', 'f2', 'f3', 'f4', 'f5', 'f6', 'f7', 'f8', 'f9']);
    // A field the host hides does not count either.
    expect(keys({ f8: 'x' }, ['f0', 'f1'])).toHaveLength(12);
  });
});
