import { Alert, Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLabel } from '../../../lib/i18n/useLabel';
import type { ColumnValues, FileValue, Preview, ValueChoice } from '../api/imports';

type Props = {
  preview: Preview;
  columns: ColumnValues[];
  values: ValueChoice;
  busy: boolean;
  onValues: (v: ValueChoice) => void;
  onBack: () => void;
  onDryRun: () => void;
};

/**
 * Step 3: for each column mapped to a select field, the file's distinct values and the option
 * each becomes — matched automatically by label (zh-CN / en), key or synonym (是 / yes / √),
 * and editable. A value left without an option fails its rows (the dry run lists them).
 */
export function ValuesStep({ preview, columns, values, busy, onValues, onBack, onDryRun }: Props) {
  const { t } = useTranslation('import');
  const label = useLabel();
  const columnName = (i: number) => preview.columns.find((c) => c.index === i)?.name ?? '';
  const choose = (field: string, text: string, option: string | null) =>
    onValues({ ...values, [field]: { ...values[field], [text]: option } });
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('valuesHint')}</Typography.Text>
      {columns.map((col) => {
        const field = preview.fields.find((f) => f.key === col.field);
        if (!field) return null;
        const options = (field.options ?? []).map((o) => ({
          value: o.value,
          label: label(o.label, o.value),
        }));
        const chosen = (v: FileValue) => values[col.field]?.[v.text] ?? null;
        const open = col.values.filter((v) => chosen(v) === null).length;
        return (
          <section key={col.column} aria-label={columnName(col.column)}>
            <Typography.Title level={5} style={{ marginTop: 0 }}>
              {t('valuesOf', {
                column: columnName(col.column),
                field: label(field.label, field.key),
              })}{' '}
              {open > 0 ? <Tag color="warning">{t('unmappedCount', { count: open })}</Tag> : null}
            </Typography.Title>
            <Table
              size="small"
              rowKey="text"
              pagination={col.values.length > 20 ? { pageSize: 20, size: 'small' } : false}
              dataSource={col.values}
              columns={[
                {
                  title: t('fileValue'),
                  key: 'text',
                  render: (_: unknown, v: FileValue) => (
                    <Space size={4} wrap>
                      <Typography.Text strong>{v.text}</Typography.Text>
                      <Typography.Text type="secondary">
                        {t('rowCount', { count: v.rows })}
                      </Typography.Text>
                    </Space>
                  ),
                },
                {
                  title: t('optionColumn'),
                  key: 'option',
                  render: (_: unknown, v: FileValue) => (
                    <Space size={4} wrap>
                      <Select
                        aria-label={t('optionFor', {
                          column: columnName(col.column),
                          value: v.text,
                        })}
                        allowClear
                        showSearch
                        optionFilterProp="label"
                        placeholder={t('noOption')}
                        status={chosen(v) === null ? 'warning' : undefined}
                        style={{ width: 240, maxWidth: '100%' }}
                        value={chosen(v) ?? undefined}
                        options={options}
                        onChange={(o: string | undefined) => choose(col.field, v.text, o ?? null)}
                      />
                      {v.option !== null && chosen(v) === v.option ? (
                        <Tag color="success">{t('autoMatched')}</Tag>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
            {col.more ? (
              <Typography.Text type="secondary">{t('moreValues')}</Typography.Text>
            ) : null}
          </section>
        );
      })}
      <Space wrap>
        <Button onClick={onBack}>{t('backToMapping')}</Button>
        <Button type="primary" loading={busy} onClick={onDryRun}>
          {t('dryRun')}
        </Button>
      </Space>
    </Space>
  );
}

/** Values left without an option, per column: what the dry run warns about. */
export function UnmappedValues({
  preview,
  columns,
  values,
}: {
  preview: Preview;
  columns: ColumnValues[];
  values: ValueChoice;
}) {
  const { t } = useTranslation('import');
  const label = useLabel();
  const lines = columns.flatMap((col) => {
    const field = preview.fields.find((f) => f.key === col.field);
    const open = col.values.filter((v) => (values[col.field]?.[v.text] ?? null) === null);
    if (!field || open.length === 0) return [];
    return [
      <li key={col.column}>
        {t('unmappedLine', {
          field: label(field.label, field.key),
          values: open
            .map((v) => t('valueRows', { value: v.text, count: v.rows }))
            .join(t('listSep')),
        })}
      </li>,
    ];
  });
  if (lines.length === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      message={t('unmappedTitle')}
      description={<ul style={{ margin: 0, paddingInlineStart: 20 }}>{lines}</ul>}
    />
  );
}
