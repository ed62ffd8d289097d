import type { Context, Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import {
  checkImportOptions,
  createImportJob,
  fileValues,
  ImportFileError,
  importMessage,
  previewImport,
  type ImportOptions,
} from '@trellis/engine';
import type { ImportJob, ImportOutcome } from '@trellis/store';
import type { ServerContext } from '../context';
import { requireActor } from '../http/auth-middleware';
import { HttpProblem, localeOf } from '../http/problem';
import { errorReport } from '../imports/error-report';
import { jobView } from '../imports/job-view';
import {
  findUpload,
  saveUpload,
  sweepUploads,
  UploadTooLarge,
  uploadPath,
} from '../imports/uploads';
import type { Actor, AppEnv } from '../types';

const OUTCOMES: ImportOutcome[] = ['created', 'updated', 'skipped', 'failed'];

function filesDirOf(ctx: ServerContext): string {
  const dir = ctx.options.filesDir;
  if (!dir) throw new HttpProblem(503, 'engine_unavailable', { feature: 'imports' });
  return dir;
}

/** The entity named in the request if the caller may import into it (capability import + create). */
async function importable(ctx: ServerContext, actor: Actor, key: string | undefined) {
  const spec = await ctx.spec();
  const entity = spec?.entities.find((e) => e.key === key);
  if (!entity || !ctx.engine.permissions.can(actor, 'read', entity.key))
    throw new HttpProblem(404, 'not_found');
  if (
    !ctx.engine.permissions.hasCapability(actor, 'import') ||
    !ctx.engine.permissions.can(actor, 'create', entity.key)
  )
    throw new HttpProblem(403, 'forbidden');
  return entity;
}

function fileProblem(c: Context<AppEnv>, e: ImportFileError): HttpProblem {
  const message = e.text(localeOf(c));
  return new HttpProblem(
    422,
    'validation',
    {},
    [{ path: '/file', code: e.code, message }],
    {},
    message,
  );
}

const int = (v: string | undefined): number | undefined =>
  v !== undefined && /^\d{1,7}$/.test(v) ? Number(v) : undefined;

function readOptions(q: (k: string) => string | undefined) {
  const headerRows = int(q('headerRows'));
  return {
    ...(q('encoding') ? { encoding: q('encoding')! } : {}),
    ...(q('sheet') ? { sheet: q('sheet')! } : {}),
    ...(int(q('headerRow')) ? { headerRow: int(q('headerRow'))! } : {}),
    ...(headerRows === 1 || headerRows === 2 ? { headerRows: headerRows as 1 | 2 } : {}),
  };
}

async function preview(
  ctx: ServerContext,
  c: Context<AppEnv>,
  path: string,
  entity: string,
  opts: object,
) {
  try {
    return await previewImport(ctx.engine, entity, path, opts);
  } catch (e) {
    if (e instanceof ImportFileError) throw fileProblem(c, e);
    throw e;
  }
}

/** A job of the caller (others' jobs answer 404: they hold other people's data). */
async function ownJob(ctx: ServerContext, c: Context<AppEnv>): Promise<ImportJob> {
  const actor = requireActor(c);
  const job = await ctx.store.importJobs.get(c.req.param('id') ?? '');
  if (!job || !actor.userId || job.createdBy !== actor.userId)
    throw new HttpProblem(404, 'not_found');
  return job;
}

/**
 * Import: upload a file (streamed to the data directory), preview it (detected encoding, sheets,
 * header, proposed mapping), start a dry run or a run as a job, follow it over SSE, cancel it,
 * read its row report and download the failed rows to fix and import again.
 */
export function registerImportRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.post('/api/v1/imports/uploads', async (c) => {
    const actor = requireActor(c);
    const entity = await importable(ctx, actor, c.req.query('entity'));
    const dir = filesDirOf(ctx);
    const body = c.req.raw.body;
    if (!body)
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/file', code: 'required', message: '' },
      ]);
    // Path separators and control characters never reach a header or a file name.
    const name = [...(c.req.query('name') ?? 'import.csv')]
      .map((ch) => (ch === '/' || ch === '\\' || ch.charCodeAt(0) < 32 ? '_' : ch))
      .join('')
      .slice(0, 200);
    let upload;
    try {
      upload = await saveUpload(dir, body, {
        name,
        by: actor.userId ?? '',
        at: ctx.now(),
        maxBytes: ctx.limits.importBytes,
      });
    } catch (e) {
      if (e instanceof UploadTooLarge)
        throw new HttpProblem(413, 'body_too_large', { max: ctx.limits.importBytes });
      throw e;
    }
    // Expired uploads go when new ones come (files of running jobs stay: a resume reads them).
    const inUse = new Set((await ctx.store.importJobs.running()).map((j) => j.filePath));
    await sweepUploads(dir, { now: ctx.now(), inUse }).catch((e: unknown) =>
      ctx.log({ level: 'warn', msg: 'upload sweep failed', error: String(e) }),
    );
    const p = await preview(
      ctx,
      c,
      uploadPath(dir, upload.id),
      entity.key,
      readOptions((k) => c.req.query(k)),
    );
    return c.json(
      { upload: { id: upload.id, name: upload.name, size: upload.size }, preview: p },
      201,
    );
  });

  app.get('/api/v1/imports/uploads/:id/preview', async (c) => {
    const actor = requireActor(c);
    const entity = await importable(ctx, actor, c.req.query('entity'));
    const dir = filesDirOf(ctx);
    const upload = findUpload(dir, c.req.param('id'), actor.userId ?? '');
    if (!upload) throw new HttpProblem(404, 'not_found');
    return c.json(
      await preview(
        ctx,
        c,
        uploadPath(dir, upload.id),
        entity.key,
        readOptions((k) => c.req.query(k)),
      ),
    );
  });

  // The value-mapping step: each mapped select column's distinct values with the suggested
  // option. POST because the mapping is an object; nothing is written.
  app.post('/api/v1/imports/uploads/:id/values', async (c) => {
    const actor = requireActor(c);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new HttpProblem(400, 'invalid_body');
    const entity = await importable(ctx, actor, String(body.entity ?? ''));
    const dir = filesDirOf(ctx);
    const upload = findUpload(dir, c.req.param('id'), actor.userId ?? '');
    if (!upload) throw new HttpProblem(404, 'not_found');
    const mapping = body.mapping;
    if (
      typeof mapping !== 'object' ||
      mapping === null ||
      Array.isArray(mapping) ||
      Object.entries(mapping).some(([k, v]) => !/^\d{1,5}$/.test(k) || typeof v !== 'string')
    )
      throw new HttpProblem(422, 'validation', {}, [
        {
          path: '/mapping',
          code: 'invalid_value',
          message: importMessage('noMapping', localeOf(c)),
        },
      ]);
    try {
      const columns = await fileValues(ctx.engine, entity.key, uploadPath(dir, upload.id), {
        ...readOptions((k) => (body[k] === undefined ? undefined : String(body[k]))),
        mapping: mapping as Record<string, string>,
      });
      return c.json({ columns: columns ?? [] });
    } catch (e) {
      if (e instanceof ImportFileError) throw fileProblem(c, e);
      throw e;
    }
  });

  app.post('/api/v1/imports', async (c) => {
    const actor = requireActor(c);
    const body = (await c.req.json().catch(() => null)) as Record<string, unknown> | null;
    if (!body || typeof body !== 'object') throw new HttpProblem(400, 'invalid_body');
    const entity = await importable(ctx, actor, String(body.entity ?? ''));
    const dir = filesDirOf(ctx);
    const upload = findUpload(dir, String(body.upload ?? ''), actor.userId ?? '');
    if (!upload)
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/upload', code: 'not_found', message: '' },
      ]);
    const locale = localeOf(c);
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
    const options: ImportOptions = {
      mapping: (body.mapping ?? {}) as ImportOptions['mapping'],
      values: (body.values ?? {}) as ImportOptions['values'],
      dedupe: (body.dedupe ?? 'skip') as ImportOptions['dedupe'],
      automations: body.automations === true,
      locale,
      actor,
      ...readOptions((k) => (body[k] === undefined ? undefined : String(body[k]))),
      ...(str('timeZone') ? { timeZone: str('timeZone')! } : {}),
    };
    const errors = await checkImportOptions(ctx.engine, entity.key, options);
    if (errors.length > 0) throw new HttpProblem(422, 'validation', {}, errors);
    const path = uploadPath(dir, upload.id);
    const p = await preview(ctx, c, path, entity.key, options);
    const columnNames: string[] = [];
    for (const col of p?.columns ?? []) columnNames[col.index] = col.name;
    // Written through ctx.store: under `trellis start` the engine's own store only reads.
    const job = await createImportJob(
      ctx.engine,
      {
        entity: entity.key,
        fileName: upload.name,
        filePath: path,
        options: {
          ...options,
          columnNames: Array.from(columnNames, (n) => n ?? ''),
        } as ImportOptions,
        dryRun: body.dryRun === true,
      },
      ctx.store,
    );
    await ctx.imports.start(job.id);
    return c.json(jobView(job), 202);
  });

  app.get('/api/v1/imports', async (c) => {
    const actor = requireActor(c);
    const entity = c.req.query('entity');
    const jobs = await ctx.store.importJobs.list({
      createdBy: actor.userId ?? '',
      ...(entity ? { entity } : {}),
      limit: 50,
    });
    return c.json({ items: jobs.map(jobView) });
  });

  app.get('/api/v1/imports/:id', async (c) => c.json(jobView(await ownJob(ctx, c))));

  app.post('/api/v1/imports/:id/cancel', async (c) => {
    const job = await ownJob(ctx, c);
    await ctx.store.importJobs.finish(job.id, 'cancelled', ctx.now());
    return c.json(jobView((await ctx.store.importJobs.get(job.id)) ?? job));
  });

  app.get('/api/v1/imports/:id/rows', async (c) => {
    const job = await ownJob(ctx, c);
    const outcome = c.req.query('outcome');
    if (outcome && !OUTCOMES.includes(outcome as ImportOutcome))
      throw new HttpProblem(400, 'invalid_value', { reason: `outcome: ${OUTCOMES.join(' | ')}` });
    const limit = Math.min(int(c.req.query('limit')) ?? 100, 500);
    const items = await ctx.store.importJobs.rows(job.id, {
      afterRow: int(c.req.query('after')) ?? 0,
      ...(outcome ? { outcomes: [outcome as ImportOutcome] } : {}),
      limit,
    });
    return c.json({ items, next: items.length === limit ? items.at(-1)!.row : null });
  });

  app.get('/api/v1/imports/:id/errors.csv', async (c) => {
    const job = await ownJob(ctx, c);
    const columns = ((job.options as { columnNames?: string[] }).columnNames ?? []).map(String);
    const lines = errorReport(ctx.store, job, columns, localeOf(c));
    const stream = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const next = await lines.next();
        if (next.done) controller.close();
        else controller.enqueue(new TextEncoder().encode(next.value));
      },
    });
    const base = job.fileName.replace(/\.[^.]*$/, '');
    return c.body(stream, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(`${base}-errors.csv`)}`,
    });
  });

  // Progress: the job as of its last committed batch, every time it changes, until it ends.
  app.get('/api/v1/imports/:id/events', async (c) => {
    const job = await ownJob(ctx, c);
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      let last = '';
      let current: ImportJob | null = job;
      while (open && current) {
        const view = JSON.stringify(jobView(current));
        if (view !== last) {
          last = view;
          await stream.writeSSE({
            event: current.status === 'running' ? 'progress' : 'end',
            data: view,
          });
        }
        if (current.status !== 'running') break;
        await new Promise((r) => setTimeout(r, ctx.options.importPollMs ?? 300));
        current = await ctx.store.importJobs.get(job.id);
      }
    });
  });
}
