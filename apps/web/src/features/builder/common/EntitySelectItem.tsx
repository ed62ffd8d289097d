import { Form, Select } from 'antd';
import type { AppSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';

/** A required choice of one of the app's entities, as a form item of a builder dialog. */
export function EntitySelectItem({
  label,
  entities,
  value,
  onChange,
}: {
  label: string;
  entities: AppSpec['entities'];
  value: string | undefined;
  onChange: (entity: string) => void;
}) {
  const text = useLabel();
  return (
    <Form.Item label={label} required>
      <Select
        aria-label={label}
        value={value}
        onChange={onChange}
        options={entities.map((e) => ({ value: e.key, label: text(e.label, e.key) }))}
      />
    </Form.Item>
  );
}
