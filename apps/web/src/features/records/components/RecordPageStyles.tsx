import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Input,
  List,
  Row,
  Segmented,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';

/**
 * The Ant Design pieces of the record page, with no data, for the app to draw once into a
 * container outside the document ahead of the first record opened (src/app/record-styles.tsx).
 * Each piece's styles are made and put into the document's head the first time one is drawn,
 * and kept while one is: that was a third of the click's work (the styles' text computed, 12
 * style elements inserted, the whole page's style recalculated), done before the record showed.
 */
export function RecordPageStyles() {
  return (
    <>
      <Steps size="small" responsive={false} titlePlacement="vertical" items={[{ title: '-' }]} />
      <Descriptions size="small" bordered items={[{ key: '-', label: '-', children: '-' }]} />
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size="small" title="-" loading />
        </Col>
      </Row>
      <Space wrap>
        <Typography.Title level={3}>-</Typography.Title>
        <Typography.Text type="secondary">-</Typography.Text>
        <Tag>-</Tag>
        <Tag.CheckableTag checked={false}>-</Tag.CheckableTag>
        <Button size="small">-</Button>
      </Space>
      <Segmented options={['-']} />
      <Select options={[]} />
      <Input.TextArea rows={2} />
      <Skeleton />
      <List size="small" dataSource={[]} />
      <Timeline items={[{ key: '-', content: '-' }]} />
      <Empty />
    </>
  );
}
