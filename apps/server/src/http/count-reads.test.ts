import { describe, expect, it } from 'vitest';
import { CLIENT_GONE, createCountReads } from './count-reads';

const live = () => new AbortController().signal;

/** Holds the thread as a SQLite read does, until a timer set now is due. */
function holdThread(ms: number) {
  const until = Date.now() + ms;
  while (Date.now() < until);
}

describe('count reads', () => {
  it('runs one at a time, in the order asked', async () => {
    const reads = createCountReads({ oneAtATime: true });
    const log: string[] = [];
    const read = (name: string) => async () => {
      log.push(`${name} starts`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`${name} ends`);
      return name;
    };
    const answers = await Promise.all(['a', 'b', 'c'].map((n) => reads.run(live(), read(n))));
    expect(answers).toEqual(['a', 'b', 'c']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
  });

  it("runs a list's own count before the dashboards' and groups' reads that wait", async () => {
    const reads = createCountReads({ oneAtATime: true });
    const log: string[] = [];
    const read = (name: string) => async () => {
      log.push(name);
      await new Promise((r) => setTimeout(r, 2));
      return name;
    };
    // A workbench's counts are running and waiting; then a list is asked with its count, and a
    // second list after it: the lists go next, in their own order, then the counts.
    const asked = [
      reads.run(live(), read('dashboard')),
      reads.run(live(), read('widget')),
      reads.run(live(), read('groups')),
      reads.run(live(), read('list 1'), { first: true }),
      reads.run(live(), read('list 2'), { first: true }),
    ];
    expect(await Promise.all(asked)).toEqual(['dashboard', 'widget', 'groups', 'list 1', 'list 2']);
    expect(log).toEqual(['dashboard', 'list 1', 'list 2', 'widget', 'groups']);
    // Nothing waits any more: the next read runs at once, whatever it is.
    expect(await reads.run(live(), read('alone'))).toBe('alone');
  });

  it('lets the thread answer what came in during a read before the next read starts', async () => {
    const reads = createCountReads({ oneAtATime: true });
    const log: string[] = [];
    const first = reads.run(live(), () => {
      // Something arrives while the read holds the thread (a timer due, as a socket would be).
      setTimeout(() => log.push('other request'), 0);
      holdThread(5);
      log.push('first read');
      return Promise.resolve();
    });
    const second = reads.run(live(), () => {
      log.push('second read');
      return Promise.resolve();
    });
    await Promise.all([first, second]);
    // Run back to back, the second read would come before the other request.
    expect(log).toEqual(['first read', 'other request', 'second read']);
  });

  it('does not run the read of a client that has gone, nor hold the next one', async () => {
    const reads = createCountReads({ oneAtATime: true });
    const gone = new AbortController();
    let ran = 0;
    const read = () => Promise.resolve(++ran);
    const left = reads.run(gone.signal, read);
    gone.abort();
    expect(await left).toBe(CLIENT_GONE);
    expect(await reads.run(live(), read)).toBe(1);
  });

  it('runs reads side by side when they do not hold the thread (PostgreSQL)', async () => {
    const reads = createCountReads({ oneAtATime: false });
    let running = 0;
    let most = 0;
    const read = async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
    };
    await Promise.all([reads.run(live(), read), reads.run(live(), read)]);
    expect(most).toBe(2);
    const gone = new AbortController();
    gone.abort();
    expect(await reads.run(gone.signal, read)).toBe(CLIENT_GONE);
  });
});
