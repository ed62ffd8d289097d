import { localized } from '@trellis/rules';
import type { FieldSpec, OptionSpec } from '@trellis/spec';
import { formMessage } from '../../core/messages';
import type { WidgetProps } from '../../react/widget-types';

const optionsOf = (p: Pick<WidgetProps, 'field'>): OptionSpec[] =>
  p.field.type === 'select' || p.field.type === 'multiselect'
    ? p.field.options.filter((o) => o.archived !== true)
    : [];

function Swatch({ color }: { color: string | undefined }) {
  return color ? (
    <span className="tf-swatch" style={{ background: color }} aria-hidden="true" />
  ) : null;
}

/** Yes / no as a checkbox labelled by the field's frame. */
export function LightBoolean({ attachInput, ...p }: WidgetProps) {
  return (
    <label className="tf-check">
      <input
        id={p.id}
        type="checkbox"
        ref={attachInput}
        checked={p.value === true}
        disabled={p.readOnly}
        aria-invalid={p.invalid || undefined}
        aria-describedby={p.describedBy}
        onChange={(e) => p.onChange(e.target.checked)}
        onBlur={p.onBlur}
      />
      <span>{formMessage(p.locale, 'yes')}</span>
    </label>
  );
}

/** Whether a select shows as radio buttons: display "radio", or up to four options. */
export function selectAsRadios(field: FieldSpec): boolean {
  if (field.type !== 'select') return false;
  return field.display === 'radio' || field.options.filter((o) => o.archived !== true).length <= 4;
}

/** One choice: radio buttons (see selectAsRadios), else the phone's own picker. */
export function LightSelect({ attachInput, ...p }: WidgetProps) {
  const options = optionsOf(p);
  if (selectAsRadios(p.field))
    return (
      <div className="tf-choices" role="radiogroup" aria-describedby={p.describedBy}>
        {options.map((o, i) => (
          <label
            key={o.value}
            className="tf-choice"
            data-checked={p.value === o.value ? '' : undefined}
          >
            <input
              type="radio"
              name={p.field.key}
              id={i === 0 ? p.id : undefined}
              ref={i === 0 ? attachInput : undefined}
              value={o.value}
              checked={p.value === o.value}
              disabled={p.readOnly}
              aria-invalid={p.invalid || undefined}
              onChange={() => p.onChange(o.value)}
              onBlur={p.onBlur}
            />
            <Swatch color={o.color} />
            <span>{localized(o.label, p.locale, o.value)}</span>
          </label>
        ))}
      </div>
    );
  return (
    <select
      id={p.id}
      name={p.field.key}
      className="tf-input tf-select"
      ref={attachInput}
      disabled={p.readOnly}
      aria-invalid={p.invalid || undefined}
      aria-required={p.required || undefined}
      aria-describedby={p.describedBy}
      value={typeof p.value === 'string' ? p.value : ''}
      onChange={(e) => p.onChange(e.target.value === '' ? null : e.target.value)}
      onBlur={p.onBlur}
    >
      <option value="">{p.placeholder ?? formMessage(p.locale, 'select')}</option>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {localized(o.label, p.locale, o.value)}
        </option>
      ))}
    </select>
  );
}

/** Several choices as checkboxes. */
export function LightMultiselect({ attachInput, ...p }: WidgetProps) {
  const chosen = Array.isArray(p.value) ? (p.value as unknown[]) : [];
  return (
    <div className="tf-choices" aria-describedby={p.describedBy}>
      {optionsOf(p).map((o, i) => (
        <label
          key={o.value}
          className="tf-choice"
          data-checked={chosen.includes(o.value) ? '' : undefined}
        >
          <input
            type="checkbox"
            id={i === 0 ? p.id : undefined}
            ref={i === 0 ? attachInput : undefined}
            value={o.value}
            checked={chosen.includes(o.value)}
            disabled={p.readOnly}
            aria-invalid={p.invalid || undefined}
            onChange={(e) =>
              p.onChange(
                e.target.checked ? [...chosen, o.value] : chosen.filter((v) => v !== o.value),
              )
            }
            onBlur={p.onBlur}
          />
          <Swatch color={o.color} />
          <span>{localized(o.label, p.locale, o.value)}</span>
        </label>
      ))}
    </div>
  );
}
