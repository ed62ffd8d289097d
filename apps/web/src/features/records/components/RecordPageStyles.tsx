import type { ReactNode } from 'react';
import {
  Button,
  Card,
  Empty,
  Input,
  List,
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
 * The Ant Design pieces of the record page, with no data, for the app to draw one by one into a
 * container outside the document ahead of the first record opened (src/app/record-styles.tsx).
 * Each piece's styles are made and put into the document's head the first time one is drawn,
 * and kept while one is: that was a third of the click's work (the styles' text computed, 12
 * style elements inserted, the whole page's style recalculated), done before the record showed.
 * What the click draws first comes first; then what is drawn after it (follow-up, tasks,
 * timeline).
 */
export const recordPagePieces: readonly (() => ReactNode)[] = [
  () => (
    <Space wrap>
      <Typography.Title level={3}>-</Typography.Title>
      <Typography.Text type="secondary">-</Typography.Text>
      <Tag>-</Tag>
    </Space>
  ),
  () => <Card size="small" title="-" loading />,
  () => <Button size="small">-</Button>,
  () => (
    <Steps size="small" responsive={false} titlePlacement="vertical" items={[{ title: '-' }]} />
  ),
  () => <Skeleton />,
  () => <Segmented options={['-']} />,
  () => <Tag.CheckableTag checked={false}>-</Tag.CheckableTag>,
  () => <Input.TextArea rows={2} />,
  () => <Select options={[]} />,
  () => <List size="small" dataSource={[]} />,
  () => <Timeline items={[{ key: '-', content: '-' }]} />,
  () => <Empty />,
];
