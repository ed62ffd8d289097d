/**
 * Ports: the small interfaces through which the engine reaches the outside world. Tests swap
 * them for fakes (a fixed clock, sequential ids, an allow/deny permission port), production
 * wires real ones. Nothing in the engine reads `Date.now()` or generates ids directly.
 */
import type { Locale, RecordData } from '@trellis/rules';
import { newId } from '@trellis/store';

/** Supported UI/error locales, and where a change came from (stored with every history row and outbox event). */
export type { Locale, Via } from '@trellis/rules';

/** Who is acting. `userId` is absent for anonymous public intake. */
export type Actor = {
  kind: 'user' | 'system' | 'token' | 'automation' | 'public';
  userId?: string;
  role?: string;
  teams?: string[];
  locale?: Locale;
  /** Records per entity readable through a handover cooldown (filled by the engine per call). */
  cooldown?: Readonly<Record<string, readonly string[]>>;
};

/** A record as the engine sees it: system fields (camelCase) plus field values keyed by field key. */
export type { RecordData } from '@trellis/rules';

/** Time source. Tests inject a fake whose `now()` they advance. */
export type Clock = { now(): number };

/** Id source (UUIDv7 by default; tests inject sequential ids). */
export type IdGenerator = { next(): string };

/** Actions the permission port is asked about (a stage change is an update; restore is a delete right). */
export type PermissionAction = 'create' | 'read' | 'update' | 'delete';

/** Result of a permission check; `reason` is a localized sentence shown to the caller. */
export type PermissionDecision = { allowed: true } | { allowed: false; reason?: string };

/**
 * Which records a list/search may return: all, none, or those matching `logic` (JSONLogic over
 * fields and camelCase system fields, ANDed into the query; the store compiles it to SQL).
 */
export type ListScope = { kind: 'all' } | { kind: 'none' } | { kind: 'where'; logic: unknown };

/**
 * Permission extension point. The engine calls `check` at the top of every write and read; the
 * role model (packages/engine/src/permissions) implements it. The default allows all. The
 * optional members narrow lists and guard/redact fields.
 */
export interface PermissionPort {
  check(
    actor: Actor,
    action: PermissionAction,
    entity: string,
    record?: RecordData | null,
  ): PermissionDecision;
  /** Which records `actor` may list and search. Absent = all. */
  listScope?(actor: Actor, entity: string): ListScope;
  /** Fields of a write the actor may not touch (hidden from them, or read-only for them). */
  refusedFields?(
    actor: Actor,
    entity: string,
    values: RecordData,
  ): { hidden: string[]; readonly: string[] };
  /** A copy of the record without the fields hidden from the actor. */
  redact?(actor: Actor, entity: string, record: RecordData): RecordData;
  /** Whether the actor may give work (a task) to this user. Absent = anyone. */
  mayAssignTo?(actor: Actor, userId: string | null): boolean;
}

/** Outbound HTTP request/response (used by automations' webhook actions). */
export type HttpRequest = {
  url: string;
  method: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
};
export type HttpResponse = { status: number; headers: Record<string, string>; body: string };
/**
 * Sends one request. A rejection is a failed attempt (retried with backoff); one whose error has
 * `permanent: true` (a target the server refuses to reach) dead-letters the delivery at once.
 */
export type HttpPort = (req: HttpRequest) => Promise<HttpResponse>;

/** Outbound mail (used by automations' email notifications). */
export type MailMessage = { to: string; subject: string; text: string; html?: string };
export type MailerPort = { send(message: MailMessage): Promise<void> };

/** Real wall clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** UUIDv7 ids: time-ordered, so they sort like creation time. */
export const uuidv7Ids: IdGenerator = { next: () => newId() };

/** Default permission port: everyone may do everything (until a role model is wired in). */
export const allowAllPermissions: PermissionPort = {
  check: () => ({ allowed: true }),
};

/** A clock tests can move: `advance('48h')`-style helpers live in tests; this only holds the time. */
export function createManualClock(
  start = Date.UTC(2026, 0, 5, 1, 0, 0),
): Clock & { set(ms: number): void; advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** Deterministic ids for tests: `prefix-000001`, `prefix-000002`, ... (sortable like UUIDv7). */
export function createSequentialIds(prefix = 'id'): IdGenerator {
  let n = 0;
  return { next: () => `${prefix}-${String(++n).padStart(6, '0')}` };
}
