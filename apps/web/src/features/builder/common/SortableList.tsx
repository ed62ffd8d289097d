import type { CSSProperties, ReactNode } from 'react';
import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
  type DragEndEvent,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { HolderOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

type Props = {
  ids: string[];
  onMove: (from: number, to: number) => void;
  children: (id: string, handle: ReactNode, index: number) => ReactNode;
};

/**
 * A list people reorder by dragging the handle (or with the keyboard: focus the handle, Space,
 * arrows, Space). Drag and drop by @dnd-kit.
 */
export function SortableList({ ids, onMove, children }: Props) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const end = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    onMove(ids.indexOf(String(active.id)), ids.indexOf(String(over.id)));
  };
  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={end}>
      <SortableContext items={ids} strategy={verticalListSortingStrategy}>
        {ids.map((id, i) => (
          <SortableRow key={id} id={id} index={i} render={children} />
        ))}
      </SortableContext>
    </DndContext>
  );
}

function SortableRow({
  id,
  index,
  render,
}: {
  id: string;
  index: number;
  render: Props['children'];
}) {
  const { t } = useTranslation('builder');
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id,
  });
  const style: CSSProperties = {
    transform: CSS.Transform.toString(transform),
    transition,
    position: 'relative',
    zIndex: isDragging ? 2 : undefined,
    opacity: isDragging ? 0.85 : undefined,
  };
  const handle = (
    <button
      type="button"
      className="trellis-drag-handle"
      aria-label={t('common.dragHandle')}
      style={{ cursor: 'grab', border: 0, background: 'none', padding: 4, color: 'inherit' }}
      {...attributes}
      {...listeners}
    >
      <HolderOutlined />
    </button>
  );
  return (
    <div ref={setNodeRef} style={style}>
      {render(id, handle, index)}
    </div>
  );
}

/** `list` with the item at `from` moved to `to`. */
export function moved<T>(list: readonly T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item as T);
  return next;
}
