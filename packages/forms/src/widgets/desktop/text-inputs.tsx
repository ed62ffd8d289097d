import { DatePicker, Input, InputNumber, Typography } from 'antd';
import dayjs from 'dayjs';
import type { WidgetProps } from '../../react/widget-types';
import { minorDigits } from '../../core/money';
import { displayValue, inputText } from '../shared/display';
import { usePhoneText } from '../shared/usePhoneText';
import { dateFacade, numberFacade } from './facades';
import { antClasses, useAntLook, type AntLook } from './look';
import { upgradeOnUse, type LiveProps } from './upgrade';

// What every input shares: id, aria wiring, read-only, placeholder, error status.
const common = (p: Omit<WidgetProps, 'attachInput' | 'onChange'>) => ({
  id: p.id,
  name: p.field.key,
  placeholder: p.placeholder,
  autoFocus: p.autoFocus,
  'aria-invalid': p.invalid || undefined,
  'aria-required': p.required || undefined,
  'aria-describedby': p.describedBy,
  onBlur: p.onBlur,
});

type TextProps = Omit<WidgetProps, 'attachInput' | 'onChange'> & {
  attachInput: WidgetProps['attachInput'];
  text: string;
  onText(text: string): void;
  inputMode?: 'email' | 'tel' | 'url';
  autoComplete?: string;
};

// A text input is the <input> Ant Design's Input renders (same classes, so the same look from
// its static stylesheet), without mounting the component: nothing about it needs it. A render
// function of the widget, not a component of its own: one component less per field.
function antInput(
  look: AntLook,
  { attachInput, text, onText, inputMode, autoComplete, ...p }: TextProps,
) {
  const attrs = { ...common(p), inputMode, autoComplete, readOnly: p.readOnly, value: text };
  if (!look.static)
    return (
      <Input
        {...attrs}
        status={p.invalid ? 'error' : undefined}
        ref={attachInput}
        onChange={(e) => onText(e.target.value)}
      />
    );
  return (
    <input
      {...attrs}
      className={antClasses('input', { invalid: p.invalid })}
      ref={attachInput}
      onChange={(e) => onText(e.target.value)}
    />
  );
}

// No input carries a type (email, url, tel): React creates an <input> as a text input and sets
// its type after, and Chromium then builds the input's inner text box a second time — at mount,
// 0.4 ms of script per 50-field bench form (initInput in a CPU profile; its five email fields
// in the first screen), gone without the type. What the type gave a form that validates itself
// (noValidate) stays: the keyboard (inputMode) and the browser's autofill (autoComplete); the
// rules trim and check an address or number as before.
const textInput = (inputMode?: 'email' | 'tel' | 'url', autoComplete?: string) =>
  function DesktopText(p: WidgetProps) {
    return antInput(useAntLook(), {
      ...p,
      inputMode,
      autoComplete,
      text: inputText(p.value),
      onText: p.onChange,
    });
  };

export const DesktopText = textInput();
export const DesktopEmail = textInput('email', 'email');
export const DesktopUrl = textInput('url');

export function DesktopPhone(p: WidgetProps) {
  const [text, setText] = usePhoneText(p.value, p.field, p.onChange);
  const look = useAntLook();
  return antInput(look, {
    ...p,
    inputMode: 'tel',
    autoComplete: 'tel',
    text,
    onText: setText,
  });
}

/** Grows with its text from 3 to 10 lines (CSS field-sizing; desktop.css). */
export function DesktopLongtext({ attachInput, ...p }: WidgetProps) {
  const look = useAntLook();
  if (!look.static)
    return (
      <Input.TextArea
        {...common(p)}
        status={p.invalid ? 'error' : undefined}
        readOnly={p.readOnly}
        autoSize={{ minRows: 3, maxRows: 10 }}
        ref={attachInput}
        value={inputText(p.value)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    );
  return (
    <textarea
      {...common(p)}
      className={antClasses('input', { invalid: p.invalid, extra: 'tf-d-textarea' })}
      rows={3}
      readOnly={p.readOnly}
      ref={attachInput}
      value={inputText(p.value)}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

const numberValue = (v: unknown) => (typeof v === 'number' ? v : null);

function LiveNumber({ attachInput, ...p }: WidgetProps) {
  const f = p.field;
  return (
    <InputNumber
      {...common(p)}
      status={p.invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      readOnly={p.readOnly}
      ref={attachInput}
      min={'min' in f ? f.min : undefined}
      max={'max' in f ? f.max : undefined}
      precision={'precision' in f ? f.precision : undefined}
      suffix={f.type === 'percent' ? '%' : undefined}
      value={numberValue(p.value)}
      onChange={(n) => p.onChange(n ?? null)}
    />
  );
}

/** Amounts are edited in yuan and held in fen (integer minor units). */
function LiveMoney({ attachInput, ...p }: WidgetProps) {
  const currency = (p.field.type === 'money' && p.field.currency) || 'CNY';
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const v = numberValue(p.value);
  return (
    <InputNumber
      {...common(p)}
      status={p.invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      readOnly={p.readOnly}
      ref={attachInput}
      prefix={currency === 'CNY' ? '¥' : currency}
      precision={digits}
      value={v === null ? null : v / scale}
      onChange={(n) => p.onChange(n === null ? null : Math.round(Number(n) * scale))}
    />
  );
}

function LiveDate({ attachInput, openOnMount, ...p }: LiveProps) {
  const value = typeof p.value === 'string' && dayjs(p.value).isValid() ? dayjs(p.value) : null;
  return (
    <DatePicker
      {...common(p)}
      defaultOpen={openOnMount}
      status={p.invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      disabled={p.readOnly}
      ref={attachInput}
      value={value}
      onChange={(d) => p.onChange(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}

function LiveDatetime({ attachInput, openOnMount, ...p }: LiveProps) {
  const value = typeof p.value === 'number' ? dayjs(p.value) : null;
  return (
    <DatePicker
      {...common(p)}
      defaultOpen={openOnMount}
      status={p.invalid ? 'error' : undefined}
      style={{ width: '100%' }}
      showTime={{ format: 'HH:mm' }}
      format="YYYY-MM-DD HH:mm"
      disabled={p.readOnly}
      ref={attachInput}
      value={value}
      onChange={(d) => p.onChange(d ? d.valueOf() : null)}
    />
  );
}

export const DesktopNumber = upgradeOnUse(numberFacade, LiveNumber);
export const DesktopMoney = upgradeOnUse(numberFacade, LiveMoney);
export const DesktopDate = upgradeOnUse(dateFacade, LiveDate);
export const DesktopDatetime = upgradeOnUse(dateFacade, LiveDatetime);

export function DesktopFormula(p: WidgetProps) {
  return (
    <Typography.Text id={p.id} aria-describedby={p.describedBy} aria-live="polite">
      {displayValue(p.field, p.value, p.locale)}
    </Typography.Text>
  );
}
