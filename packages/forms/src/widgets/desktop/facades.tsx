import type { ChangeEvent, PointerEvent } from 'react';
import dayjs from 'dayjs';
import { localized } from '@trellis/rules';
import { formMessage } from '../../core/messages';
import { fromMinorUnits, minorDigits } from '../../core/money';
import { antClasses } from './look';
import type { FacadeProps } from './upgrade';

// Stand-ins for the Ant Design inputs that are costly to mount (InputNumber, Select,
// DatePicker): the markup those components render when closed and untouched, with their class
// names, so Ant Design's stylesheet draws them the same. Each keeps the field's id, label and
// aria wiring; pointing at it or focusing it swaps in the real component (upgrade.tsx). Each
// root carries the class `tf-d-standin` (full width, desktop.css) so a test (or a stylesheet)
// can tell one from the live widget. Every element and attribute here is paid per field when a
// big form mounts, and each element with a class is matched against Ant Design's ~430
// `[class^="ant-…"]` rules: styles are classes, the arrow and calendar icons are pseudo-elements
// drawn by CSS, a placeholder is the input's own.

const wakeOn = (p: Omit<FacadeProps, 'attachInput' | 'antLocale'>) =>
  p.readOnly
    ? {}
    : {
        onPointerEnter: () => p.wake('hover'),
        // A mouse press swaps in the live widget before its mousedown, which then lands on no
        // element of either (its target is gone): the press is taken here (no mousedown follows)
        // and the live widget mounts focused and open. A touch only wakes it: the tap's mouse
        // events come after the finger lifts, on the live widget, and a finger that scrolls
        // opens nothing.
        onPointerDown: (e: PointerEvent) => {
          if (e.pointerType !== 'mouse') return p.wake('hover');
          e.preventDefault();
          p.wake('press');
        },
        onFocus: () => p.wake('focus'),
      };

const aria = (p: Omit<FacadeProps, 'attachInput' | 'antLocale'>) => ({
  id: p.id,
  'aria-invalid': p.invalid || undefined,
  'aria-required': p.required || undefined,
  'aria-describedby': p.describedBy,
});

/** InputNumber (numbers, percents, money in yuan): typing before the swap still counts. */
export function numberFacade({ attachInput, antLocale: _, ...p }: FacadeProps) {
  const f = p.field;
  const money = f.type === 'money';
  const currency = (money && f.currency) || 'CNY';
  const text = money
    ? fromMinorUnits(p.value, currency)
    : typeof p.value === 'number'
      ? String(p.value)
      : '';
  const prefix = money ? (currency === 'CNY' ? '¥' : currency) : undefined;
  const suffix = f.type === 'percent' ? '%' : undefined;
  const input = {
    ...aria(p),
    name: f.key,
    role: 'spinbutton',
    autoComplete: 'off',
    placeholder: p.placeholder,
    readOnly: p.readOnly,
    ref: attachInput,
    value: text,
    // Only reached when a change beats the swap (a script, a very fast typist): hold it as
    // the live widget would — a number, money in fen.
    onChange: (e: ChangeEvent<HTMLInputElement>) => {
      const t = e.target.value.trim().replace(/,/g, '');
      const n = t === '' ? null : Number(t);
      if (n === null || Number.isFinite(n))
        p.onChange(n !== null && money ? Math.round(n * 10 ** minorDigits(currency)) : n);
    },
  };
  // A plain number is one element: an Ant Design input, as tall and wide as InputNumber's box
  // with its input (the same padding, border and font tokens) — one classed element per
  // number field where the box and its input were two.
  if (!prefix && !suffix)
    return (
      <input
        {...input}
        className={antClasses('input', { invalid: p.invalid, extra: 'tf-d-standin' })}
        {...wakeOn(p)}
      />
    );
  return (
    <div
      className={antClasses('input-number', {
        invalid: p.invalid,
        extra: 'ant-input-number-mode-input tf-d-standin',
      })}
      {...wakeOn(p)}
    >
      {prefix && <div className="ant-input-number-prefix">{prefix}</div>}
      <input {...input} className="ant-input-number-input" />
      {suffix && <div className="ant-input-number-suffix">{suffix}</div>}
    </div>
  );
}

/** A single Select, closed: the chosen option's label (and color dot) or the placeholder. */
export function selectFacade({ attachInput, antLocale: _, ...p }: FacadeProps) {
  const f = p.field;
  const option =
    f.type === 'select' && p.value !== null && p.value !== undefined
      ? f.options.find((o) => o.value === p.value)
      : undefined;
  const label = option ? localized(option.label, p.locale, option.value) : undefined;
  return (
    <div
      className={antClasses('select', {
        invalid: p.invalid,
        extra: `ant-select-single${label ? ' ant-select-allow-clear' : ''} ant-select-show-arrow ant-select-show-search tf-d-standin tf-d-icon-down`,
      })}
      {...wakeOn(p)}
    >
      <div
        className={`ant-select-content${label ? ' ant-select-content-has-value' : ''}`}
        title={label}
      >
        {label !== undefined && (
          <span>
            {option?.color && <span className="tf-d-dot" style={{ background: option.color }} />}
            {label}
          </span>
        )}
        {/* No class: Ant Design's rules for its `ant-select-input` are in desktop.css for an
            input in this place, one classed element less per select. */}
        <input
          {...aria(p)}
          autoComplete="off"
          role="combobox"
          aria-expanded="false"
          aria-autocomplete="list"
          // The live Select's placeholder is an element of its own; here the input, which
          // covers the box, shows it (in the same color: desktop.css): one element less.
          placeholder={
            label === undefined ? (p.placeholder ?? formMessage(p.locale, 'select')) : undefined
          }
          readOnly={p.readOnly}
          ref={attachInput}
          value=""
          onChange={() => p.wake('focus')}
        />
      </div>
    </div>
  );
}

/** A DatePicker (date or date and time), closed. */
export function dateFacade({ attachInput, antLocale, ...p }: FacadeProps) {
  const withTime = p.field.type === 'datetime';
  const format = withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD';
  const value =
    withTime && typeof p.value === 'number'
      ? dayjs(p.value)
      : !withTime && typeof p.value === 'string'
        ? dayjs(p.value)
        : null;
  const text = value?.isValid() ? value.format(format) : '';
  return (
    <div
      className={antClasses('picker', {
        invalid: p.invalid,
        extra: `${p.readOnly ? 'ant-picker-disabled ' : ''}tf-d-standin tf-d-icon-calendar`,
      })}
      {...wakeOn(p)}
    >
      {/* Directly in the box, without the live picker's `ant-picker-input` around it: its rules
          and its input's are in desktop.css, one element less per date. */}
      <input
        {...aria(p)}
        autoComplete="off"
        size={format.length + 2}
        placeholder={p.placeholder ?? antLocale?.DatePicker?.lang.placeholder}
        disabled={p.readOnly}
        ref={attachInput}
        value={text}
        onChange={() => p.wake('focus')}
      />
    </div>
  );
}
