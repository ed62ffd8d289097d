import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { fieldTypes, type AppSpec, type EntitySpec, type FieldSpec } from '@trellis/spec';
import { ProblemText } from '../common/ProblemText';
import { SchemaInput, type PropSchema } from '../common/SchemaInput';
import type { SpecProblem } from '../draft/draft-store';
import { SETTING_EDITORS } from './setting-editors';

/** Properties every field has: edited in the drawer's common part, not here. */
const COMMON = new Set([
  'key',
  'label',
  'description',
  'help',
  'placeholder',
  'required',
  'requiredIf',
  'readOnly',
  'indexed',
  'type',
]);

type Props = {
  spec: AppSpec;
  entity: EntitySpec;
  field: FieldSpec;
  problems: (prop: string) => SpecProblem[];
  onChange: (prop: string, value: unknown) => void;
};

/**
 * The settings of the field's type, generated from the type's schema in the spec's field type
 * registry; a few settings have their own editor (SETTING_EDITORS: options, money in yuan, the
 * related entity, the formula). A new setting in the registry appears here by itself.
 */
export function FieldSettings({ spec, entity, field, problems, onChange }: Props) {
  const { t } = useTranslation('builder');
  const schema = fieldTypes[field.type].settingsSchema as unknown as {
    properties: Record<string, PropSchema>;
    required?: string[];
  };
  const props = Object.keys(schema.properties).filter((p) => !COMMON.has(p));
  const values = field as unknown as Record<string, unknown>;
  return (
    <>
      {props.map((prop) => {
        const Custom = SETTING_EDITORS[`${field.type}.${prop}`] ?? SETTING_EDITORS[`*.${prop}`];
        const label = t(`settings.${prop}.label`, { defaultValue: prop });
        return (
          <Form.Item
            key={prop}
            label={label}
            required={schema.required?.includes(prop)}
            extra={t(`settings.${prop}.help`, { defaultValue: '' }) || undefined}
          >
            {Custom ? (
              <Custom
                spec={spec}
                entity={entity}
                field={field}
                label={label}
                value={values[prop]}
                onChange={(v) => onChange(prop, v)}
              />
            ) : (
              <SchemaInput
                schema={schema.properties[prop]!}
                label={label}
                value={values[prop]}
                enumLabel={(v) => t(`settings.${prop}.values.${v}`, { defaultValue: v })}
                onChange={(v) => onChange(prop, v)}
              />
            )}
            <ProblemText problems={problems(prop)} />
          </Form.Item>
        );
      })}
    </>
  );
}
