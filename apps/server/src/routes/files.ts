import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Hono } from 'hono';
import { newId, quoteIdent, tableName } from '@trellis/store';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { HttpProblem } from '../http/problem';
import type { Actor, AppEnv } from '../types';
import { DIR_MODE, FILE_MODE } from '../setup/data-dir';

type FileRow = {
  id: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_path: string;
  created_by: string | null;
};

/** Whether the reader may download a file: they uploaded it, or it sits on a record (or an activity of one) they can read, in a field they can see. */
function mayRead(ctx: ServerContext, actor: Actor, file: FileRow): boolean {
  if (
    ctx.engine.permissions.hasCapability(actor, 'build') ||
    (actor.userId && file.created_by === actor.userId)
  )
    return true;
  const needle = `%"${file.id}"%`;
  for (const entity of ctx.spec()?.entities ?? []) {
    if (!ctx.engine.permissions.can(actor, 'read', entity.key)) continue;
    const visible = new Set(ctx.engine.permissions.visibleFields(actor, entity.key));
    const ids = new Set<string>();
    for (const f of entity.fields.filter((f) => f.type === 'file' && visible.has(f.key))) {
      for (const r of ctx.db.sqlite
        .prepare(
          `SELECT id FROM ${quoteIdent(tableName(entity.key))} WHERE ${quoteIdent(f.key)} LIKE ? LIMIT 20`,
        )
        .all(needle) as { id: string }[])
        ids.add(r.id);
    }
    for (const r of ctx.db.sqlite
      .prepare(
        'SELECT record_id AS id FROM activities WHERE entity = ? AND attachments LIKE ? LIMIT 20',
      )
      .all(entity.key, needle) as { id: string }[])
      ids.add(r.id);
    for (const id of ids) {
      const got = ctx.engine.records.get(entity.key, id, { actor });
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
    ctx.db.sqlite
      .prepare(
        'INSERT INTO files (id, name, mime, size, sha256, storage_path, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        id,
        name,
        mime.slice(0, 100),
        bytes.length,
        sha256,
        rel,
        actor.userId ?? null,
        ctx.now(),
      );
    return c.json({ id, name, size: bytes.length, mime }, 201);
  });

  app.get('/api/v1/files/:id', (c) => {
    const actor = requireActor(c);
    const row = ctx.db.sqlite.prepare('SELECT * FROM files WHERE id = ?').get(c.req.param('id')) as
      FileRow | undefined;
    if (!row || !dir || !mayRead(ctx, actor, row) || !existsSync(join(dir, row.storage_path)))
      throw new HttpProblem(404, 'not_found');
    return c.body(readFileSync(join(dir, row.storage_path)), 200, {
      'content-type': row.mime,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(row.name)}`,
      'x-content-type-options': 'nosniff',
    });
  });
}
