import { useState } from 'react';
import { Button, Flex, Input, Typography } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { applyChange } from '../draft/change';
import { JsonTextArea } from './JsonTextArea';
import { SchemaInput, type PropSchema } from './SchemaInput';

type ObjectSchema = PropSchema & {
  patternProperties?: Record<string, PropSchema>;
  additionalProperties?: boolean | PropSchema;
};

type Props = {
  schema: ObjectSchema;
  label: string;
  value: unknown;
  onChange: (v: unknown) => void;
  /** A property's name in the builder's language. */
  propLabel: (key: string) => string;
};

type Obj = Record<string, unknown>;
const asObject = (v: unknown): Obj =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {};
const orUnset = (o: Obj) => (Object.keys(o).length ? o : undefined);

/** The schema of the values of a map keyed by name (`{"X-Token": "…"}`), if it is one. */
function valueSchema(schema: ObjectSchema): PropSchema | undefined {
  const p = Object.values(schema.patternProperties ?? {})[0];
  if (p) return p;
  return typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
}

/**
 * An object config property as a form, from its schema: named properties as grouped inputs, a map
 * keyed by name as rows of name and value, a list of objects as rows that can be added and
 * removed. A schema with no shape at all is free-form, and only then a labelled JSON box.
 */
export function SchemaObjectInput({ schema, label, value, onChange, propLabel }: Props) {
  const { t } = useTranslation('builder');
  if (schema.type === 'array') {
    const items = Array.isArray(value) ? (value as unknown[]) : [];
    const setAt = (i: number, v: unknown) => onChange(items.map((x, j) => (j === i ? v : x)));
    return (
      <Flex vertical gap={8} style={{ maxWidth: 560 }}>
        {items.map((item, i) => (
          <Flex key={i} gap={8} align="flex-start" className="trellis-object-row">
            <div
              style={{ flex: 1, border: '1px solid rgba(5,5,5,0.06)', borderRadius: 6, padding: 8 }}
            >
              <SchemaObjectInput
                schema={schema.items as ObjectSchema}
                label={`${label} ${i + 1}`}
                value={item}
                onChange={(v) => setAt(i, v ?? {})}
                propLabel={propLabel}
              />
            </div>
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('common.removeNamed', { name: `${label} ${i + 1}` })}
              onClick={() => {
                const next = items.filter((_, j) => j !== i);
                onChange(next.length ? next : undefined);
              }}
            />
          </Flex>
        ))}
        <Button size="small" icon={<PlusOutlined />} onClick={() => onChange([...items, {}])}>
          {t('schemaObject.addItem', { name: label })}
        </Button>
      </Flex>
    );
  }
  const obj = asObject(value);
  const set = (key: string, v: unknown) => {
    const next = { ...obj, [key]: v };
    if (v === undefined) delete next[key];
    onChange(orUnset(next));
  };
  if (schema.properties)
    return (
      <Flex vertical gap={6}>
        {Object.entries(schema.properties).map(([key, sub]) => (
          <Flex key={key} gap={8} align="center" wrap>
            <Typography.Text style={{ minWidth: 96 }}>{propLabel(key)}</Typography.Text>
            <div style={{ flex: '1 1 200px' }}>
              {sub.type === 'object' || (sub.type === 'array' && sub.items?.type === 'object') ? (
                <SchemaObjectInput
                  schema={sub as ObjectSchema}
                  label={`${label} · ${propLabel(key)}`}
                  value={obj[key]}
                  onChange={(v) => set(key, v)}
                  propLabel={propLabel}
                />
              ) : (
                <SchemaInput
                  schema={sub}
                  label={`${label} · ${propLabel(key)}`}
                  value={obj[key]}
                  onChange={(v) => set(key, applyChange(obj[key], v))}
                />
              )}
            </div>
          </Flex>
        ))}
      </Flex>
    );
  const each = valueSchema(schema);
  if (each) return <KeyedRows label={label} each={each} value={obj} set={set} />;
  return (
    <Flex vertical gap={4}>
      <Typography.Text type="secondary">{t('schemaObject.freeForm')}</Typography.Text>
      <JsonTextArea label={label} value={value} onChange={onChange} />
    </Flex>
  );
}

/** A map keyed by name: one row per name with its value's input; a new name is typed and added. */
function KeyedRows(p: {
  label: string;
  each: PropSchema;
  value: Obj;
  set: (k: string, v: unknown) => void;
}) {
  const { t } = useTranslation('builder');
  const [name, setName] = useState('');
  const add = () => {
    const key = name.trim();
    if (!key || key in p.value) return;
    p.set(key, p.each.type === 'number' || p.each.type === 'integer' ? 0 : '');
    setName('');
  };
  return (
    <Flex vertical gap={6} style={{ maxWidth: 560 }}>
      {Object.entries(p.value).map(([key, v]) => (
        <Flex key={key} gap={8} align="center">
          <Typography.Text code style={{ minWidth: 120 }}>
            {key}
          </Typography.Text>
          <div style={{ flex: 1 }}>
            <SchemaInput
              schema={p.each}
              label={`${p.label} · ${key}`}
              value={v}
              onChange={(x) => p.set(key, applyChange(v, x) ?? '')}
            />
          </div>
          <Button
            type="text"
            size="small"
            icon={<CloseOutlined />}
            aria-label={t('common.removeNamed', { name: key })}
            onClick={() => p.set(key, undefined)}
          />
        </Flex>
      ))}
      <Flex gap={8}>
        <Input
          aria-label={t('schemaObject.newName', { name: p.label })}
          placeholder={t('schemaObject.newName', { name: p.label })}
          value={name}
          style={{ maxWidth: 240 }}
          onChange={(e) => setName(e.target.value)}
          onPressEnter={add}
        />
        <Button size="small" icon={<PlusOutlined />} disabled={!name.trim()} onClick={add}>
          {t('schemaObject.add')}
        </Button>
      </Flex>
    </Flex>
  );
}
