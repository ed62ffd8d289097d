import type { EngineError } from '../i18n/errors';

/** A file attached to an activity (stored in `files`). */
export type FileRef = { id: string; name: string; size: number; mime: string };

/** Input of `activities.log`. `occurredAt` defaults to now (a call can be logged afterwards). */
export type ActivityInput = {
  type: string;
  body?: string | null;
  occurredAt?: number;
  attachments?: FileRef[];
  meta?: Record<string, unknown>;
};

/** A logged activity (跟进记录). */
export type Activity = {
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

export type ActivityResult = { ok: true; activity: Activity } | { ok: false; error: EngineError };
export type ActivityListResult =
  | { ok: true; activities: Activity[]; nextCursor: string | null }
  | { ok: false; error: EngineError };
