import { describe, expect, it } from 'vitest';
import type { ActivityRow, TaskRow } from '../../src/index';
import { useStore, type StoreFactory } from './factory';

const activity = (id: string, extra: Partial<ActivityRow> = {}): ActivityRow => ({
  id,
  entity: 'lead',
  recordId: 'r1',
  type: 'call',
  body: '打了电话',
  occurredAt: 100,
  actorId: 'u1',
  attachments: [],
  meta: null,
  createdAt: 100,
  ...extra,
});

const task = (id: string, extra: Partial<TaskRow> = {}): TaskRow => ({
  id,
  entity: 'lead',
  recordId: 'r1',
  title: `task ${id}`,
  description: null,
  assigneeId: 'u1',
  dueAt: null,
  status: 'open',
  completedAt: null,
  createdBy: 'u2',
  createdAt: 10,
  source: null,
  ...extra,
});

/** What happened to records: history, stage changes, touches, activities, tasks, notifications, handovers. */
export function journalContract(factory: StoreFactory): void {
  const ctx = useStore(factory);

  describe(`${factory.dialect}: history, transitions, touches, handovers`, () => {
    it('appends and lists a record history and its stage changes, oldest first', async () => {
      await ctx.store.history.append([
        {
          id: 'h2',
          changeId: 'c2',
          entity: 'lead',
          recordId: 'r1',
          field: 'budget',
          before: 1,
          after: { v: 2 },
          actorId: 'u1',
          via: 'ui',
          at: 20,
        },
        {
          id: 'h1',
          changeId: 'c1',
          entity: 'lead',
          recordId: 'r1',
          field: '$created',
          before: null,
          after: { name: '王' },
          actorId: null,
          via: 'intake',
          at: 10,
        },
        {
          id: 'h3',
          changeId: 'c3',
          entity: 'lead',
          recordId: 'r2',
          field: 'x',
          before: null,
          after: null,
          actorId: null,
          via: 'ui',
          at: 5,
        },
      ]);
      const rows = await ctx.store.history.listFor('lead', 'r1');
      expect(rows.map((r) => [r.id, r.field, r.before, r.after])).toEqual([
        ['h1', '$created', null, { name: '王' }],
        ['h2', 'budget', 1, { v: 2 }],
      ]);
      await ctx.store.transitions.append({
        id: 't1',
        entity: 'lead',
        recordId: 'r1',
        fromStage: null,
        toStage: 'new',
        actorId: null,
        via: 'intake',
        at: 10,
        dwellMs: null,
      });
      await ctx.store.transitions.append({
        id: 't2',
        entity: 'lead',
        recordId: 'r1',
        fromStage: 'new',
        toStage: 'won',
        actorId: 'u1',
        via: 'ui',
        at: 50,
        dwellMs: 40,
      });
      expect(await ctx.store.transitions.listFor('lead', 'r1')).toEqual([
        {
          id: 't1',
          entity: 'lead',
          recordId: 'r1',
          fromStage: null,
          toStage: 'new',
          actorId: null,
          via: 'intake',
          at: 10,
          dwellMs: null,
        },
        {
          id: 't2',
          entity: 'lead',
          recordId: 'r1',
          fromStage: 'new',
          toStage: 'won',
          actorId: 'u1',
          via: 'ui',
          at: 50,
          dwellMs: 40,
        },
      ]);
    });

    it('takes back transitions by their own ids, not the other transitions of their records', async () => {
      const first = (id: string, recordId: string, entity = 'lead') => ({
        id,
        entity,
        recordId,
        fromStage: null,
        toStage: 'new',
        actorId: null,
        via: 'import',
        at: 10,
        dwellMs: null,
      });
      // t5 is a second first transition of r1 (a refused row that drew r1's id): only it goes.
      await ctx.store.transitions.appendMany([
        first('t1', 'r1'),
        first('t2', 'r2'),
        first('t3', 'r3'),
        first('t4', 'r2', 'deal'),
        first('t5', 'r1'),
      ]);
      await ctx.store.transitions.remove(['t2', 't3', 't5']);
      const ids = async (entity: string, recordId: string) =>
        (await ctx.store.transitions.listFor(entity, recordId)).map((t) => t.id);
      expect(await ids('lead', 'r1')).toEqual(['t1']);
      expect(await ids('lead', 'r2')).toEqual([]);
      expect(await ids('lead', 'r3')).toEqual([]);
      expect(await ids('deal', 'r2')).toEqual(['t4']);
      await ctx.store.transitions.remove([]);
      expect(await ids('lead', 'r1')).toEqual(['t1']);
    });

    it('records touches and handovers per record', async () => {
      const touch = {
        id: 'tc1',
        entity: 'lead',
        recordId: 'r1',
        kind: 'form',
        sourceKey: 'apply',
        utmSource: 'douyin',
        utmMedium: null,
        utmCampaign: 'spring',
        utmContent: null,
        utmTerm: null,
        referrer: 'https://m.douyin.com/',
        landingUrl: null,
        at: 5,
      };
      await ctx.store.touches.append(touch);
      expect(await ctx.store.touches.listFor('lead', 'r1')).toEqual([touch]);
      expect(await ctx.store.touches.listFor('lead', 'r2')).toEqual([]);
      await ctx.store.handovers.insert({
        id: 'ho1',
        entity: 'lead',
        recordId: 'r1',
        fromUserId: 'u1',
        toUserId: 'u2',
        reason: 'leave',
        summary: { notes: '家长想要周末班' },
        createdAt: 7,
      });
      expect(await ctx.store.handovers.listFor('lead', 'r1')).toEqual([
        {
          id: 'ho1',
          entity: 'lead',
          recordId: 'r1',
          fromUserId: 'u1',
          toUserId: 'u2',
          reason: 'leave',
          summary: { notes: '家长想要周末班' },
          status: 'pending',
          createdAt: 7,
          decidedAt: null,
        },
      ]);
    });
  });

  describe(`${factory.dialect}: activities and tasks`, () => {
    it('lists activities newest first, answers stage evidence and files attached', async () => {
      const file = { id: 'f-9', name: 'trial.jpg', size: 3, mime: 'image/jpeg' };
      await ctx.store.activities.insert(activity('a1', { occurredAt: 100, createdAt: 100 }));
      await ctx.store.activities.insert(
        activity('a2', {
          type: 'trial',
          occurredAt: 300,
          createdAt: 300,
          attachments: [file],
          meta: { k: 1 },
        }),
      );
      await ctx.store.activities.insert(activity('a3', { recordId: 'r2', createdAt: 400 }));
      expect((await ctx.store.activities.listFor('lead', 'r1')).map((a) => a.id)).toEqual([
        'a2',
        'a1',
      ]);
      expect((await ctx.store.activities.listFor('lead', 'r1'))[0]).toEqual(
        activity('a2', {
          type: 'trial',
          occurredAt: 300,
          createdAt: 300,
          attachments: [file],
          meta: { k: 1 },
        }),
      );
      expect(await ctx.store.activities.loggedSince('lead', 'r1', 200)).toEqual([
        { type: 'trial', hasAttachment: true },
      ]);
      expect(await ctx.store.activities.loggedSince('lead', 'r1', 0)).toHaveLength(2);
      expect(await ctx.store.activities.recordsWithFile('lead', 'f-9', 10)).toEqual(['r1']);
      expect(await ctx.store.activities.recordsWithFile('lead', 'f-1', 10)).toEqual([]);
    });

    it('inserts many activities and touches at once, as one by one would (past 64 rows a statement)', async () => {
      const many = Array.from({ length: 70 }, (_, i) =>
        activity(`m${String(i).padStart(2, '0')}`, {
          recordId: i % 2 ? 'r1' : 'r2',
          occurredAt: 1000 + i,
          createdAt: 1000 + i,
          ...(i === 3
            ? {
                attachments: [{ id: 'f-3', name: 'a.pdf', size: 1, mime: 'application/pdf' }],
                meta: { n: 3 },
              }
            : {}),
        }),
      );
      await ctx.store.transaction((tx) => tx.activities.insertMany(many));
      await ctx.store.activities.insertMany([]);
      const r1 = await ctx.store.activities.listFor('lead', 'r1');
      expect(r1).toEqual(many.filter((a) => a.recordId === 'r1').reverse());
      expect(await ctx.store.activities.listFor('lead', 'r2')).toHaveLength(35);
      const touches = Array.from({ length: 66 }, (_, i) => ({
        id: `t${String(i).padStart(2, '0')}`,
        entity: 'lead',
        recordId: 'r1',
        kind: 'form',
        sourceKey: null,
        utmSource: i % 3 ? 'douyin' : null,
        utmMedium: 'cpc',
        utmCampaign: `c${i}`,
        utmContent: null,
        utmTerm: null,
        referrer: null,
        landingUrl: null,
        at: 10 + i,
      }));
      await ctx.store.transaction((tx) => tx.touches.appendMany(touches));
      await ctx.store.touches.appendMany([]);
      expect(await ctx.store.touches.listFor('lead', 'r1')).toEqual(touches);
    });

    it('stores tasks, patches them and lists them by due time', async () => {
      await ctx.store.tasks.insert(task('t1', { dueAt: 500 }));
      await ctx.store.tasks.insert(task('t2', { dueAt: null, createdAt: 20 }));
      await ctx.store.tasks.insert(
        task('t3', { dueAt: 100, assigneeId: 'u9', source: { automation: 'a' } }),
      );
      expect(await ctx.store.tasks.get('t3')).toEqual(
        task('t3', { dueAt: 100, assigneeId: 'u9', source: { automation: 'a' } }),
      );
      expect(await ctx.store.tasks.get('nope')).toBeNull();
      expect((await ctx.store.tasks.query({})).map((t) => t.id)).toEqual(['t3', 't1', 't2']);
      expect((await ctx.store.tasks.query({ assigneeId: 'u1' })).map((t) => t.id)).toEqual([
        't1',
        't2',
      ]);
      await ctx.store.tasks.update('t1', { status: 'done', completedAt: 600 });
      await ctx.store.tasks.update('t2', { assigneeId: null, dueAt: 50 });
      expect((await ctx.store.tasks.query({ status: 'open' })).map((t) => t.id)).toEqual([
        't2',
        't3',
      ]);
      expect(await ctx.store.tasks.get('t1')).toMatchObject({ status: 'done', completedAt: 600 });
      expect((await ctx.store.tasks.query({ dueBefore: 100, limit: 1 })).map((t) => t.id)).toEqual([
        't2',
      ]);
    });
  });

  describe(`${factory.dialect}: notifications`, () => {
    const n = (id: string, userId: string, at: number) => ({
      id,
      userId,
      kind: 'task.assigned',
      title: `t ${id}`,
      body: null,
      entity: 'lead',
      recordId: 'r1',
      payload: { id },
      createdAt: at,
    });
    /** A stream of u1's notifications as the server reads it: the cursor moves along. */
    const stream = async () => {
      const seen: string[] = [];
      let cursor = await ctx.store.notifications.head();
      return {
        seen,
        async read() {
          for (const x of await ctx.store.notifications.since('u1', cursor, 100)) {
            seen.push(x.id);
            cursor = x.cursor;
          }
        },
      };
    };

    it('keeps an inbox per user: newest first, unread counts, marking read, streams', async () => {
      const s = await stream();
      await ctx.store.notifications.insert(n('n1', 'u1', 10));
      await ctx.store.notifications.insert(n('n2', 'u1', 20));
      await ctx.store.notifications.insert(n('n3', 'u2', 30));
      expect((await ctx.store.notifications.list('u1')).map((x) => [x.id, x.readAt])).toEqual([
        ['n2', null],
        ['n1', null],
      ]);
      expect(await ctx.store.notifications.unreadCount('u1')).toBe(2);
      expect(await ctx.store.notifications.markRead('n1', 'u2', 40)).toBe(false);
      expect(await ctx.store.notifications.markRead('n1', 'u1', 40)).toBe(true);
      expect(await ctx.store.notifications.markRead('n1', 'u1', 50)).toBe(true);
      expect(
        (await ctx.store.notifications.list('u1', { unreadOnly: true })).map((x) => x.id),
      ).toEqual(['n2']);
      expect((await ctx.store.notifications.list('u1'))[1]).toMatchObject({
        id: 'n1',
        readAt: 40,
        payload: { id: 'n1' },
      });
      expect(await ctx.store.notifications.markAllRead('u1', 60)).toBe(1);
      expect(await ctx.store.notifications.unreadCount('u1')).toBe(0);
      await s.read();
      expect(s.seen).toEqual(['n1', 'n2']);
      const [first] = await ctx.store.notifications.since('u1', null, 1);
      expect(first?.id).toBe('n1');
      expect(
        (await ctx.store.notifications.since('u1', first!.cursor, 10)).map((x) => x.id),
      ).toEqual(['n2']);
      expect(await ctx.store.notifications.since('u3', null, 10)).toEqual([]);
    });

    // Ids are made before the write (by any thread or process): a stream ordered by id would
    // move past `a` once it had read `b` and never deliver it.
    it('streams in commit order: a notification with a lower id that commits later still arrives', async () => {
      const s = await stream();
      await ctx.store.notifications.insert(n('b', 'u1', 10));
      await s.read();
      await ctx.store.notifications.insert(n('a', 'u1', 10));
      await s.read();
      expect(s.seen).toEqual(['b', 'a']);
    });

    // Where transactions run side by side (PostgreSQL) `a` is written first and commits last;
    // on SQLite the second write waits for the first (one write lock).
    it('never skips a notification of a transaction that commits after a later one', async () => {
      const s = await stream();
      let commit!: () => void;
      const held = new Promise<void>((r) => (commit = r));
      let inserted!: () => void;
      const inFlight = new Promise<void>((r) => (inserted = r));
      const slow = ctx.store.transaction(async (tx) => {
        await tx.notifications.insert(n('a', 'u1', 10));
        inserted();
        await held;
      });
      await inFlight;
      const fast = ctx.store.notifications.insert(n('b', 'u1', 10));
      if (!ctx.store.serialWrites) await fast;
      await s.read();
      expect(s.seen).toEqual([]); // the open transaction holds the stream back
      commit();
      await Promise.all([slow, fast]);
      await s.read();
      await s.read();
      expect(s.seen.sort()).toEqual(['a', 'b']); // each once
    });
  });
}
