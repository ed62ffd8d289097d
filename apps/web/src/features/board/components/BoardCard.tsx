import { useDraggable } from '@dnd-kit/core';
import { Link } from 'react-router';
import type { RecordData } from '../../../lib/records/types';

/** A line of a card: its text and, for an option with a colour (a risk light), the colour. */
export type CardDetail = { key: string; text: string; color?: string };

type Props = { record: RecordData; entity: string; title: string; details: CardDetail[] };

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
      {details.slice(0, 3).map((d) => (
        <div key={d.key} className="trellis-card-meta trellis-ellipsis" data-field={d.key}>
          {d.color ? (
            <span className="trellis-card-dot" style={{ background: d.color }} aria-hidden />
          ) : null}
          {d.text}
        </div>
      ))}
    </div>
  );
}
