import { Radio, Select, Space, Switch, Tag } from 'antd';
import { localized } from '@trellis/rules';
import type { FieldSpec } from '@trellis/spec';
import { formMessage } from '../../core/messages';
import type { WidgetProps } from '../../react/widget-types';
import { selectFacade } from './facades';
import { upgradeOnUse, type LiveProps } from './upgrade';

const optionsOf = (f: FieldSpec) =>
  f.type === 'select' || f.type === 'multiselect'
    ? f.options.filter((o) => o.archived !== true)
    : [];

const dot = (color: string | undefined) =>
  color ? (
    <span
      aria-hidden="true"
      style={{
        display: 'inline-block',
        width: 8,
        height: 8,
        borderRadius: 4,
        background: color,
        marginRight: 6,
      }}
    />
  ) : null;

export function DesktopBoolean({ attachInput, ...p }: WidgetProps) {
  return (
    <Switch
      id={p.id}
      ref={attachInput}
      checked={p.value === true}
      disabled={p.readOnly}
      checkedChildren={formMessage(p.locale, 'yes')}
      unCheckedChildren={formMessage(p.locale, 'no')}
      aria-describedby={p.describedBy}
      aria-invalid={p.invalid || undefined}
      onChange={(v) => p.onChange(v)}
    />
  );
}

const asRadios = (p: Pick<WidgetProps, 'field'>) =>
  p.field.type === 'select' && p.field.display === 'radio';

/** Radio buttons when the field asks for them, else a searchable dropdown with colored options. */
function LiveSelect({ attachInput, openOnMount, ...p }: LiveProps) {
  const options = optionsOf(p.field);
  if (asRadios(p))
    return (
      <Radio.Group
        id={p.id}
        role="radiogroup"
        aria-label={p.label}
        disabled={p.readOnly}
        value={p.value ?? null}
        aria-describedby={p.describedBy}
        onChange={(e) => p.onChange(e.target.value)}
      >
        <Space wrap>
          {options.map((o, i) => (
            <Radio key={o.value} value={o.value} ref={i === 0 ? attachInput : undefined}>
              {dot(o.color)}
              {localized(o.label, p.locale, o.value)}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
    );
  return (
    <Select
      id={p.id}
      ref={attachInput}
      autoFocus={p.autoFocus}
      defaultOpen={openOnMount}
      allowClear
      showSearch={{ optionFilterProp: 'text' }}
      disabled={p.readOnly}
      status={p.invalid ? 'error' : undefined}
      placeholder={p.placeholder ?? formMessage(p.locale, 'select')}
      aria-describedby={p.describedBy}
      aria-invalid={p.invalid || undefined}
      value={(p.value as string | null) ?? undefined}
      onChange={(v) => p.onChange(v ?? null)}
      onBlur={p.onBlur}
      style={{ width: '100%' }}
      options={options.map((o) => ({
        value: o.value,
        text: localized(o.label, p.locale, o.value),
        label: (
          <span>
            {dot(o.color)}
            {localized(o.label, p.locale, o.value)}
          </span>
        ),
      }))}
    />
  );
}

/**
 * A dropdown mounts drawn (facades.tsx) and becomes Ant Design's Select when used; radio
 * buttons are the live group at once.
 */
export const DesktopSelect = upgradeOnUse(selectFacade, LiveSelect, asRadios);

export function DesktopMultiselect({ attachInput, ...p }: WidgetProps) {
  const options = optionsOf(p.field);
  const colorOf = (v: unknown) => options.find((o) => o.value === v)?.color;
  // Tab leaves the field. With its list open, Ant Design's Select takes Tab as "pick the
  // highlighted option" and keeps the focus; in a multiple select that toggles the option on
  // every Tab, so a keyboard user could never leave it. The key is kept from the Select
  // (captured around it, before its own handler): the browser moves the focus and the list
  // closes on blur. The wrapper draws no box (display: contents).
  return (
    <div className="tf-d-keys" onKeyDownCapture={(e) => e.key === 'Tab' && e.stopPropagation()}>
      <Select
        id={p.id}
        ref={attachInput}
        mode="multiple"
        allowClear
        showSearch={{ optionFilterProp: 'text' }}
        disabled={p.readOnly}
        status={p.invalid ? 'error' : undefined}
        placeholder={p.placeholder ?? formMessage(p.locale, 'select')}
        aria-describedby={p.describedBy}
        aria-invalid={p.invalid || undefined}
        value={Array.isArray(p.value) ? (p.value as string[]) : []}
        onChange={(v) => p.onChange(v.length === 0 ? null : v)}
        onBlur={p.onBlur}
        style={{ width: '100%' }}
        tagRender={(t) => (
          <Tag
            color={colorOf(t.value)}
            closable={t.closable}
            onClose={t.onClose}
            style={{ marginInlineEnd: 4 }}
          >
            {t.label}
          </Tag>
        )}
        options={options.map((o) => ({
          value: o.value,
          text: localized(o.label, p.locale, o.value),
          label: localized(o.label, p.locale, o.value),
        }))}
      />
    </div>
  );
}
