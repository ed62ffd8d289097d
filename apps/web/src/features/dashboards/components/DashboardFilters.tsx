import { DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useUsers } from '../../../lib/session/useUsers';
import { useLiveSpec } from '../../../lib/session/useSpec';
import type { DashboardParams } from '../api/dashboards';

const DAY = 'YYYY-MM-DD';

/** Period (with presets), team and owner of a dashboard; changes go to the URL. */
export function DashboardFilters({
  value,
  onChange,
}: {
  value: DashboardParams;
  onChange: (next: DashboardParams) => void;
}) {
  const { t } = useTranslation('dashboards');
  const phone = useIsPhone();
  const spec = useLiveSpec();
  const label = useLabel();
  const users = useUsers();
  const today = dayjs();
  const presets: { label: string; value: [Dayjs, Dayjs] }[] = [
    { label: t('presets.thisMonth'), value: [today.startOf('month'), today] },
    {
      label: t('presets.lastMonth'),
      value: [
        today.subtract(1, 'month').startOf('month'),
        today.subtract(1, 'month').endOf('month'),
      ],
    },
    { label: t('presets.last30'), value: [today.subtract(29, 'day'), today] },
    { label: t('presets.last90'), value: [today.subtract(89, 'day'), today] },
    { label: t('presets.thisYear'), value: [today.startOf('year'), today] },
  ];
  return (
    <Space wrap className="trellis-dashboard-filters">
      <DatePicker.RangePicker
        aria-label={t('period')}
        allowEmpty={[true, true]}
        presets={presets}
        style={{ width: phone ? '100%' : 260 }}
        value={[value.from ? dayjs(value.from) : null, value.to ? dayjs(value.to) : null]}
        onChange={(range) =>
          onChange({
            ...value,
            from: range?.[0]?.format(DAY) ?? undefined,
            to: range?.[1]?.format(DAY) ?? undefined,
          })
        }
      />
      {(spec.teams ?? []).length > 0 ? (
        <Select
          aria-label={t('team')}
          allowClear
          placeholder={t('allTeams')}
          style={{ minWidth: 140 }}
          value={value.team}
          onChange={(team?: string) => onChange({ ...value, team })}
          options={(spec.teams ?? []).map((team) => ({
            value: team.key,
            label: label(team.label, team.key),
          }))}
        />
      ) : null}
      {users.data ? (
        <Select
          aria-label={t('owner')}
          allowClear
          showSearch
          optionFilterProp="label"
          placeholder={t('allOwners')}
          style={{ minWidth: 140 }}
          value={value.owner}
          onChange={(owner?: string) => onChange({ ...value, owner })}
          options={users.data.map((u) => ({ value: u.id, label: u.name || u.login }))}
        />
      ) : null}
    </Space>
  );
}
