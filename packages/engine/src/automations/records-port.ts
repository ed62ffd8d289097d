import type { OwnershipKind } from '@trellis/store';
import type { RecordData } from '../ports';

/** Error shape of a refused write (the engine's EngineError, structurally). */
type WriteError = {
  code: string;
  message: string;
  errors?: { path: string; code: string; message: string }[];
};
export type WriteResult = { ok: true; record: RecordData } | { ok: false; error: WriteError };

/**
 * What automations need from the record engine. Every method goes through the one write path
 * as actor `{ kind: 'automation' }` with via 'automation' (authorize, normalize, validate,
 * stage gate, one transaction with history and outbox). Bound per run by the worker.
 */
export type RecordsPort = {
  get(entity: string, id: string): Promise<RecordData | null>;
  create(entity: string, values: RecordData): Promise<WriteResult>;
  /** Patches field values of the current version. */
  update(entity: string, id: string, patch: RecordData): Promise<WriteResult>;
  changeStage(entity: string, id: string, stage: string): Promise<WriteResult>;
  /** Sets (or clears, with null) the owner; `kind` and `reason` land in the ownership ledger. */
  setOwner(
    entity: string,
    id: string,
    ownerId: string | null,
    opts?: { teamId?: string | null; reason?: string; kind?: OwnershipKind },
  ): Promise<WriteResult>;
  /** Hands the record over through engine.ownership (the entity's handover rules apply). */
  handover(
    entity: string,
    id: string,
    input: { to: string; reason: string | null; automation: string },
  ): Promise<{ ok: true; handoverId: string; status: string } | { ok: false; error: WriteError }>;
  /** Creates a task through the engine's tasks API (emits task.created). */
  createTask(input: {
    entity: string | null;
    recordId: string | null;
    title: string;
    description: string | null;
    assigneeId: string;
    dueAt: number;
    source: unknown;
  }): Promise<{ ok: true; id: string } | { ok: false; error: WriteError }>;
  /** Marks done the open tasks about the record whose source carries `tag`; returns their ids. */
  completeTasks(
    entity: string,
    recordId: string,
    tag: string,
  ): Promise<{ ok: true; ids: string[] } | { ok: false; error: WriteError }>;
};
