import { DatePicker, Input, InputNumber, Typography } from 'antd';
import dayjs from 'dayjs';
import type { WidgetProps } from '../../react/widget-types';
import { minorDigits } from '../../core/money';
import { displayValue, inputText } from '../shared/display';
import { usePhoneText } from '../shared/usePhoneText';

// What every Ant Design input shares: id, aria wiring, read-only, placeholder, error status.
const common = (p: Omit<WidgetProps, 'attachInput'>) => ({
  id: p.id,
  name: p.field.key,
  placeholder: p.placeholder,
  status: p.invalid ? ('error' as const) : undefined,
  'aria-invalid': p.invalid || undefined,
  'aria-required': p.required || undefined,
  'aria-describedby': p.describedBy,
  onBlur: p.onBlur,
});

const textInput = (type: string, inputMode?: 'email' | 'tel' | 'url', autoComplete?: string) =>
  function DesktopText({ attachInput, ...p }: WidgetProps) {
    return (
      <Input
        {...common(p)}
        type={type}
        inputMode={inputMode}
        autoComplete={autoComplete}
        readOnly={p.readOnly}
        ref={attachInput}
        value={inputText(p.value)}
        onChange={(e) => p.onChange(e.target.value)}
      />
    );
  };

export const DesktopText = textInput('text');
export const DesktopEmail = textInput('email', 'email', 'email');
export const DesktopUrl = textInput('url', 'url');

export function DesktopPhone({ attachInput, ...p }: WidgetProps) {
  const [text, setText] = usePhoneText(p.value, p.field, p.onChange);
  return (
    <Input
      {...common(p)}
      type="tel"
      inputMode="tel"
      autoComplete="tel"
      readOnly={p.readOnly}
      ref={attachInput}
      value={text}
      onChange={(e) => setText(e.target.value)}
    />
  );
}

export function DesktopLongtext({ attachInput, ...p }: WidgetProps) {
  return (
    <Input.TextArea
      {...common(p)}
      readOnly={p.readOnly}
      autoSize={{ minRows: 3, maxRows: 10 }}
      ref={attachInput}
      value={inputText(p.value)}
      onChange={(e) => p.onChange(e.target.value)}
    />
  );
}

const numberValue = (v: unknown) => (typeof v === 'number' ? v : null);

export function DesktopNumber({ attachInput, ...p }: WidgetProps) {
  const f = p.field;
  return (
    <InputNumber
      {...common(p)}
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
export function DesktopMoney({ attachInput, ...p }: WidgetProps) {
  const currency = (p.field.type === 'money' && p.field.currency) || 'CNY';
  const digits = minorDigits(currency);
  const scale = 10 ** digits;
  const v = numberValue(p.value);
  return (
    <InputNumber
      {...common(p)}
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

export function DesktopDate({ attachInput, ...p }: WidgetProps) {
  const value = typeof p.value === 'string' && dayjs(p.value).isValid() ? dayjs(p.value) : null;
  return (
    <DatePicker
      {...common(p)}
      style={{ width: '100%' }}
      disabled={p.readOnly}
      ref={attachInput}
      value={value}
      onChange={(d) => p.onChange(d ? d.format('YYYY-MM-DD') : null)}
    />
  );
}

export function DesktopDatetime({ attachInput, ...p }: WidgetProps) {
  const value = typeof p.value === 'number' ? dayjs(p.value) : null;
  return (
    <DatePicker
      {...common(p)}
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

export function DesktopFormula(p: WidgetProps) {
  return (
    <Typography.Text id={p.id} aria-describedby={p.describedBy} aria-live="polite">
      {displayValue(p.field, p.value, p.locale)}
    </Typography.Text>
  );
}
