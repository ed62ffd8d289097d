import { useCallback } from 'react';
import type { FormInstance } from 'antd';
import type { ApiError } from '../../../lib/api/problem';

/**
 * Puts a problem's field errors (`/password`) on the form's fields. Returns whether every error
 * found its field (otherwise the caller shows the problem above the form).
 */
export function useFieldErrors(form: FormInstance) {
  return useCallback(
    (error: ApiError): boolean => {
      const names = Object.keys(form.getFieldsValue(true) as object);
      const placed = error.errors.filter((e) => names.includes(e.path.slice(1).split('/')[0]!));
      form.setFields(
        placed.map((e) => ({ name: e.path.slice(1).split('/')[0]!, errors: [e.message] })),
      );
      return placed.length > 0 && placed.length === error.errors.length;
    },
    [form],
  );
}
