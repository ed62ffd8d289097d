import { useFormState, type Control } from 'react-hook-form';
import type { FieldError, RecordData } from '@trellis/rules';
import { formMessage } from '../core/messages';
import { useFormScope } from './form-context';

/**
 * Above the button after a refused submit: how many things need attention, and every error
 * that has no field on the form to stand next to. Subscribes to the error count only.
 */
export function FormSummary({
  control,
  formErrors,
}: {
  control: Control<RecordData>;
  formErrors: readonly FieldError[];
}) {
  const { widgets, locale } = useFormScope();
  const { errors, submitCount } = useFormState({ control });
  const count = Object.keys(errors).length + formErrors.length;
  if (count === 0 || (submitCount === 0 && formErrors.length === 0)) return null;
  return (
    <div role="alert">
      <widgets.Notice kind="error">
        <p>{formMessage(locale, 'summary', { count })}</p>
        {formErrors.length > 0 && (
          <ul>
            {formErrors.map((e, i) => (
              <li key={i}>{e.message}</li>
            ))}
          </ul>
        )}
      </widgets.Notice>
    </div>
  );
}
