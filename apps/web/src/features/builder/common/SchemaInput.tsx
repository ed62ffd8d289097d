import { DatePicker, Input, InputNumber, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { Change } from '../draft/change';
import { switchShows, switchStores } from './boolean-default';
import { LocaleTextInput } from './LocaleTextInput';

/** The part of a JSON Schema a generated input reads. */
export type PropSchema = {
  type?: string | string[];
  enum?: string[];
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  items?: PropSchema;
  /** What the engine does when the property is left out (a switch shows it). */
  default?: unknown;
  properties?: Record<string, PropSchema>;
  description?: string;
};

type Props = {
  schema: PropSchema;
  label: string;
  value: unknown;
  /** The new value, or (text per language) how to make it from the latest one. */
  onChange: (change: Change<unknown>) => void;
  enumLabel?: (value: string) => string;
};

const isLocaleMap = (s: PropSchema) => s.type === 'object' && Boolean(s.properties?.['zh-CN']);

/**
 * An input generated from a property's JSON Schema: a switch for a boolean, a number input with
 * its bounds, a picker for an enum, a date picker for a date, tags for a list of texts, text per
 * language for a locale map. Clearing gives undefined (the property is removed).
 */
export function SchemaInput({ schema, label, value, onChange, enumLabel = (v) => v }: Props) {
  if (isLocaleMap(schema))
    return <LocaleTextInput label={label} value={value} onChange={onChange} />;
  if (schema.enum)
    return (
      <Select
        aria-label={label}
        allowClear
        value={value ?? undefined}
        style={{ maxWidth: 320 }}
        options={schema.enum.map((v) => ({ value: v, label: enumLabel(v) }))}
        onChange={(v: unknown) => onChange(v ?? undefined)}
      />
    );
  switch (schema.type) {
    case 'boolean':
      return (
        <Switch
          aria-label={label}
          checked={switchShows(value, schema.default)}
          onChange={(v) => onChange(switchStores(v, schema.default))}
        />
      );
    case 'integer':
    case 'number':
      return (
        <InputNumber
          aria-label={label}
          value={typeof value === 'number' ? value : null}
          min={schema.minimum ?? schema.exclusiveMinimum}
          max={schema.maximum}
          precision={schema.type === 'integer' ? 0 : undefined}
          onChange={(n) => onChange(n ?? undefined)}
        />
      );
    case 'array':
      return (
        <Select
          aria-label={label}
          mode={schema.items?.enum ? 'multiple' : 'tags'}
          value={Array.isArray(value) ? value : []}
          options={(schema.items?.enum ?? []).map((v) => ({ value: v, label: enumLabel(v) }))}
          onChange={(v: unknown[]) => onChange(v.length ? v : undefined)}
          style={{ maxWidth: 420 }}
        />
      );
    default:
      if (schema.format === 'date')
        return (
          <DatePicker
            aria-label={label}
            value={typeof value === 'string' ? dayjs(value) : null}
            onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
          />
        );
      return (
        <Input
          aria-label={label}
          value={typeof value === 'string' ? value : ''}
          style={{ maxWidth: 420 }}
          onChange={(e) => onChange(e.target.value === '' ? undefined : e.target.value)}
        />
      );
  }
}
