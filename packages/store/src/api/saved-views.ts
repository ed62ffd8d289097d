/** A view a person saved for themself (`saved_views`): its definition is the server's view body. */
export type SavedView = {
  id: string;
  ownerId: string;
  entity: string;
  label: string;
  definition: unknown;
  createdAt: number;
  updatedAt: number;
};

/** People's own saved views. Every read and write is scoped to one owner. */
export type SavedViewRepo = {
  /** The owner's views, by entity then creation time. */
  list(ownerId: string): Promise<SavedView[]>;
  get(ownerId: string, id: string): Promise<SavedView | null>;
  insert(view: SavedView): Promise<void>;
  /** Replaces label and definition; false when the view is not the owner's or missing. */
  update(
    ownerId: string,
    id: string,
    v: { label: string; definition: unknown },
    now: number,
  ): Promise<boolean>;
  /** False when the view is not the owner's or missing. */
  remove(ownerId: string, id: string): Promise<boolean>;
};
