import type { ServerContext } from '../context';
import type { Actor } from '../types';

export type NotificationView = {
  title: string;
  body: string | null;
  entity: string | null;
  recordId: string | null;
  payload: unknown;
};

const MASK = '•••';

function mask(text: string, secrets: string[]): string {
  return secrets.reduce((t, s) => t.split(s).join(MASK), text);
}

/** Values of the reader's hidden fields on one record, as they may be quoted in free text. */
export async function hiddenValuesOf(
  ctx: ServerContext,
  actor: Actor,
  entity: string,
  recordId: string,
): Promise<{ fields: string[]; secrets: string[] }> {
  const fields = ctx.perms.hiddenFields(actor, entity);
  if (fields.length === 0) return { fields, secrets: [] };
  const got = await ctx.engine.records.get(entity, recordId, {
    actor: { kind: 'system' },
    includeDeleted: true,
  });
  const record = got.ok ? (got.record as Record<string, unknown>) : {};
  const secrets = fields
    .flatMap((f) => (Array.isArray(record[f]) ? (record[f] as unknown[]) : [record[f]]))
    .filter(
      (v): v is string | number =>
        (typeof v === 'string' || typeof v === 'number') && String(v).length >= 3,
    )
    .flatMap((v) => {
      const text = String(v);
      // Phones are often quoted without the +86 prefix.
      return text.startsWith('+86') ? [text, text.slice(3)] : [text];
    });
  return { fields, secrets };
}

/** Masks the secrets anywhere in a JSON value; with `dropKeys`, also drops keys named after hidden fields. */
export function maskValue<T>(
  value: T,
  hidden: { fields: string[]; secrets: string[] },
  dropKeys = false,
): T {
  if (hidden.fields.length === 0) return value;
  const drop = new Set(dropKeys ? hidden.fields : []);
  return JSON.parse(mask(JSON.stringify(value ?? null), hidden.secrets), (key, v: unknown) =>
    drop.has(key) ? undefined : v,
  ) as T;
}

/**
 * The last gate for notifications and tasks: automation messages interpolate record fields,
 * so a text may quote a field hidden from its reader. Values of the reader's hidden fields on
 * the item's record are masked in title, body and payload; payload keys named after hidden
 * fields are dropped.
 */
export async function scrubNotification<T extends NotificationView>(
  ctx: ServerContext,
  actor: Actor,
  n: T,
): Promise<T> {
  if (!n.entity || !n.recordId) return n;
  const hidden = await hiddenValuesOf(ctx, actor, n.entity, n.recordId);
  if (hidden.fields.length === 0) return n;
  return {
    ...n,
    title: mask(n.title, hidden.secrets),
    body: n.body === null ? null : mask(n.body, hidden.secrets),
    payload: maskValue(n.payload, hidden, true),
  };
}
