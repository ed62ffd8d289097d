import type { Page, PageRequest } from '../sql/keyset-page';
/** A file attached to an activity (stored in `files`). */
export type FileRef = { id: string; name: string; size: number; mime: string };

/** A logged activity (跟进记录). */
export type ActivityRow = {
  id: string;
  entity: string;
  recordId: string;
  type: string;
  body: string | null;
  occurredAt: number;
  actorId: string | null;
  attachments: FileRef[];
  meta: Record<string, unknown> | null;
  createdAt: number;
};

/** Activities of records. */
export type ActivityRepo = {
  insert(a: ActivityRow): Promise<void>;
  /** Inserts many at once in multi-row statements (a seed or an import batch). */
  insertMany(rows: readonly ActivityRow[]): Promise<void>;
  /** A record's activities (not deleted), newest first by when they happened. */
  /** One page of a record's activities, newest first; null for a cursor of another list. */
  page(entity: string, recordId: string, page: PageRequest): Promise<Page<ActivityRow> | null>;
  listFor(entity: string, recordId: string): Promise<ActivityRow[]>;
  /** Type and attachments of a record's activities logged at or after `since` (stage evidence). */
  loggedSince(
    entity: string,
    recordId: string,
    since: number,
  ): Promise<{ type: string; hasAttachment: boolean }[]>;
  /** Ids of records of `entity` with an activity attaching the file `fileId`; at most `limit`. */
  recordsWithFile(entity: string, fileId: string, limit: number): Promise<string[]>;
};
