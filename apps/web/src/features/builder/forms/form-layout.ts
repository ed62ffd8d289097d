import type { FormFieldSpec, FormSectionSpec, FormSpec } from '@trellis/spec';
import { applyChange, type Change } from '../draft/change';

/** A field's entry in a section: its key alone, or a placement with texts and conditions. */
export type Placement = FormSectionSpec['fields'][number];

/** The key of the field a placement places. */
export function placedKey(p: Placement): string {
  return typeof p === 'string' ? p : p.field;
}

/** Where a field sits in the form ([section, index]), or undefined when it is not placed. */
export function findPlacement(form: FormSpec, key: string): [number, number] | undefined {
  for (let s = 0; s < form.sections.length; s++) {
    const i = form.sections[s]!.fields.findIndex((p) => placedKey(p) === key);
    if (i >= 0) return [s, i];
  }
  return undefined;
}

/** The keys of the fields placed anywhere in the form. */
export function placedKeys(form: FormSpec): Set<string> {
  return new Set(form.sections.flatMap((s) => s.fields.map(placedKey)));
}

/**
 * Moves a field (with its conditions) to `index` of section `to`, or places a field that was
 * not in the form yet there. `index` counts in the target section as it is before the move.
 * Mutates `form` (an immer draft).
 */
export function placeField(form: FormSpec, key: string, to: number, index: number): void {
  const target = form.sections[to];
  if (!target) return;
  const from = findPlacement(form, key);
  let entry: Placement = key;
  let at = index;
  if (from) {
    const [s, i] = from;
    entry = form.sections[s]!.fields[i]!;
    form.sections[s]!.fields.splice(i, 1);
    // Moving down inside one section: the items after it moved up by one.
    if (s === to && i < index) at -= 1;
  }
  target.fields.splice(Math.max(0, Math.min(at, target.fields.length)), 0, entry);
}

/** Takes a field out of the form. */
export function unplaceField(form: FormSpec, key: string): void {
  const at = findPlacement(form, key);
  if (at) form.sections[at[0]]!.fields.splice(at[1], 1);
}

/**
 * Sets (or clears, with undefined) one setting of a field's placement. A placement left with
 * nothing but its field becomes the plain key again, as people write it by hand.
 */
export function setPlacement(
  form: FormSpec,
  key: string,
  prop: Exclude<keyof FormFieldSpec, 'field'>,
  change: Change<unknown>,
): void {
  const at = findPlacement(form, key);
  if (!at) return;
  const fields = form.sections[at[0]]!.fields;
  const current = fields[at[1]]!;
  const next: Record<string, unknown> =
    typeof current === 'string' ? { field: key } : { ...current };
  const value = applyChange(next[prop], change);
  if (value === undefined) delete next[prop];
  else next[prop] = value;
  fields[at[1]] = Object.keys(next).length === 1 ? key : (next as FormFieldSpec);
}

/** The placement object of a field (its key alone gives `{ field }`). */
export function placementOf(form: FormSpec, key: string): FormFieldSpec | undefined {
  const at = findPlacement(form, key);
  if (!at) return undefined;
  const p = form.sections[at[0]]!.fields[at[1]]!;
  return typeof p === 'string' ? { field: p } : p;
}
