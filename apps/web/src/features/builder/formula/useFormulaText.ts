import { useState } from 'react';
import { check } from '@trellis/logic';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import type { FormulaField } from './formula-fields';
import { parseFormula } from './formula-parse';
import { printFormula } from './formula-print';

/**
 * The text of a formula as the builder types it, and when it is applied: on `apply` (the box's
 * blur), only if the text changed, read and passed the runtime's check — a text that does not is
 * kept in the box with the reason, and the spec keeps its last good expression.
 */
export function useFormulaText(
  value: unknown,
  fields: readonly FormulaField[],
  onChange: (logic: unknown) => void,
) {
  const { t } = useTranslation('builder');
  const locale = useLocale();
  const shown = value === undefined || value === null ? '' : printFormula(value, fields);
  const key = JSON.stringify(value ?? null);
  const [state, setState] = useState({ text: shown ?? '', of: key, error: '' });
  // The value changed from outside (undo, the JSON tab): show it afresh.
  if (state.of !== key) setState({ text: shown ?? '', of: key, error: '' });

  const apply = (text: string) => {
    if (text === (shown ?? '') && !state.error) return;
    if (text.trim() === '') {
      setState({ text, of: 'null', error: '' });
      onChange(undefined);
      return;
    }
    const read = parseFormula(text, fields);
    if (!read.ok) {
      const { code, params } = read.error;
      setState({ text, of: key, error: t(`formula.errors.${code}`, params) });
      return;
    }
    const issue = check(read.logic, { fields: fields.map((f) => f.key), locale })[0];
    if (issue) {
      setState({ text, of: key, error: issue.message });
      return;
    }
    setState({ text, of: JSON.stringify(read.logic), error: '' });
    onChange(read.logic);
  };
  return {
    /** Whether the value can be shown as text at all (else it stays JSON). */
    readable: shown !== null,
    text: state.text,
    error: state.error,
    setText: (text: string) => setState((s) => ({ ...s, text })),
    apply,
  };
}
