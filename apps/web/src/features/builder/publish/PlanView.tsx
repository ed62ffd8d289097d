import { Alert, Divider, List, Tag, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined, SwapOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { AppSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { changeText, describeStep, describeWarning, isDestructive, QUIET_STEPS } from './describe';
import type { PlanWarning, PublishPreview, Resolution } from './types';
import { WarningChoice } from './WarningChoice';

type Props = {
  preview: PublishPreview;
  names: AppSpec;
  resolutions: Record<string, Resolution>;
  onResolve: (id: string, resolution: Resolution) => void;
};

/** The changes, the steps on the data and the warnings (with choices) of a publish. */
export function PlanView({ preview, names, resolutions, onResolve }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const locale = useLocale();
  const lbl = (l: unknown, fallback: string) => label(l as never, fallback);
  const steps = preview.plan.steps.filter((s) => !QUIET_STEPS.has(s.kind));
  const { warnings } = preview.plan;
  // In the builder's words with names people know; the server's text for a code it lacks.
  const warningText = (w: PlanWarning) => {
    const s = describeWarning(w, names, lbl);
    return t(s.key, { ...s.params, defaultValue: w.message[locale] });
  };
  return (
    <div>
      <Typography.Title level={5}>
        {t('publish.changes', { count: preview.diff.length })}
      </Typography.Title>
      {preview.diff.length === 0 ? (
        <Typography.Text type="secondary">{t('publish.noChanges')}</Typography.Text>
      ) : (
        <List
          size="small"
          bordered
          style={{ maxHeight: 220, overflow: 'auto' }}
          dataSource={preview.diff}
          renderItem={(c) => {
            const icon =
              c.op === 'added' ? (
                <PlusOutlined />
              ) : c.op === 'removed' ? (
                <DeleteOutlined />
              ) : (
                <SwapOutlined />
              );
            return (
              <List.Item>
                <span>
                  <Tag
                    color={c.op === 'added' ? 'green' : c.op === 'removed' ? 'red' : 'blue'}
                    icon={icon}
                  >
                    {t(`publish.op.${c.op}`)}
                  </Tag>
                  {changeText(t, c, names, lbl)}
                </span>
              </List.Item>
            );
          }}
        />
      )}
      {steps.length > 0 ? (
        <>
          <Divider style={{ margin: '16px 0 8px' }} />
          <Typography.Title level={5}>{t('publish.data')}</Typography.Title>
          <ul style={{ paddingInlineStart: 20, margin: 0 }}>
            {steps.map((step, i) => {
              const s = describeStep(step, names, lbl);
              return (
                <li key={i}>
                  <Typography.Text type={isDestructive(step) ? 'danger' : undefined}>
                    {t(s.key, s.params)}
                  </Typography.Text>
                </li>
              );
            })}
          </ul>
        </>
      ) : null}
      {warnings.length > 0 ? (
        <>
          <Divider style={{ margin: '16px 0 8px' }} />
          <Typography.Title level={5}>
            {t('publish.warnings', { count: warnings.length })}
          </Typography.Title>
          {warnings.map((w) => (
            <Alert
              key={w.id}
              type={w.blocking ? 'warning' : 'info'}
              showIcon
              style={{ marginBottom: 8 }}
              title={
                <span>
                  {warningText(w)}{' '}
                  <Typography.Text type="secondary">
                    {t('publish.counts', { affected: w.counts.affected, total: w.counts.total })}
                  </Typography.Text>
                </span>
              }
              description={
                w.blocking ? (
                  <WarningChoice
                    warning={w}
                    names={names}
                    value={resolutions[w.id]}
                    onChange={(r) => onResolve(w.id, r)}
                  />
                ) : undefined
              }
            />
          ))}
        </>
      ) : null}
    </div>
  );
}
