import { useState } from 'react';
import { fromMinorUnits, toMinorUnits } from '../../core/money';

/**
 * The text of a money input: people type yuan ("1,999.5"), the form holds fen (199950).
 * Keeps what was typed while it still means the held value, so the input never jumps.
 */
export function useMoneyText(
  value: unknown,
  currency: string,
  onChange: (v: unknown) => void,
): [string, (text: string) => void] {
  const [typed, setTyped] = useState<string | null>(null);
  const shown =
    typed !== null && toMinorUnits(typed, currency) === (value ?? null)
      ? typed
      : fromMinorUnits(value, currency);
  return [
    shown,
    (text) => {
      setTyped(text);
      onChange(toMinorUnits(text, currency));
    },
  ];
}
