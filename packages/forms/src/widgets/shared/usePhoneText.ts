import { useState } from 'react';
import { formatPhone } from '@trellis/rules';
import type { FieldSpec } from '@trellis/spec';
import { inputText } from './display';

/**
 * The text of a phone input. A stored number (E.164, "+8613800138000") shows as people read it
 * ("138 0013 8000"); what the user types stays exactly as typed while it is still the held
 * value, so the input never jumps under the caret. The form keeps the stored value until the
 * user changes it, so an untouched number is never sent back as a change.
 */
export function usePhoneText(
  value: unknown,
  field: FieldSpec,
  onChange: (v: unknown) => void,
): [string, (text: string) => void] {
  const [typed, setTyped] = useState<string | null>(null);
  const held = inputText(value);
  const region = (field.type === 'phone' && field.defaultRegion) || 'CN';
  const shown = typed !== null && typed === held ? typed : held && formatPhone(held, region);
  return [
    shown,
    (text) => {
      setTyped(text);
      onChange(text);
    },
  ];
}
