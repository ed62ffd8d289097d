import { useMemo } from 'react';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { Run } from './run-types';

const ACTION_COLORS = { succeeded: 'green', failed: 'red', skipped: 'default' } as const;
const noop = () => undefined;

/**
 * Why one run did or did not act: its trigger, the parts of the condition that failed (shown
 * as the builder shows conditions, with the value the record had) and each action's outcome.
 */
export function RunTrace({ run, spec }: { run: Run; spec: AppSpec }) {
  const { t } = useTranslation();
  const label = useLabel();
  const entity = spec.entities.find((e) => e.key === run.entity);
  const fields = useMemo(
    () =>
      entity
        ? conditionFields(spec, entity, label, {
            system: true,
            systemLabel: (key) => t(`system.${key}`, { defaultValue: key }),
          })
        : [],
    [spec, entity, label, t],
  );
  const trace = run.conditionTrace;
  const shown = (v: unknown) =>
    v === null || v === undefined || v === '' ? t('runs.empty') : JSON.stringify(v);
  return (
    <Descriptions
      size="small"
      column={1}
      aria-label={t('runs.traceOf')}
      items={[
        {
          key: 'trigger',
          label: t('runs.trigger'),
          children: (
            <Flex gap={8} wrap>
              {t(`runs.triggerTypes.${run.triggerType}`, { defaultValue: run.triggerType })}
              {run.dryRun ? <Tag>{t('runs.dryRun')}</Tag> : null}
            </Flex>
          ),
        },
        {
          key: 'condition',
          label: t('runs.condition'),
          children: !trace ? (
            t('runs.noCondition')
          ) : trace.matched ? (
            t('runs.conditionMet')
          ) : (
            <div style={{ width: '100%' }}>
              <Typography.Text>{trace.error ?? t('runs.conditionFailed')}</Typography.Text>
              {trace.failed.map((f, i) => (
                <div key={i} style={{ marginTop: 8 }} data-testid="run-failed-part">
                  <ConditionBuilder value={f.expr} onChange={noop} fields={fields} disabled />
                  {'value' in f ? (
                    <Typography.Text type="secondary">
                      {t('runs.was', { value: shown(f.value) })}
                    </Typography.Text>
                  ) : null}
                  {f.error ? <Typography.Text type="danger"> {f.error}</Typography.Text> : null}
                </div>
              ))}
            </div>
          ),
        },
        {
          key: 'actions',
          label: t('runs.actions'),
          children:
            run.actions.length === 0 ? (
              t('runs.noActions')
            ) : (
              <ol style={{ margin: 0, paddingInlineStart: 20 }}>
                {run.actions.map((a, i) => (
                  <li key={i}>
                    <Flex gap={8} wrap align="baseline">
                      <span>{t(`runs.actionTypes.${a.type}`, { defaultValue: a.type })}</span>
                      <Tag color={ACTION_COLORS[a.status]}>
                        {t(`runs.actionStatuses.${a.status}`)}
                      </Tag>
                      <Typography.Text type={a.result?.ok === false ? 'danger' : 'secondary'}>
                        {a.result ? (a.result.ok ? a.result.summary : a.result.message) : ''}
                      </Typography.Text>
                    </Flex>
                  </li>
                ))}
              </ol>
            ),
        },
      ]}
    />
  );
}
