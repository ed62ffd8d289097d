// Entry of the count thread of `trellis start` on SQLite: the reads that count or sum over many
// records (dashboards, widgets, counts per stage, a list's total) on a read-only connection of
// their own, so the HTTP thread is not held for their whole time (hundreds of ms on a cold
// database of 100,000 leads). WAL lets this connection read beside the HTTP thread's and the writer's.
import { parentPort, workerData } from 'node:worker_threads';
import { openStore, type SettledRead } from '@trellis/store';
import { wireEngine } from '../setup/wire-engine';
import { MEMORY_REQUEST, ownMemory } from '../writer/thread-memory';
import {
  COUNT_READS,
  type CountCall,
  type CountReply,
  type SettleAnswer,
  type SettleAsk,
} from './calls';
import { nameThread } from '../setup/thread-name';

nameThread('count');

const { dbFile } = workerData as { dbFile: string };
// Report reads that meet records waiting for their settle ask the writer, through the HTTP thread.
const asked = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let asks = 0;
const settleReports = (read: SettledRead | null) =>
  new Promise<unknown>((resolve, reject) => {
    const id = ++asks;
    asked.set(id, { resolve, reject });
    parentPort?.postMessage({ settle: { id, read } satisfies SettleAsk });
  });
const store = await openStore({ url: dbFile, readOnly: true, settleReports });
const engine = wireEngine(store);
const allowed = new Set<string>(COUNT_READS);
let epoch = 0;

type Fn = (...args: unknown[]) => Promise<unknown>;
const methodOf = (path: string): Fn => {
  const [group, name] = path.split('.') as [string, string];
  const owner = (engine as unknown as Record<string, Record<string, Fn>>)[group]!;
  return owner[name]!.bind(owner);
};

// One read at a time, in the order sent: each is one synchronous SQLite read anyway.
let queue: Promise<unknown> = Promise.resolve();
const run = async ({ id, method, args, epoch: sent }: CountCall): Promise<CountReply> => {
  // A publish the HTTP thread has seen is seen here before the read, not up to 20 ms later.
  if (sent !== epoch) {
    epoch = sent;
    store.specs.markChanged();
  }
  if (!allowed.has(method)) return { id, ok: false, error: `not a count read: ${method}` };
  try {
    return { id, ok: true, value: await methodOf(method)(...args) };
  } catch (error) {
    return { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
};

parentPort?.on(
  'message',
  (msg: CountCall | 'stop' | typeof MEMORY_REQUEST | { settled: SettleAnswer }) => {
    if (typeof msg === 'object' && 'settled' in msg) {
      const a = msg.settled;
      const waiting = asked.get(a.id);
      asked.delete(a.id);
      if (a.ok) waiting?.resolve(a.value);
      else waiting?.reject(new Error(a.error));
      return;
    }
    if (msg === MEMORY_REQUEST) return parentPort?.postMessage({ memory: ownMemory() });
    if (msg === 'stop') {
      void queue.then(async () => {
        await store.close();
        parentPort?.postMessage({ stopped: true });
      });
      return;
    }
    queue = queue.then(async () => parentPort?.postMessage({ reply: await run(msg) }));
  },
);
parentPort?.postMessage({ ready: true });
