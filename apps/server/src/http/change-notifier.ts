import type { ServerContext } from '../context';

type Notifier = { waiters: Set<() => void> };
const notifiers = new WeakMap<ServerContext, Notifier>();

function notifierOf(ctx: ServerContext): Notifier {
  let n = notifiers.get(ctx);
  if (!n) notifiers.set(ctx, (n = { waiters: new Set() }));
  return n;
}

/**
 * Tells every waiting event stream of this server that something was committed (a write
 * request finished, the automation worker drained events). Cheap when nobody waits.
 */
export function notifyChanges(ctx: ServerContext): void {
  const n = notifierOf(ctx);
  if (n.waiters.size === 0) return;
  const waiting = [...n.waiters];
  n.waiters.clear();
  for (const wake of waiting) wake();
}

/**
 * Resolves on the next `notifyChanges` or after `fallbackMs`, whichever comes first: writes of
 * other processes (the CLI, a second server) are not announced, so streams still poll, rarely.
 */
export function nextChange(ctx: ServerContext, fallbackMs: number): Promise<'change' | 'timeout'> {
  const n = notifierOf(ctx);
  return new Promise((resolve) => {
    const wake = () => {
      clearTimeout(timer);
      resolve('change');
    };
    const timer = setTimeout(() => {
      n.waiters.delete(wake);
      resolve('timeout');
    }, fallbackMs);
    n.waiters.add(wake);
  });
}
