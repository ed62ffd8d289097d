import type { FieldError } from '@trellis/rules';
import { formMessage } from '../core/messages';
import { useFormScope } from './form-context';
import { useFormMeta } from './useFormStore';

/**
 * Above the button after a refused submit: how many fields need attention (only when some are
 * marked), and every error that has no field on the form to stand next to — a refusal that
 * names no field (403, 409) reads as itself, not as "see those marked in red" with none marked.
 * Subscribes to the error count only.
 */
export function FormSummary({ formErrors }: { formErrors: readonly FieldError[] }) {
  const { widgets, locale, store } = useFormScope();
  const { errors, submits } = useFormMeta(store);
  const marked = submits > 0 ? errors : 0;
  if (marked === 0 && formErrors.length === 0) return null;
  return (
    <div role="alert">
      <widgets.Notice kind="error">
        {marked > 0 && <p>{formMessage(locale, 'summary', { count: marked })}</p>}
        {formErrors.length === 1 && marked === 0 ? (
          <p>{formErrors[0]!.message}</p>
        ) : (
          formErrors.length > 0 && (
            <ul>
              {formErrors.map((e, i) => (
                <li key={i}>{e.message}</li>
              ))}
            </ul>
          )
        )}
      </widgets.Notice>
    </div>
  );
}
