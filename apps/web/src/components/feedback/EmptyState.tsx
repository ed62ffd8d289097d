import type { ReactNode } from 'react';
import { Empty } from 'antd';

/** Nothing to show, said plainly, with the next step when there is one. */
export function EmptyState({
  description,
  action,
}: {
  description: ReactNode;
  action?: ReactNode;
}) {
  return (
    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={description} style={{ margin: 24 }}>
      {action}
    </Empty>
  );
}
