import type { FieldError } from '@trellis/rules';

/** Errors grouped by the top-level field they concern; the rest ("", "/stage") are the form's. */
export type PlacedErrors = { fields: Map<string, FieldError[]>; form: FieldError[] };

/**
 * Sorts problem+json `errors[]` (or the rules' own) onto the fields on the form: the first
 * segment of `path` names the field ("/tags/0" is about "tags"). Errors about fields the form
 * does not show, or about no field, stay with the form so nothing is silently lost.
 */
export function placeErrors(
  errors: readonly FieldError[],
  onForm: (key: string) => boolean,
): PlacedErrors {
  const fields = new Map<string, FieldError[]>();
  const form: FieldError[] = [];
  for (const e of errors) {
    const key = (e.path.split('/')[1] ?? '').replace(/~1/g, '/').replace(/~0/g, '~');
    if (key && onForm(key)) fields.set(key, [...(fields.get(key) ?? []), e]);
    else form.push(e);
  }
  return { fields, form };
}

/** The `errors` of an RFC 9457 problem body, or [] when it has none in the expected shape. */
export function problemErrors(body: unknown): FieldError[] {
  const errors = (body as { errors?: unknown } | null)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError =>
      typeof e === 'object' &&
      e !== null &&
      typeof e.path === 'string' &&
      typeof e.message === 'string',
  );
}
