import type { ServerContext } from '../context';
import type { Actor } from '../types';

export type NotificationView = { title: string; body: string | null; entity: string | null; recordId: string | null; payload: unknown };

const MASK = '•••';

function mask(text: string, secrets: string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(MASK), text);
}

/**
 * The last gate for notifications: automation messages interpolate record fields, so a
 * message may quote a field hidden from its reader. Values of the reader's hidden fields on
 * the notification's record are masked in title, body and payload; payload keys named after
 * hidden fields are dropped.
 */
export function scrubNotification<T extends NotificationView>(ctx: ServerContext, actor: Actor, n: T): T {
  if (!n.entity || !n.recordId) return n;
  const hidden = ctx.perms.hiddenFields(actor, n.entity);
  if (hidden.length === 0) return n;
  const got = ctx.engine.records.get(n.entity, n.recordId, { actor: { kind: 'system' }, includeDeleted: true });
  const record = got.ok ? (got.record as Record<string, unknown>) : {};
  const secrets = hidden
    .flatMap((f) => (Array.isArray(record[f]) ? (record[f] as unknown[]) : [record[f]]))
    .filter((v): v is string | number => (typeof v === 'string' || typeof v === 'number') && String(v).length >= 3)
    .flatMap((v) => {
      const s = String(v);
      // Phones are often quoted without the +86 prefix.
      return s.startsWith('+86') ? [s, s.slice(3)] : [s];
    });
  const drop = new Set(hidden);
  const payload = JSON.parse(mask(JSON.stringify(n.payload ?? null), secrets), (key, value) => (drop.has(key) ? undefined : value)) as unknown;
  return { ...n, title: mask(n.title, secrets), body: n.body === null ? null : mask(n.body, secrets), payload };
}
