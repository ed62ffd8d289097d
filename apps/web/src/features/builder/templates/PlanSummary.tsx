import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TemplatePlan } from './api';
import { summarise } from './summary';

/** What installing or upgrading does, in sentences: the kind, per part what comes, what stays. */
export function PlanSummary({ plan, name }: { plan: TemplatePlan; name: string }) {
  const { t } = useTranslation('builder');
  const parts = summarise(plan.changes);
  const params = { name, version: plan.version, installed: plan.installed ?? '' };
  return (
    <Alert
      type="info"
      showIcon
      title={t(`templates.plan.${plan.kind}`, params)}
      description={
        <>
          {parts.length === 0 ? (
            <div>{t('templates.plan.nothingNew')}</div>
          ) : (
            <ul style={{ margin: '4px 0', paddingInlineStart: 18 }} data-testid="plan-parts">
              {parts.map((p) => (
                <li key={p.part}>
                  {t('templates.plan.part', {
                    part: p.labelKey ? t(p.labelKey) : p.part,
                    added: p.added,
                    changed: p.changed,
                  })}
                </li>
              ))}
            </ul>
          )}
          <div>{t('templates.plan.keeps')}</div>
          {plan.conflicts.length > 0 ? (
            <div>{t('templates.plan.conflicts', { count: plan.conflicts.length })}</div>
          ) : null}
        </>
      }
    />
  );
}
