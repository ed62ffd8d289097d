import { useMemo } from 'react';
import type { FieldError } from '@trellis/rules';
import type { ApiError } from '../../lib/api/problem';
import { useSignedIn } from '../../lib/session/useMe';
import { entityOf, useLiveSpec } from '../../lib/session/useSpec';

/**
 * What the signed-in user's role lets a form show and change on an entity: fields it may not
 * read are hidden (not rendered, not submitted), fields it may not write are read-only; `user`
 * is who requiredIf / readOnlyIf conditions ask about.
 */
export function useFormRights(entityKey: string) {
  const spec = useLiveSpec();
  const me = useSignedIn();
  return useMemo(() => {
    const fields = entityOf(spec, entityKey)?.fields ?? [];
    const rights = me.entities[entityKey];
    const visible = new Set(rights?.visibleFields ?? []);
    const writable = new Set(rights?.writableFields ?? []);
    return {
      hidden: fields.filter((f) => !visible.has(f.key)).map((f) => f.key),
      readOnly: fields.filter((f) => !writable.has(f.key)).map((f) => f.key),
      user: {
        id: me.user?.id ?? '',
        teams: me.actor.teams ?? [],
        roles: me.role.key ? [me.role.key] : [],
      },
    };
  }, [spec, me, entityKey]);
}

/**
 * The server's refusal as RecordForm takes it: field errors land on their fields; a refusal
 * with no field (a conflict, a network failure) becomes one form-level error with its message.
 */
export function formErrors(err: ApiError): FieldError[] {
  if (err.errors.length > 0) return err.errors as FieldError[];
  return [{ path: '', code: err.code, message: err.message }] as FieldError[];
}
