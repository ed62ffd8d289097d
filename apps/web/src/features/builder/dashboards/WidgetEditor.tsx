import { Flex, Form, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { WIDGET_TYPES, WidgetSchema, type DashboardSpec, type WidgetSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ConfigProps, type ConfigSchema } from '../common/ConfigProps';
import { ProblemText } from '../common/ProblemText';
import type { Change } from '../draft/change';
import { setOptional } from '../draft/find';
import { useDraftSpec, useProblems } from '../draft/useDraft';
import { shownFor } from './widget-props';
import { WidgetPreview } from './WidgetPreview';

type Props = {
  widget: WidgetSpec;
  /** JSON pointer of the widget in the draft (its problems). */
  pointer: string;
  /** The draft dashboard it sits on (the preview names who reads it). */
  dashboard: Pick<DashboardSpec, 'key' | 'roles'>;
  onChange: (change: Change<WidgetSpec>, what: string) => void;
};

// Everything but the key and type is edited from the spec's own widget schema, so a property
// the reports engine adds appears here without a change; measure has its own two pickers.
const SCHEMA = (() => {
  const { key: _key, type: _type, measure: _measure, ...properties } = WidgetSchema.properties;
  return { ...WidgetSchema, properties, required: ['title'] } as unknown as ConfigSchema;
})();

/** One widget: its kind, what it counts (measure) and the settings its kind reads; a live preview. */
export function WidgetEditor({ widget, pointer, dashboard, onChange }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const spec = useDraftSpec();
  const problems = useProblems(pointer);
  const entityKey =
    widget.entity ?? spec.pipelines?.[0]?.entity ?? spec.entities[0]?.key ?? undefined;
  const entity = spec.entities.find((e) => e.key === entityKey);
  // One setting changed on the widget as the draft holds it when the edit is applied: a whole
  // widget built from this render put back a title typed just before the field was picked.
  const set = (key: string, change: Change<unknown>) =>
    onChange(
      (latest) => {
        const next = { ...latest } as Record<string, unknown>;
        setOptional(next, key, change);
        return next as WidgetSpec;
      },
      t(`dashboards.props.${key}`, { defaultValue: key }),
    );
  const numeric = (entity?.fields ?? []).filter((f) => f.type === 'number' || f.type === 'money');
  const measure = widget.measure ?? { op: 'count' };
  return (
    <div>
      <Form layout="vertical">
        <Form.Item label={t('dashboards.props.type')} required>
          <Select
            aria-label={t('dashboards.props.type')}
            value={widget.type}
            style={{ maxWidth: 320, width: '100%' }}
            options={WIDGET_TYPES.map((type) => ({
              value: type,
              label: t(`dashboards.types.${type}`),
            }))}
            onChange={(type) => set('type', type)}
          />
        </Form.Item>
        {shownFor('measure', widget) ? (
          <Form.Item label={t('dashboards.props.measure')}>
            <Flex gap={8} wrap>
              <Select
                aria-label={t('dashboards.props.measure')}
                value={measure.op}
                style={{ width: 160 }}
                options={(['count', 'sum', 'avg'] as const).map((op) => ({
                  value: op,
                  label: t(`dashboards.measure.${op}`),
                }))}
                onChange={(op) =>
                  set(
                    'measure',
                    op === 'count'
                      ? undefined
                      : { op, field: measure.field ?? numeric[0]?.key ?? '' },
                  )
                }
              />
              {measure.op !== 'count' ? (
                <Select
                  aria-label={t('dashboards.measure.field')}
                  value={measure.field}
                  style={{ minWidth: 200, flex: '1 1 200px', maxWidth: 320 }}
                  options={numeric.map((f) => ({ value: f.key, label: label(f.label, f.key) }))}
                  onChange={(field) => set('measure', { op: measure.op, field })}
                />
              ) : null}
            </Flex>
          </Form.Item>
        ) : null}
        <ConfigProps
          schema={SCHEMA}
          value={widget as unknown as Record<string, unknown>}
          onChange={set}
          entity={entity}
          ns="dashboards.props"
          shown={(key) => shownFor(key, widget)}
          problems={(key) => problems.filter((p) => p.path.startsWith(`${pointer}/${key}`))}
        />
      </Form>
      <ProblemText problems={problems.filter((p) => p.path === pointer)} />
      <WidgetPreview widget={widget} dashboard={dashboard} />
    </div>
  );
}
