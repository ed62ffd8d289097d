import { useState, type InputHTMLAttributes } from 'react';
import type { WidgetProps } from '../../react/widget-types';
import { displayValue, fromLocalInput, inputText, toLocalInput } from '../shared/display';
import { useMoneyText } from '../shared/useMoneyText';
import { nativeDatePattern } from './native-pattern';
import { usePhoneText } from '../shared/usePhoneText';

// The attributes every light input shares: id, aria wiring, read-only, placeholder.
function common(p: Omit<WidgetProps, 'attachInput'>): InputHTMLAttributes<HTMLInputElement> {
  return {
    id: p.id,
    name: p.field.key,
    className: 'tf-input',
    readOnly: p.readOnly,
    'aria-invalid': p.invalid || undefined,
    'aria-required': p.required || undefined,
    'aria-describedby': p.describedBy,
    placeholder: p.placeholder,
    onBlur: p.onBlur,
  };
}

type Kind = Pick<InputHTMLAttributes<HTMLInputElement>, 'type' | 'inputMode' | 'autoComplete'>;

const textInput = (kind: Kind) =>
  function LightText({ attachInput, ...p }: WidgetProps) {
    return (
      <input
        {...common(p)}
        {...kind}
        ref={attachInput}
        value={inputText(p.value)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    );
  };

export const LightText = textInput({ type: 'text' });
export const LightEmail = textInput({ type: 'email', inputMode: 'email', autoComplete: 'email' });
export const LightUrl = textInput({ type: 'url', inputMode: 'url' });
export const LightNumber = textInput({ type: 'text', inputMode: 'decimal' });

export function LightPhone({ attachInput, ...p }: WidgetProps) {
  const [text, setText] = usePhoneText(p.value, p.field, p.onChange);
  return (
    <input
      {...common(p)}
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      ref={attachInput}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

export function LightLongtext({ attachInput, ...p }: WidgetProps) {
  return (
    <textarea
      id={p.id}
      name={p.field.key}
      className="tf-input tf-textarea"
      rows={3}
      ref={attachInput}
      readOnly={p.readOnly}
      aria-invalid={p.invalid || undefined}
      aria-required={p.required || undefined}
      aria-describedby={p.describedBy}
      placeholder={p.placeholder}
      value={inputText(p.value)}
      onChange={(e) => p.onChange(e.target.value)}
      onBlur={p.onBlur}
    />
  );
}

export function LightMoney({ attachInput, ...p }: WidgetProps) {
  const currency = (p.field.type === 'money' && p.field.currency) || 'CNY';
  const [text, setText] = useMoneyText(p.value, currency, p.onChange);
  return (
    <span className="tf-affix">
      <span className="tf-affix-text" aria-hidden="true">
        {currency === 'CNY' ? '¥' : currency}
      </span>
      <input
        {...common(p)}
        type="text"
        inputMode="decimal"
        ref={attachInput}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
    </span>
  );
}

/**
 * A date (or date and time) input that mounts as a text input until someone focuses or presses
 * it, then becomes the native one in place (the same element: focus, the tap and typed digits
 * carry on into it). Creating a native date input is costly in Chromium (its editor of parts
 * and picker: about 0.2 ms each, against 0.05 for a text input), and a form pays it for every
 * empty date on its first screen; one that holds a value is native at once. The text input says
 * what the empty native one will show: the browser's pattern, not the form's language's.
 */
function nativeOnUse(
  type: 'date' | 'datetime-local',
  text: (value: unknown) => string,
  parse: (text: string) => unknown,
) {
  return function LightDateInput({ attachInput, ...p }: WidgetProps) {
    const value = text(p.value);
    const [used, setUsed] = useState(false);
    const live = used || value !== '';
    const use = live ? undefined : () => setUsed(true);
    return (
      <input
        {...common(p)}
        type={live ? type : 'text'}
        className={live ? 'tf-input' : 'tf-input tf-date-standin'}
        placeholder={live ? p.placeholder : (p.placeholder ?? nativeDatePattern(type !== 'date'))}
        ref={attachInput}
        value={value}
        onFocus={use}
        onPointerDown={use}
        onChange={(e) => p.onChange(parse(e.target.value))}
      />
    );
  };
}

export const LightDate = nativeOnUse('date', inputText, (t) => (t === '' ? null : t));
export const LightDatetime = nativeOnUse('datetime-local', toLocalInput, fromLocalInput);

/** A formula's live value (or any read-only value): text, announced when it changes. */
export function LightFormula(p: WidgetProps) {
  return (
    <output id={p.id} className="tf-output" aria-describedby={p.describedBy} aria-live="polite">
      {displayValue(p.field, p.value, p.locale)}
    </output>
  );
}
