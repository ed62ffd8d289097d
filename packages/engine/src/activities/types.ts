import type { ActivityRow, FileRef } from '@trellis/store';
import type { EngineError } from '../i18n/errors';

export type { FileRef };

/** Input of `activities.log`. `occurredAt` defaults to now (a call can be logged afterwards). */
export type ActivityInput = {
  type: string;
  body?: string | null;
  occurredAt?: number;
  attachments?: FileRef[];
  meta?: Record<string, unknown>;
};

/** A logged activity (跟进记录). */
export type Activity = ActivityRow;

export type ActivityResult = { ok: true; activity: Activity } | { ok: false; error: EngineError };
export type ActivityListResult =
  | { ok: true; activities: Activity[]; nextCursor: string | null }
  | { ok: false; error: EngineError };
