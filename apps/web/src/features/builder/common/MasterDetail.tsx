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
  // One tree at every width, the editor always in the same place: a window crossing the phone
  // width (a tablet turned, a window narrowed) keeps the editor's open drawer and its input.
  const showList = !phone || !chosen;
  const showDetail = !phone || chosen;
  return (
    <Row gutter={[16, 16]} wrap={false}>
      {showList ? (
        <Col flex={phone ? 'auto' : '240px'} style={{ minWidth: 0 }}>
          <Card size="small">{list}</Card>
        </Col>
      ) : null}
      <Col flex="auto" style={{ minWidth: 0, display: showDetail ? undefined : 'none' }}>
        {phone ? (
          <Button
            type="link"
            icon={<ArrowLeftOutlined />}
            onClick={item.close}
            style={{ paddingInline: 0, marginBottom: 8 }}
          >
            {t('common.backTo', { section: title })}
          </Button>
        ) : null}
        {detail}
      </Col>
    </Row>
  );
}
