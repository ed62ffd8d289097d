import type { Draft } from 'immer';
import type { AppSpec } from '@trellis/spec';
import { entityIn, fieldIn } from './find';

/**
 * Renames a field that is not yet published, with the places that name it by key: title field,
 * identity keys, form placements, stage requirements, view columns and sorts. (Conditions naming
 * it are left alone; the problem list shows any that still use the old key.)
 */
export function renameField(spec: Draft<AppSpec>, entity: string, from: string, to: string): void {
  if (from === to) return;
  const e = entityIn(spec, entity);
  fieldIn(spec, entity, from).key = to;
  if (e.titleField === from) e.titleField = to;
  if (e.identity) e.identity = e.identity.map((k) => k.map((f) => (f === from ? to : f)));
  for (const form of spec.forms ?? []) {
    if (form.entity !== entity) continue;
    for (const section of form.sections)
      section.fields = section.fields.map((f) =>
        f === from ? to : typeof f === 'object' && f.field === from ? { ...f, field: to } : f,
      );
  }
  for (const p of spec.pipelines ?? []) {
    if (p.entity !== entity) continue;
    if (p.lossReasonField === from) p.lossReasonField = to;
    for (const stage of p.stages)
      if (stage.requires) stage.requires = stage.requires.map((f) => (f === from ? to : f));
  }
  for (const v of spec.views ?? []) {
    if (v.entity !== entity) continue;
    if (v.columns) v.columns = v.columns.map((c) => (c === from ? to : c));
    if (v.sort) v.sort = v.sort.map((s) => (s.field === from ? { ...s, field: to } : s));
    if (v.groupBy === from) v.groupBy = to;
  }
}
