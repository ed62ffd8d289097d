import type { ServerContext } from '../context';
import { HttpProblem } from '../http/problem';
import type { ProblemError } from '../http/problem';
import type { Actor } from '../types';
import type { FileRow } from '@trellis/store';
import { fileRow, mayRead } from './files';

/** A file as a record field or an activity stores it: always as the files table says. */
type FileRef = { id: string; name: string; size: number; mime: string };

/**
 * Resolves the file references of a write: each must name a stored file the caller uploaded or
 * may already read (on a record they can read, in a field they can see); name, size and type are
 * taken from the files table, never from the client. Anything else answers as if the file did
 * not exist (`file_not_found`), so ids of other people's files cannot be probed or borrowed.
 */
async function resolveFileRefs(
  ctx: ServerContext,
  actor: Actor,
  refs: unknown,
  path: string,
  errors: ProblemError[],
): Promise<FileRef[] | unknown> {
  if (refs === null || refs === undefined) return refs;
  const list = Array.isArray(refs) ? refs : [refs];
  const out: FileRef[] = [];
  for (const [i, ref] of list.entries()) {
    const id =
      typeof ref === 'string'
        ? ref
        : typeof ref === 'object' &&
            ref !== null &&
            typeof (ref as { id?: unknown }).id === 'string'
          ? (ref as { id: string }).id
          : null;
    const row = id ? await fileRow(ctx, id) : null;
    if (!row || !(await mayReference(ctx, actor, row))) {
      errors.push({
        path: `${path}/${i}`,
        code: 'file_not_found',
        message: '',
        params: { id: (id ?? '').slice(0, 64) },
      });
      continue;
    }
    out.push({ id: row.id, name: row.name, size: row.size, mime: row.mime });
  }
  return out;
}

async function mayReference(ctx: ServerContext, actor: Actor, row: FileRow): Promise<boolean> {
  if (actor.kind === 'system' || actor.kind === 'automation') return true;
  if (actor.kind === 'public') return false;
  return mayRead(ctx, actor, row);
}

/**
 * The values of a record write with their file fields resolved (see `resolveFileRefs`); throws
 * the 422 problem when one is refused. Fields that are not file fields pass through untouched.
 */
export async function withFileRefs<T extends Record<string, unknown> | undefined>(
  ctx: ServerContext,
  actor: Actor,
  entityKey: string,
  values: T,
  prefix = '',
): Promise<T> {
  if (!values || typeof values !== 'object') return values;
  const entity = (await ctx.spec())?.entities.find((e) => e.key === entityKey);
  const fileFields = (entity?.fields ?? []).filter((f) => f.type === 'file' && f.key in values);
  if (fileFields.length === 0) return values;
  const errors: ProblemError[] = [];
  const out: Record<string, unknown> = { ...values };
  for (const f of fileFields)
    out[f.key] = await resolveFileRefs(ctx, actor, values[f.key], `${prefix}/${f.key}`, errors);
  if (errors.length > 0) throw new HttpProblem(422, 'validation', {}, errors);
  return out as T;
}

/** An activity body with its attachments resolved; throws the 422 problem when one is refused. */
export async function withAttachmentRefs(
  ctx: ServerContext,
  actor: Actor,
  body: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  if (!Array.isArray(body.attachments) || body.attachments.length === 0) return body;
  const errors: ProblemError[] = [];
  const attachments = await resolveFileRefs(ctx, actor, body.attachments, '/attachments', errors);
  if (errors.length > 0) throw new HttpProblem(422, 'validation', {}, errors);
  return { ...body, attachments };
}
