import { useEffect, type ReactNode } from 'react';
import { Button, Card, Col, Row } from 'antd';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../hooks/useIsPhone';
import type { OpenItemState } from './useOpenItem';

type Props = {
  list: ReactNode;
  detail: ReactNode;
  /** The list's title (the back button names it). */
  title: string;
  item: OpenItemState;
};

/**
 * A list on the left and its editor on the right. On a phone one at a time: the list until an
 * item is chosen, then that item's editor under a button back to the list (stacked, a list of
 * 16 automations pushed the editor a few screens down).
 */
export function MasterDetail({ list, detail, title, item }: Props) {
  const { t } = useTranslation('builder');
  const phone = useIsPhone();
  const { chosen } = item;
  // The list was scrolled to reach the item: its editor starts at the top.
  useEffect(() => {
    if (phone) window.scrollTo({ top: 0 });
  }, [phone, chosen]);
  if (phone)
    return chosen ? (
      <div>
        <Button
          type="link"
          icon={<ArrowLeftOutlined />}
          onClick={item.close}
          style={{ paddingInline: 0, marginBottom: 8 }}
        >
          {t('common.backTo', { section: title })}
        </Button>
        {detail}
      </div>
    ) : (
      <Card size="small">{list}</Card>
    );
  return (
    <Row gutter={[16, 16]} wrap={false}>
      <Col flex="240px">
        <Card size="small">{list}</Card>
      </Col>
      <Col flex="auto" style={{ minWidth: 0 }}>
        {detail}
      </Col>
    </Row>
  );
}
