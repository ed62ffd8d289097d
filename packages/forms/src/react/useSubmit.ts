import { useCallback, useState } from 'react';
import type { UseFormReturn } from 'react-hook-form';
import type { FieldError, FormCheck, RecordData } from '@trellis/rules';
import { placeErrors } from '../core/server-errors';
import type { FormScope } from './form-context';

/** What `onSubmit` may answer: the server's problem errors land on their fields. */
export type SubmitOutcome = { errors?: readonly FieldError[] } | void;

export type SubmitHandler = (
  values: RecordData,
  check: FormCheck,
) => SubmitOutcome | Promise<SubmitOutcome>;

/**
 * Submit: the rules run once more on everything (the resolver already put their errors on the
 * fields); on success `onSubmit` gets the normalized, visible values. Errors it answers with
 * (problem+json `errors[]`) are placed on their fields, the first focused; the rest are shown
 * above the button.
 */
export function useSubmit(
  scope: FormScope,
  form: UseFormReturn<RecordData>,
  onSubmit: SubmitHandler,
  onDone: () => void,
) {
  const [formErrors, setFormErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  const submit = useCallback(
    async (raw: RecordData) => {
      const check = scope.runtime.check(raw, scope.locale, scope.current);
      setFormErrors(check.errors.filter((e) => !onForm(scope, check, e.path)));
      if (check.errors.length > 0) return;
      setBusy(true);
      try {
        const outcome = await onSubmit(check.values, check);
        const errors = outcome && outcome.errors ? outcome.errors : [];
        const placed = placeErrors(errors, (key) => onForm(scope, check, `/${key}`));
        let first = true;
        for (const [key, list] of placed.fields) {
          form.setError(key, { type: 'server', message: list[0]!.message }, { shouldFocus: first });
          first = false;
        }
        setFormErrors(placed.form);
        if (errors.length === 0) onDone();
      } finally {
        setBusy(false);
      }
    },
    [scope, form, onSubmit, onDone],
  );
  return { submit, formErrors, setFormErrors, busy };
}

/** Whether an error path names a field the person can see and fix on this form. */
export function onForm(scope: FormScope, check: FormCheck, path: string): boolean {
  const key = path.split('/')[1] ?? '';
  return (
    scope.runtime.layout.byKey.has(key) &&
    check.state.fields[key]?.visible === true &&
    !scope.hidden.has(key)
  );
}
