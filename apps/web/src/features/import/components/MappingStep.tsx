import { Button, Form, Radio, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { Cell, DedupeMode, Preview, ReadSettings } from '../api/imports';

export type MappingChoice = {
  mapping: Record<string, string>;
  dedupe: DedupeMode;
  automations: boolean;
};

type Props = {
  preview: Preview;
  settings: ReadSettings;
  choice: MappingChoice;
  busy: boolean;
  onSettings: (s: ReadSettings) => void;
  onChoice: (c: MappingChoice) => void;
  /** On to the value step (a select column is mapped) or straight to the dry run. */
  onNext: () => void;
};

const ENCODINGS = ['utf-8', 'gb18030', 'big5', 'utf-16le'];
const text = (c: Cell | undefined) => (c === null || c === undefined ? '' : String(c));

/** Step 2: how the file is read (encoding, sheet) and which column goes to which field. */
export function MappingStep({
  preview,
  settings,
  choice,
  busy,
  onSettings,
  onChoice,
  onNext,
}: Props) {
  const { t } = useTranslation('import');
  const label = useLabel();
  const used = new Set(Object.values(choice.mapping));
  const selects = new Set(preview.fields.filter((f) => f.options).map((f) => f.key));
  const toValues = [...used].some((f) => selects.has(f));
  const missing = preview.fields.filter((f) => f.required && !used.has(f.key));
  const setField = (index: number, field: string | undefined) => {
    const mapping = { ...choice.mapping };
    if (field) mapping[index] = field;
    else delete mapping[index];
    onChoice({ ...choice, mapping });
  };
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Form layout="inline" style={{ rowGap: 8 }}>
        {preview.facts.format === 'csv' ? (
          <Form.Item label={t('encoding')}>
            <Select
              aria-label={t('encoding')}
              style={{ width: 160 }}
              value={settings.encoding ?? preview.facts.encoding}
              options={ENCODINGS.map((e) => ({ value: e, label: t(`enc.${e}`) }))}
              onChange={(encoding) => onSettings({ ...settings, encoding })}
            />
          </Form.Item>
        ) : (
          <Form.Item label={t('sheet')}>
            <Select
              aria-label={t('sheet')}
              style={{ width: 180 }}
              value={settings.sheet ?? preview.facts.sheet}
              options={(preview.facts.sheets ?? []).map((s) => ({ value: s, label: s }))}
              onChange={(sheet) => onSettings({ ...settings, sheet })}
            />
          </Form.Item>
        )}
        <Form.Item label={t('headerRow')}>
          <Select
            aria-label={t('headerRow')}
            style={{ width: 100 }}
            value={settings.headerRow ?? preview.headerRow}
            options={Array.from({ length: 10 }, (_, i) => ({ value: i + 1, label: String(i + 1) }))}
            onChange={(headerRow) => onSettings({ ...settings, headerRow })}
          />
        </Form.Item>
      </Form>
      <Table
        size="small"
        rowKey="index"
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={preview.columns}
        columns={[
          {
            title: t('column'),
            dataIndex: 'name',
            render: (name: string) => <Typography.Text strong>{name}</Typography.Text>,
          },
          {
            title: t('examples'),
            key: 'sample',
            render: (_: unknown, col) => (
              <Typography.Text type="secondary" ellipsis style={{ maxWidth: 260 }}>
                {preview.sample
                  .slice(0, 3)
                  .map((r) => text(r.cells[col.index]))
                  .filter(Boolean)
                  .join(' · ')}
              </Typography.Text>
            ),
          },
          {
            title: t('field'),
            key: 'field',
            render: (_: unknown, col) => (
              <Select
                aria-label={t('fieldFor', { column: col.name })}
                allowClear
                placeholder={t('skipColumn')}
                style={{ width: 200 }}
                value={choice.mapping[col.index]}
                onChange={(v: string | undefined) => setField(col.index, v)}
                options={preview.fields.map((f) => ({
                  value: f.key,
                  label: `${label(f.label, f.key)}${f.required ? ' *' : ''}`,
                  disabled: used.has(f.key) && choice.mapping[col.index] !== f.key,
                }))}
              />
            ),
          },
        ]}
      />
      {missing.length > 0 ? (
        <Typography.Text type="warning">
          {t('requiredUnmapped')}{' '}
          {missing.map((f) => (
            <Tag key={f.key}>{label(f.label, f.key)}</Tag>
          ))}
        </Typography.Text>
      ) : null}
      <Form layout="vertical">
        <Form.Item label={t('dedupe')}>
          <Radio.Group
            value={choice.dedupe}
            onChange={(e) => onChoice({ ...choice, dedupe: e.target.value as DedupeMode })}
          >
            <Space direction="vertical">
              <Radio value="skip">{t('dedupeSkip')}</Radio>
              <Radio value="update">{t('dedupeUpdate')}</Radio>
              <Radio value="create">{t('dedupeCreate')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item label={t('automations')} extra={t('automationsHint')}>
          <Switch
            checked={choice.automations}
            onChange={(automations) => onChoice({ ...choice, automations })}
            aria-label={t('automations')}
          />
        </Form.Item>
      </Form>
      <Button
        type="primary"
        loading={busy}
        disabled={Object.keys(choice.mapping).length === 0}
        onClick={onNext}
      >
        {toValues ? t('nextValues') : t('dryRun')}
      </Button>
    </Space>
  );
}
