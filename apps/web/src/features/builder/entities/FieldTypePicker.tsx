import { Button, Col, Row } from 'antd';
import { FIELD_TYPES, fieldTypes, type FieldType } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { FIELD_TYPE_ICONS } from './field-type-icons';

/** Every field type as a button with its icon and name, in the registry's order. */
export function FieldTypePicker({ onPick }: { onPick: (type: FieldType) => void }) {
  const label = useLabel();
  return (
    <Row gutter={[8, 8]} style={{ width: 360, maxWidth: '80vw' }}>
      {FIELD_TYPES.map((type) => (
        <Col span={12} key={type}>
          <Button
            block
            icon={FIELD_TYPE_ICONS[type]}
            style={{ justifyContent: 'flex-start' }}
            onClick={() => onPick(type)}
          >
            {label(fieldTypes[type].label, type)}
          </Button>
        </Col>
      ))}
    </Row>
  );
}
