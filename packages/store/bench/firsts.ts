/**
 * What a record's first owner and first touch cost on SQLite, one side of an A/B (run it in a
 * worktree of each commit, alternating: the JSON of session 29 says how). Prints one JSON line.
 * - `BENCH_PART=create`: a create with an owner and a touch, one transaction each (the record,
 *   its `$created` and `ownerId` history rows, a touch, a transition: a public-form lead once
 *   assigned), µs and WAL pages a create; then the settle of each round's records (µs a record)
 *   and its WAL pages. BENCH_ROUNDS rounds of 300 creates.
 * - `BENCH_PART=reads`: reads that name `assignDelayMs` / `firstUtm*` over BENCH_LEADS leads with
 *   2 touches and 2 `ownerId` history rows each (kept at BENCH_FILE: loaded on the first run),
 *   p50 ms of BENCH_RUNS: a report read from the records (the grouped first touch, the in-time
 *   count) and a list filter with its count; settled, then with 200 creates whose rows wait.
 * Run: BENCH_PART=create pnpm --filter @trellis/store bench:firsts
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { percentile } from '@trellis/tooling/bench';
import { openStore, type Store } from '../src/index';
import { baseSpec } from '../test/fixtures';

const PART = process.env.BENCH_PART ?? 'create';
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
const LEADS = Number(process.env.BENCH_LEADS ?? 50_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const H = 3_600_000;
const SOURCES = ['douyin', 'wechat', 'baidu', 'site'];
/** Ids of this process's rows (a kept database is written to by every run). */
const TAG = `b${Date.now()}-`;
let k = 0;

type Tx = Pick<Store, 'records' | 'history' | 'touches' | 'transitions'>;

/** A lead created at `createdAt` with its history rows, touches and first transition. */
async function lead(tx: Tx, i: number, createdAt: number, owned: boolean, later: boolean) {
  const r = await tx
    .records(baseSpec)
    .insert('lead', { name: `L${i}`, ownerId: owned ? 'u1' : null, createdAt }, { now: createdAt });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  const id = r.value.id;
  const row = (field: string, before: string | null, at: number) => ({
    id: `h${TAG}${k++}`,
    changeId: `c${TAG}${i}`,
    entity: 'lead',
    recordId: id,
    field,
    before,
    after: 'u2',
    actorId: null,
    via: 'bench',
    at,
  });
  await tx.history.append([
    row('$created', null, createdAt),
    row('ownerId', owned ? 'u1' : null, createdAt + (i % 40) * H),
    ...(later ? [row('ownerId', 'u2', createdAt + 50 * H)] : []),
  ]);
  const touch = (at: number, source: string, campaign: string) => ({
    id: `t${TAG}${k++}`,
    entity: 'lead',
    recordId: id,
    kind: 'form',
    sourceKey: 'apply',
    utmSource: source,
    utmMedium: null,
    utmCampaign: campaign,
    utmContent: i % 2 ? 'A' : 'B',
    utmTerm: null,
    referrer: null,
    landingUrl: null,
    at,
  });
  if (later) await tx.touches.append(touch(createdAt + H, SOURCES[(i + 1) % 4]!, 'late'));
  await tx.touches.append(touch(createdAt, SOURCES[i % 4]!, `c${i % 12}`));
  await tx.transitions.append({
    id: `s${TAG}${k++}`,
    entity: 'lead',
    recordId: id,
    fromStage: null,
    toStage: 'new',
    actorId: null,
    via: 'bench',
    at: createdAt,
    dwellMs: null,
  } as never);
}

const ms = (xs: number[], p: number) =>
  Math.round(
    percentile(
      [...xs].sort((a, b) => a - b),
      p,
    ) * 1000,
  ) / 1000;

async function create(): Promise<Record<string, unknown>> {
  const store = await openStore({ url: join(mkdtempSync(join(tmpdir(), 'firsts-')), 't.db') });
  await store.migrations.syncEntityTables(baseSpec);
  let n = 0;
  const one = () => {
    const i = n++;
    return store.transaction((tx) => lead(tx, i, Date.now(), true, false));
  };
  for (let i = 0; i < 300; i++) await one();
  await store.maintenance.settleReports(null);
  const times: number[] = [];
  const settle: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    for (let i = 0; i < 300; i++) {
      const t0 = performance.now();
      await one();
      times.push(performance.now() - t0);
    }
    const t0 = performance.now();
    await store.maintenance.settleReports(null);
    settle.push(Math.round(((performance.now() - t0) * 1000) / 300));
  }
  // WAL pages: 200 creates, then their settle, each between two checkpoints.
  const frames = async (fn: () => Promise<unknown>) => {
    await store.maintenance.checkpoint({ restartAfterFrames: 0, waitMs: 100 });
    await fn();
    return (await store.maintenance.checkpoint({ restartAfterFrames: Infinity })).frames / 200;
  };
  const wal = await frames(async () => {
    for (let i = 0; i < 200; i++) await one();
  });
  const settleWal = await frames(() => store.maintenance.settleReports(null));
  await store.close();
  return {
    creates: times.length,
    medianMs: ms(times, 50),
    p95Ms: ms(times, 95),
    walPagesPerCreate: wal,
    settleUsPerRecord: settle,
    settleWalPagesPerRecord: settleWal,
  };
}

async function reads(): Promise<Record<string, unknown>> {
  const file = process.env.BENCH_FILE ?? join(mkdtempSync(join(tmpdir(), 'firsts-')), 'r.db');
  const fresh = !existsSync(file);
  const store = await openStore({ url: file, locale: 'en' });
  const T0 = Date.UTC(2026, 0, 1);
  if (fresh) {
    await store.migrations.syncEntityTables(baseSpec);
    for (let i = 0; i < LEADS; i += 2000)
      await store.transaction(async (tx) => {
        for (let j = i; j < Math.min(LEADS, i + 2000); j++)
          await lead(tx, j, T0 + j * 600_000, j % 3 !== 0, j % 5 !== 0);
      });
  }
  await store.maintenance.settleReports(null);
  const FULL = { '!=': [{ var: 'name' }, '-'] };
  const reports = store.reports(baseSpec);
  const list = (filter: unknown) =>
    store.records(baseSpec).list('lead', { filter, count: true, limit: 50 });
  const all: Record<string, () => Promise<{ ok: boolean }>> = {
    // A report read from the records (a filter no kept group holds): the kept tables joined.
    byFirstTouch: () =>
      reports.aggregate('lead', {
        filter: FULL,
        by: [{ field: 'firstUtmCampaign' }, { field: 'firstUtmContent' }],
        measures: [{ op: 'count' }],
      }),
    inTime: () =>
      reports.aggregate('lead', {
        filter: FULL,
        by: [{ field: 'stage' }],
        measures: [
          { op: 'count' },
          { op: 'count', where: { '<=': [{ var: 'assignDelayMs' }, 86_400_000] } },
        ],
      }),
    listLate: () => list({ '>': [{ var: 'assignDelayMs' }, 86_400_000] }),
    listSource: () => list({ '==': [{ var: 'firstUtmSource' }, 'douyin'] }),
  };
  const out: Record<string, number> = {};
  const timeAll = async (tag: string) => {
    for (const [name, read] of Object.entries(all)) {
      if (!(await read()).ok) throw new Error(name);
      const ts: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        await read();
        ts.push(performance.now() - t0);
      }
      out[`${name}:${tag}`] = Math.round(ms(ts, 50) * 10) / 10;
    }
  };
  await timeAll('settled');
  // 200 creates whose rows wait for the settle (these reads need none).
  const base = T0 + (LEADS + 100) * 600_000;
  await store.transaction(async (tx) => {
    for (let j = 0; j < 200; j++) await lead(tx, LEADS + j, base + j * 1000, true, true);
  });
  await timeAll('waiting');
  await store.close();
  return { leads: LEADS, runs: RUNS, p50Ms: out };
}

const load0 = loadavg()[0]!;
const result = PART === 'reads' ? await reads() : await create();
console.log(
  JSON.stringify({
    part: PART,
    side: process.env.BENCH_SIDE ?? null,
    ...result,
    loadAverage: [load0, loadavg()[0]!].map((x) => Math.round(x * 100) / 100),
  }),
);
