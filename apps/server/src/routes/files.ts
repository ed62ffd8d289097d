import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { newId, type FileRow } from '@trellis/store';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { HttpProblem } from '../http/problem';
import type { Actor, AppEnv } from '../types';
import { DIR_MODE, FILE_MODE } from '../setup/data-dir';

/** The stored row of a file, if any. */
export function fileRow(ctx: ServerContext, id: string): Promise<FileRow | null> {
  return ctx.store.files.get(id);
}

/** Whether the reader may download a file: they uploaded it, or it sits on a record (or an activity of one) they can read, in a field they can see. */
export async function mayRead(ctx: ServerContext, actor: Actor, file: FileRow): Promise<boolean> {
  if (
    ctx.engine.permissions.hasCapability(actor, 'build') ||
    (actor.userId && file.createdBy === actor.userId)
  )
    return true;
  const spec = await ctx.spec();
  for (const entity of spec?.entities ?? []) {
    if (!ctx.engine.permissions.can(actor, 'read', entity.key)) continue;
    const visible = new Set(ctx.engine.permissions.visibleFields(actor, entity.key));
    const fields = entity.fields
      .filter((f) => f.type === 'file' && visible.has(f.key))
      .map((f) => f.key);
    const ids = new Set<string>(
      fields.length > 0
        ? await ctx.store.records(spec!).referencingFile(entity.key, fields, file.id, 20)
        : [],
    );
    for (const id of await ctx.store.activities.recordsWithFile(entity.key, file.id, 20))
      ids.add(id);
    for (const id of ids) {
      const got = await ctx.engine.records.get(entity.key, id, { actor });
      if (got.ok && ctx.engine.permissions.can(actor, 'read', entity.key, got.record)) return true;
    }
  }
  return false;
}

/** File uploads (stored by sha256 under the data directory) and permission-checked downloads. */
export function registerFileRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const dir = ctx.options.filesDir;

  app.post('/api/v1/files', async (c) => {
    const actor = requireActor(c);
    if (!dir) throw new HttpProblem(503, 'engine_unavailable', { feature: 'files' });
    const type = (c.req.header('content-type') ?? '').toLowerCase();
    let bytes: Buffer;
    let name: string;
    let mime: string;
    if (type.startsWith('multipart/form-data')) {
      const form = await c.req.parseBody();
      const file = form.file;
      if (!(file instanceof File))
        throw new HttpProblem(422, 'validation', {}, [
          { path: '/file', code: 'required', message: '' },
        ]);
      bytes = Buffer.from(await file.arrayBuffer());
      name = file.name;
      mime = file.type || 'application/octet-stream';
    } else {
      bytes = Buffer.from(await c.req.arrayBuffer());
      name = c.req.query('name') ?? 'file';
      mime = type.split(';')[0] || 'application/octet-stream';
    }
    if (bytes.length === 0)
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/file', code: 'required', message: '' },
      ]);
    // Path separators and control characters never reach a header or a disk path.
    name =
      [...name]
        .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
        .join('')
        .slice(0, 200) || 'file';
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const rel = join(sha256.slice(0, 2), sha256);
    const path = join(dir, rel);
    if (!existsSync(path)) {
      // Owner-only (uploads are contracts, ID scans), whatever the umask.
      mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true, mode: DIR_MODE });
      // Write then rename: a crash never leaves a half file under its final name.
      writeFileSync(`${path}.tmp`, bytes, { mode: FILE_MODE });
      renameSync(`${path}.tmp`, path);
    }
    const id = newId();
    await ctx.store.files.insert({
      id,
      name,
      mime: mime.slice(0, 100),
      size: bytes.length,
      sha256,
      storagePath: rel,
      createdBy: actor.userId ?? null,
      createdAt: ctx.now(),
    });
    return c.json({ id, name, size: bytes.length, mime }, 201);
  });

  app.get('/api/v1/files/:id', async (c) => {
    const actor = requireActor(c);
    const row = await fileRow(ctx, c.req.param('id'));
    if (
      !row ||
      !dir ||
      !(await mayRead(ctx, actor, row)) ||
      !existsSync(join(dir, row.storagePath))
    )
      throw new HttpProblem(404, 'not_found');
    return c.body(readFileSync(join(dir, row.storagePath)), 200, {
      'content-type': row.mime,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      'x-content-type-options': 'nosniff',
    });
  });
}
