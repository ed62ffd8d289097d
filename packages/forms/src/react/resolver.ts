import type { FieldErrors, Resolver } from 'react-hook-form';
import type { RecordData } from '@trellis/rules';
import type { FormScope } from './form-context';
import { onForm } from './useSubmit';

/**
 * react-hook-form's resolver over the shared rules: one `check` (normalize, conditions,
 * formulas, the compiled validator, form requiredIf) whose errors go to the fields they
 * name. Nothing is compiled here; the validator was compiled with the spec version.
 */
export function rulesResolver(scope: FormScope): Resolver<RecordData> {
  return (values) => {
    const check = scope.runtime.check(values, scope.locale, scope.current);
    const errors: FieldErrors<RecordData> = {};
    for (const e of check.errors) {
      if (!onForm(scope, check, e.path)) continue;
      const key = e.path.split('/')[1]!;
      if (!errors[key]) errors[key] = { type: e.code, message: e.message };
    }
    return Object.keys(errors).length > 0 ? { values: {}, errors } : { values, errors: {} };
  };
}
