import type { ReactNode } from 'react';
import { Card, Col, Row } from 'antd';
import { useIsPhone } from '../../../hooks/useIsPhone';

/** A list on the left and its editor on the right; stacked on a phone. */
export function MasterDetail({ list, detail }: { list: ReactNode; detail: ReactNode }) {
  const phone = useIsPhone();
  return (
    <Row gutter={[16, 16]} wrap={phone}>
      <Col flex={phone ? '100%' : '240px'}>
        <Card size="small">{list}</Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {detail}
      </Col>
    </Row>
  );
}
