import { Space, Table, Tag } from 'antd';
import { Link } from 'react-router';

/** What a leave preview answers: every open record and who gets it, and the count per heir. */
export type LeavePlanItems = {
  items: { entity: string; id: string; title: string; to: string }[];
  perOwner: Record<string, number>;
};

/**
 * A rep's leave plan as the people who run it read it: a tag per heir with their count, then
 * each record and its new owner. Shared by "A rep leaves" and the users page's deactivate dialog.
 */
export function LeavePlanTable({
  plan,
  name,
  pageSize,
  words,
}: {
  plan: LeavePlanItems;
  /** The texts, in the words of the page that shows it (each feature has its own wording). */
  words: { record: string; newOwner: string; perOwner: (name: string, count: number) => string };
  name: (userId: string) => string;
  pageSize: number;
}) {
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap size={[4, 4]}>
        {Object.entries(plan.perOwner).map(([id, n]) => (
          <Tag key={id} color="blue">
            {words.perOwner(name(id), n)}
          </Tag>
        ))}
      </Space>
      <Table
        size="small"
        rowKey={(i) => `${i.entity}:${i.id}`}
        dataSource={plan.items}
        pagination={{ pageSize, hideOnSinglePage: true, size: 'small' }}
        columns={[
          {
            key: 'title',
            title: words.record,
            render: (_, i) => <Link to={`/records/${i.entity}/${i.id}`}>{i.title}</Link>,
          },
          { key: 'to', title: words.newOwner, render: (_, i) => name(i.to) },
        ]}
      />
    </Space>
  );
}
