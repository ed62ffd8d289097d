import { useCallback, useState, type FormEvent } from 'react';
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
 * Submit: the rules run once over every value (one compiled validator, one pass); their errors
 * go to the fields they name in one store update (only those fields re-render) and focus moves
 * to the first. On success `onSubmit` gets the normalized, visible values; errors it answers
 * with (problem+json `errors[]`) are placed on their fields too, the rest shown above the button.
 */
export function useSubmit(scope: FormScope, onSubmit: SubmitHandler, onDone: () => void) {
  const [formErrors, setFormErrors] = useState<FieldError[]>([]);
  const [busy, setBusy] = useState(false);
  // No errors before and none now: no state change, so a refused submit re-renders only the
  // fields whose error changed, not the whole form around them.
  const keepFormErrors = useCallback(
    (next: FieldError[]) =>
      setFormErrors((was) => (was.length === 0 && next.length === 0 ? was : next)),
    [],
  );
  const submit = useCallback(
    async (event?: FormEvent) => {
      event?.preventDefault();
      if (busy) return;
      const { store } = scope;
      const check = scope.runtime.check(store.values(), scope.locale, scope.current);
      store.setErrors(fieldErrors(scope, check, check.errors));
      store.markSubmitted();
      keepFormErrors(check.errors.filter((e) => !onForm(scope, check, e.path)));
      if (check.errors.length > 0) {
        store.focusFirstError(scope.runtime.layout.byKey.keys());
        return;
      }
      setBusy(true);
      try {
        const outcome = await onSubmit(withoutHidden(check.values, scope.hidden), check);
        const errors = outcome && outcome.errors ? outcome.errors : [];
        const placed = placeErrors(errors, (key) => onForm(scope, check, `/${key}`));
        const messages: Record<string, string> = {};
        for (const [key, list] of placed.fields) messages[key] = list[0]!.message;
        store.setErrors(messages);
        store.focusFirstError(scope.runtime.layout.byKey.keys());
        keepFormErrors(placed.form);
        if (errors.length === 0) onDone();
      } finally {
        setBusy(false);
      }
    },
    [scope, onSubmit, onDone, busy, keepFormErrors],
  );
  return { submit, formErrors, busy };
}

/** The first message of each field the person can see and fix, by field key. */
export function fieldErrors(
  scope: FormScope,
  check: FormCheck,
  errors: readonly FieldError[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of errors) {
    if (!onForm(scope, check, e.path)) continue;
    const key = e.path.split('/')[1]!;
    out[key] ??= e.message;
  }
  return out;
}

/** Whether an error path names a field the person can see and fix on this form. */
function onForm(scope: FormScope, check: FormCheck, path: string): boolean {
  const key = path.split('/')[1] ?? '';
  return (
    scope.runtime.layout.byKey.has(key) &&
    check.state.fields[key]?.visible === true &&
    !scope.hidden.has(key)
  );
}

/** Values without the fields the host hides (role permissions): a form never sends them. */
function withoutHidden(values: RecordData, hidden: ReadonlySet<string>): RecordData {
  if (hidden.size === 0) return values;
  return Object.fromEntries(Object.entries(values).filter(([key]) => !hidden.has(key)));
}
