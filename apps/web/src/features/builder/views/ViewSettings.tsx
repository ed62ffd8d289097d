import { Form, InputNumber, Segmented, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import type { EntitySpec, ViewSpec } from '@trellis/spec';
import { ConditionBuilder } from '../../../components/condition-builder/ConditionBuilder';
import { conditionFields } from '../../../lib/condition/fields';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { useSystemLabel } from '../common/useSystemLabel';
import { itemIn, setOptional } from '../draft/find';
import { useDraftSpec, useEdit, useProblems } from '../draft/useDraft';
import { ColumnsEditor } from './ColumnsEditor';
import { SortEditor } from './SortEditor';

type Props = { view: ViewSpec; entity: EntitySpec; pointer: string };

/**
 * What a view shows: list or board, the columns (or card lines) in order, which records
 * (a condition; "is me" gives "my records"), their order, the board's columns, rows per page.
 */
export function ViewSettings({ view, entity, pointer }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const systemLabel = useSystemLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  const problems = useProblems(pointer);
  const at = (prop: string) => problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`));
  const name = label(view.label, view.key);
  const set = (prop: keyof ViewSpec, value: unknown) =>
    edit(
      t('views.changeStep', { name, what: t(`views.props.${prop}`) }),
      (s) => setOptional(itemIn(s.views, view.key), prop, value as never),
      { coalesce: `view:${view.key}:${prop}` },
    );
  const fields = conditionFields(spec, entity, label, { system: true, systemLabel });
  const board = view.type === 'board';
  const groupable = fields.filter(
    (f) => f.key === 'stage' || (!f.system && (f.kind === 'choice' || f.kind === 'user')),
  );
  return (
    <Form layout="vertical" style={{ maxWidth: 760 }}>
      <Form.Item label={t('views.props.label')} required>
        <LocaleTextInput
          label={t('views.props.label')}
          value={view.label}
          onChange={(v) => set('label', v)}
        />
        <ProblemText problems={at('label')} />
      </Form.Item>
      <Form.Item label={t('views.props.type')}>
        <Segmented
          aria-label={t('views.props.type')}
          value={view.type}
          onChange={(v) => set('type', v)}
          options={(['list', 'board'] as const).map((v) => ({
            value: v,
            label: t(`views.type.${v}`),
          }))}
        />
      </Form.Item>
      {board ? (
        <Form.Item label={t('views.props.groupBy')} extra={t('views.groupByHelp')}>
          <Select
            aria-label={t('views.props.groupBy')}
            allowClear
            placeholder={t('views.groupByDefault')}
            value={view.groupBy}
            style={{ maxWidth: 320 }}
            options={groupable.map((f) => ({ value: f.key, label: f.label }))}
            onChange={(v: string | undefined) => set('groupBy', v)}
          />
          <ProblemText problems={at('groupBy')} />
        </Form.Item>
      ) : null}
      <Form.Item
        label={board ? t('views.cardLines') : t('views.props.columns')}
        extra={t('views.columnsHelp')}
      >
        <ColumnsEditor
          value={view.columns ?? []}
          fields={fields}
          onChange={(v) => set('columns', v.length ? v : undefined)}
        />
        <ProblemText problems={at('columns')} />
      </Form.Item>
      <Form.Item label={t('views.props.filter')} extra={t('views.filterHelp')}>
        <ConditionBuilder
          value={view.filter}
          fields={fields}
          scope={{ user: true }}
          emptyText={t('views.allRecords')}
          errors={at('filter').map((p) => p.message)}
          onChange={(v) => set('filter', v)}
        />
      </Form.Item>
      <Form.Item label={t('views.props.sort')} extra={t('views.sortHelp')}>
        <SortEditor
          value={view.sort ?? []}
          fields={fields}
          onChange={(v) => set('sort', v.length ? v : undefined)}
        />
        <ProblemText problems={at('sort')} />
      </Form.Item>
      {board ? null : (
        <Form.Item label={t('views.props.pageSize')}>
          <InputNumber
            aria-label={t('views.props.pageSize')}
            min={10}
            max={500}
            placeholder="50"
            value={view.pageSize ?? null}
            onChange={(v) => set('pageSize', v ?? undefined)}
          />
          <ProblemText problems={at('pageSize')} />
        </Form.Item>
      )}
    </Form>
  );
}
