import { Descriptions } from 'antd';
import { phoneHref } from '@trellis/rules';
import type { EntitySpec } from '@trellis/spec';
import type { RecordData } from '../../../lib/records/types';

type Props = {
  entity: EntitySpec;
  record: RecordData;
  visible: Set<string>;
  label: (key: string) => string;
  text: (key: string, value: unknown) => string;
  columns: number;
};

/**
 * The record's visible fields as the user reads them (empty ones last, dimmed). A phone number
 * reads in its region's form and dials its stored E.164 number.
 */
export function RecordDetails({ entity, record, visible, label, text, columns }: Props) {
  const fields = [...entity.fields.map((f) => f.key), 'ownerId', 'createdAt'].filter((k) =>
    visible.has(k),
  );
  const filled = fields.filter((k) => text(k, record[k]) !== '');
  const empty = fields.filter((k) => text(k, record[k]) === '');
  return (
    <Descriptions
      size="small"
      column={columns}
      bordered
      items={[...filled, ...empty].map((k) => {
        const field = entity.fields.find((f) => f.key === k);
        const shown = text(k, record[k]);
        const value = record[k];
        return {
          key: k,
          label: label(k),
          children:
            shown === '' ? (
              <span style={{ color: '#bfbfbf' }}>—</span>
            ) : field?.type === 'phone' && typeof value === 'string' ? (
              <a href={phoneHref(value, field.defaultRegion ?? 'CN')}>{shown}</a>
            ) : (
              shown
            ),
        };
      })}
    />
  );
}
