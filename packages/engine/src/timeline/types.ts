import type { OwnershipKind } from '@trellis/store';
import type { Activity } from '../activities/types';
import type { AssignmentTrace } from '../assignment';
import type { EngineError } from '../i18n/errors';
import type { Task } from '../tasks/types';

/** One field change inside a timeline entry. */
export type FieldChange = { field: string; before: unknown; after: unknown };

type Base = { at: number; actorId: string | null; via?: string | null };

/** One entry of a record's timeline (newest first). */
export type TimelineEntry =
  | (Base & { kind: 'created'; id: string; changes: FieldChange[] })
  | (Base & { kind: 'change'; id: string; changes: FieldChange[] })
  | (Base & {
      kind: 'assignment';
      id: string;
      changes: FieldChange[];
      /** For an automatic assignment: which automation chose the owner and why. */
      reason?: { automationKey: string; runId: string; trace: AssignmentTrace };
      /**
       * The ownership ledger's row for this owner change: its kind (a release to the pool, a
       * claim from it, a reclaim…) and the reason given, so it does not read as a plain assignment.
       */
      ownership?: { kind: OwnershipKind; reason: string | null };
    })
  | (Base & { kind: 'deleted' | 'restored'; id: string })
  | (Base & { kind: 'stage'; id: string; from: string | null; to: string; dwellMs: number | null })
  | (Base & { kind: 'activity'; id: string; activity: Activity })
  | (Base & { kind: 'task'; id: string; task: Task })
  | (Base & { kind: 'touch'; id: string; touch: Record<string, unknown> })
  | (Base & {
      kind: 'handover';
      id: string;
      fromUserId: string | null;
      toUserId: string;
      reason: string | null;
      status: string;
      summary: unknown;
    })
  | (Base & {
      /** The customer's answer to a handover's consent link: agreed, or expired unanswered. */
      kind: 'consent';
      id: string;
      handoverId: string;
      status: 'agreed' | 'expired';
    });

export type TimelineResult =
  { ok: true; entries: TimelineEntry[] } | { ok: false; error: EngineError };
