import { check } from '@trellis/logic';
import type { EntitySpec } from '@trellis/spec';
import type { ProblemError } from '../http/problem';
import type { Locale } from '../http/locale';
import type { ViewBody } from './view-def';

const GROUPABLE = new Set(['select', 'user', 'boolean']);
const SYSTEM_GROUPS = new Set(['stage', 'ownerId', 'teamId']);

type Input = Record<string, unknown>;
const err = (path: string, code: string, params?: Record<string, unknown>): ProblemError => ({
  path,
  code,
  message: '',
  ...(params ? { params } : {}),
});

/**
 * Checks a saved view against the entity and what the caller can see: columns, filter, sort and
 * board grouping may only name visible fields. Returns the view body or the errors (never throws).
 */
export function validateViewBody(
  body: Input,
  entity: EntitySpec,
  visible: Set<string>,
  locale: Locale,
): { ok: true; view: ViewBody } | { ok: false; errors: ProblemError[] } {
  const errors: ProblemError[] = [];
  const type = body.type ?? 'list';
  if (type !== 'list' && type !== 'board')
    errors.push(err('/type', 'invalid_value', { reason: 'list | board' }));
  const view: ViewBody = { type: type === 'board' ? 'board' : 'list' };

  if (body.columns !== undefined) {
    if (!Array.isArray(body.columns) || body.columns.length > 50)
      errors.push(err('/columns', 'invalid_value', { reason: '≤ 50' }));
    else {
      body.columns.forEach((c, i) => {
        if (typeof c !== 'string' || !visible.has(c))
          errors.push(err(`/columns/${i}`, 'unknown_field', { field: String(c).slice(0, 64) }));
      });
      view.columns = body.columns.filter((c): c is string => typeof c === 'string');
    }
  }
  if (body.filter !== undefined && body.filter !== null) {
    for (const issue of check(body.filter, { fields: [...visible], locale }))
      errors.push({
        path: `/filter${issue.path === '/' ? '' : issue.path}`,
        code: issue.code,
        message: issue.message,
      });
    view.filter = body.filter;
  }
  if (body.sort !== undefined) {
    if (!Array.isArray(body.sort) || body.sort.length > 5)
      errors.push(err('/sort', 'invalid_value', { reason: '≤ 5' }));
    else {
      view.sort = [];
      body.sort.forEach((s: unknown, i) => {
        const item = (s ?? {}) as { field?: unknown; dir?: unknown };
        if (typeof item.field !== 'string' || !visible.has(item.field))
          errors.push(err(`/sort/${i}/field`, 'invalid_sort', { field: String(item.field) }));
        else if (item.dir !== undefined && item.dir !== 'asc' && item.dir !== 'desc')
          errors.push(err(`/sort/${i}/dir`, 'invalid_value', { reason: 'asc | desc' }));
        else view.sort!.push({ field: item.field, dir: item.dir === 'desc' ? 'desc' : 'asc' });
      });
    }
  }
  if (body.groupBy !== undefined) {
    const key = body.groupBy;
    const field = entity.fields.find((f) => f.key === key);
    const ok =
      typeof key === 'string' &&
      visible.has(key) &&
      (SYSTEM_GROUPS.has(key) || (field !== undefined && GROUPABLE.has(field.type)));
    if (!ok) errors.push(err('/groupBy', 'unknown_field', { field: String(key).slice(0, 64) }));
    else view.groupBy = key;
  }
  return errors.length ? { ok: false, errors } : { ok: true, view };
}

/** The label of a saved view: a non-empty text of at most 100 characters. */
export function labelErrors(label: unknown): ProblemError[] {
  if (typeof label !== 'string' || label.trim() === '') return [err('/label', 'required')];
  if (label.length > 100) return [err('/label', 'too_long')];
  return [];
}
