import type { FieldError } from '@trellis/rules';
import { formMessage } from '../core/messages';
import { useFormScope } from './form-context';
import { useFormMeta } from './useFormStore';

/**
 * Above the button after a refused submit: how many things need attention, and every error
 * that has no field on the form to stand next to. Subscribes to the error count only.
 */
export function FormSummary({ formErrors }: { formErrors: readonly FieldError[] }) {
  const { widgets, locale, store } = useFormScope();
  const { errors, submits } = useFormMeta(store);
  const count = errors + formErrors.length;
  if (count === 0 || (submits === 0 && formErrors.length === 0)) return null;
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
