import type { Draft } from 'immer';
import type { AppSpec, EntitySpec, FieldSpec } from '@trellis/spec';
import { applyChange, type Change } from './change';

/**
 * Items of the draft found by key inside an edit recipe (never by a remembered index: another
 * edit may have moved them). They throw when missing, which leaves the draft unchanged.
 */
export function entityIn(spec: Draft<AppSpec>, key: string): Draft<EntitySpec> {
  const entity = spec.entities.find((e) => e.key === key);
  if (!entity) throw new Error(`no entity ${key}`);
  return entity;
}

export function fieldIn(spec: Draft<AppSpec>, entity: string, key: string): Draft<FieldSpec> {
  const field = entityIn(spec, entity).fields.find((f) => f.key === key);
  if (!field) throw new Error(`no field ${entity}.${key}`);
  return field;
}

/** A keyed item of one of the spec's lists (forms, pipelines, views...). */
export function itemIn<T extends { key: string }>(list: T[] | undefined, key: string): T {
  const item = list?.find((x) => x.key === key);
  if (!item) throw new Error(`no item ${key}`);
  return item;
}

/** The JSON pointer of a keyed item of a top-level list, for its problems ('' when absent). */
export function pointerOf(spec: AppSpec, list: keyof AppSpec, key: string): string {
  const items = spec[list] as { key: string }[] | undefined;
  const i = items?.findIndex((x) => x.key === key) ?? -1;
  return i < 0 ? `/${list}/-1` : `/${list}/${i}`;
}

/**
 * Sets or removes (undefined) an optional property, so cleared settings leave no empty value; a
 * function change is applied to the property as the draft holds it now.
 */
export function setOptional<T extends object, K extends keyof T>(
  obj: T,
  key: K,
  change: Change<T[K] | undefined>,
): void {
  const value = applyChange(obj[key] as T[K] | undefined, change);
  if (value === undefined) delete obj[key];
  else obj[key] = value;
}
