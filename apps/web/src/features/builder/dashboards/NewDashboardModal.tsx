import { useTranslation } from 'react-i18next';
import type { DashboardSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { NewNamedModal } from '../common/NewNamedModal';
import { useDraftSpec, useEdit } from '../draft/useDraft';
import { newWidget } from './new-widget';

/** A new dashboard: its name; it starts with a funnel to change or replace. */
export function NewDashboardModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  return (
    <NewNamedModal
      id="new-dashboard-label"
      texts={{
        title: t('dashboards.addTitle'),
        help: t('dashboards.addHelp'),
        name: t('dashboards.label'),
      }}
      taken={() => (spec.dashboards ?? []).map((d) => d.key)}
      fallbackKey="dashboard"
      create={(key, name) => {
        const dashboard = {
          key,
          label: name,
          widgets: [newWidget('funnel', spec, [])],
        } as DashboardSpec;
        edit(t('dashboards.addStep', { name: label(name, key) }), (s) => {
          (s.dashboards ??= []).push(dashboard);
        });
      }}
      onClose={onClose}
    />
  );
}
