import { useDraggable } from '@dnd-kit/core';
import { Link } from 'react-router';
import type { RecordData } from '../../../lib/records/types';

type Props = { record: RecordData; entity: string; title: string; details: string[] };

/** A record on the board: drag it to another column to move it, click it to open it. */
export function BoardCard({ record, entity, title, details }: Props) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: record.id,
    data: { record },
  });
  return (
    <div
      ref={setNodeRef}
      {...attributes}
      {...listeners}
      className="trellis-board-card"
      style={{ opacity: isDragging ? 0.4 : 1 }}
      data-record={record.id}
    >
      <Link
        to={`/records/${entity}/${record.id}`}
        className="trellis-card-title trellis-ellipsis"
        draggable={false}
      >
        {title}
      </Link>
      {details.slice(0, 3).map((d, i) => (
        <div key={i} className="trellis-card-meta trellis-ellipsis">
          {d}
        </div>
      ))}
    </div>
  );
}
