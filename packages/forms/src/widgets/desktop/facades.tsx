import { useContext, type PointerEvent } from 'react';
import dayjs from 'dayjs';
import { ConfigProvider } from 'antd';
import { localized } from '@trellis/rules';
import { formMessage } from '../../core/messages';
import { fromMinorUnits, minorDigits } from '../../core/money';
import { antClasses, useAntLook } from './look';
import type { FacadeProps } from './upgrade';

// Stand-ins for the Ant Design inputs that are costly to mount (InputNumber, Select,
// DatePicker): the markup those components render when closed and untouched, with their class
// names, so Ant Design's stylesheet draws them the same. Each keeps the field's id, label and
// aria wiring; pointing at it or focusing it swaps in the real component (upgrade.tsx). Each
// root carries `data-standin` so a test (or a stylesheet) can tell one from the live widget.

// Ant Design's own icons (@ant-design/icons "down" and "calendar"), as plain SVG.
const DOWN =
  'M884 256h-75c-5.1 0-9.9 2.5-12.9 6.6L512 654.2 227.9 262.6c-3-4.1-7.8-6.6-12.9-6.6h-75c-6.5 0-10.3 7.4-6.5 12.7l352.6 486.1c12.8 17.6 39 17.6 51.7 0l352.6-486.1c3.9-5.3.1-12.7-6.4-12.7z';
const CALENDAR =
  'M880 184H712v-64c0-4.4-3.6-8-8-8h-56c-4.4 0-8 3.6-8 8v64H384v-64c0-4.4-3.6-8-8-8h-56c-4.4 0-8 3.6-8 8v64H144c-17.7 0-32 14.3-32 32v664c0 17.7 14.3 32 32 32h736c17.7 0 32-14.3 32-32V216c0-17.7-14.3-32-32-32zm-40 656H184V460h656v380zM184 392V256h128v48c0 4.4 3.6 8 8 8h56c4.4 0 8-3.6 8-8v-48h256v48c0 4.4 3.6 8 8 8h56c4.4 0 8-3.6 8-8v-48h128v136H184z';

function Icon({ name, path }: { name: string; path: string }) {
  return (
    <span role="img" aria-hidden="true" className={`anticon anticon-${name}`}>
      <svg viewBox="64 64 896 896" focusable="false" width="1em" height="1em" fill="currentColor">
        <path d={path} />
      </svg>
    </span>
  );
}

const wakeOn = (p: Omit<FacadeProps, 'attachInput'>) =>
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

const aria = (p: Omit<FacadeProps, 'attachInput'>) => ({
  id: p.id,
  'aria-invalid': p.invalid || undefined,
  'aria-required': p.required || undefined,
  'aria-describedby': p.describedBy,
});

/** InputNumber (numbers, percents, money in yuan): typing before the swap still counts. */
export function NumberFacade({ attachInput, ...p }: FacadeProps) {
  const look = useAntLook();
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
  return (
    <div
      className={antClasses(look, 'input-number', {
        invalid: p.invalid,
        extra: 'ant-input-number-mode-input',
      })}
      style={{ width: '100%' }}
      data-standin=""
      {...wakeOn(p)}
    >
      {prefix && <div className="ant-input-number-prefix">{prefix}</div>}
      <input
        {...aria(p)}
        name={f.key}
        role="spinbutton"
        autoComplete="off"
        className="ant-input-number-input"
        placeholder={p.placeholder}
        readOnly={p.readOnly}
        ref={attachInput}
        value={text}
        // Only reached when a change beats the swap (a script, a very fast typist): hold it
        // as the live widget would — a number, money in fen.
        onChange={(e) => {
          const t = e.target.value.trim().replace(/,/g, '');
          const n = t === '' ? null : Number(t);
          if (n === null || Number.isFinite(n))
            p.onChange(n !== null && money ? Math.round(n * 10 ** minorDigits(currency)) : n);
        }}
      />
      {suffix && <div className="ant-input-number-suffix">{suffix}</div>}
    </div>
  );
}

/** A single Select, closed: the chosen option's label (and color dot) or the placeholder. */
export function SelectFacade({ attachInput, ...p }: FacadeProps) {
  const look = useAntLook();
  const f = p.field;
  const option =
    f.type === 'select' && p.value !== null && p.value !== undefined
      ? f.options.find((o) => o.value === p.value)
      : undefined;
  const label = option ? localized(option.label, p.locale, option.value) : undefined;
  return (
    <div
      className={antClasses(look, 'select', {
        invalid: p.invalid,
        extra: `ant-select-single${label ? ' ant-select-allow-clear' : ''} ant-select-show-arrow ant-select-show-search`,
      })}
      style={{ width: '100%' }}
      data-standin=""
      {...wakeOn(p)}
    >
      <div
        className={`ant-select-content${label ? ' ant-select-content-has-value' : ''}`}
        title={label}
      >
        {label === undefined ? (
          <div className="ant-select-placeholder">
            {p.placeholder ?? formMessage(p.locale, 'select')}
          </div>
        ) : (
          <span>
            {option?.color && <span className="tf-d-dot" style={{ background: option.color }} />}
            {label}
          </span>
        )}
        <input
          {...aria(p)}
          type="text"
          autoComplete="off"
          className="ant-select-input"
          role="combobox"
          aria-expanded="false"
          aria-haspopup="listbox"
          aria-autocomplete="list"
          readOnly={p.readOnly}
          ref={attachInput}
          value=""
          onChange={() => p.wake('focus')}
        />
      </div>
      <div className="ant-select-suffix">
        <Icon name="down" path={DOWN} />
      </div>
    </div>
  );
}

/** A DatePicker (date or date and time), closed. */
export function DateFacade({ attachInput, ...p }: FacadeProps) {
  const look = useAntLook();
  const withTime = p.field.type === 'datetime';
  const format = withTime ? 'YYYY-MM-DD HH:mm' : 'YYYY-MM-DD';
  const value =
    withTime && typeof p.value === 'number'
      ? dayjs(p.value)
      : !withTime && typeof p.value === 'string'
        ? dayjs(p.value)
        : null;
  const text = value?.isValid() ? value.format(format) : '';
  // The placeholder the live picker will show: from the locale Ant Design's ConfigProvider holds.
  const lang = useContext(ConfigProvider.ConfigContext).locale?.DatePicker?.lang;
  return (
    <div
      className={antClasses(look, 'picker', {
        invalid: p.invalid,
        extra: p.readOnly ? 'ant-picker-disabled' : undefined,
      })}
      style={{ width: '100%' }}
      data-standin=""
      {...wakeOn(p)}
    >
      <div className="ant-picker-input">
        <input
          {...aria(p)}
          autoComplete="off"
          size={format.length + 2}
          placeholder={p.placeholder ?? lang?.placeholder}
          disabled={p.readOnly}
          ref={attachInput}
          value={text}
          onChange={() => p.wake('focus')}
        />
        <span className="ant-picker-suffix">
          <Icon name="calendar" path={CALENDAR} />
        </span>
      </div>
    </div>
  );
}
