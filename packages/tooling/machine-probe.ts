import { loadavg } from 'node:os';

/**
 * Fixed work timed on this thread: an integer loop with no allocation and no memory traffic, so
 * on an unchanged machine it takes the same time in every run. A phase whose probe took longer
 * ran on a slower CPU that minute (another process on the core, a lower clock), every thread
 * of the phase with it: in session 19's quiet slot the same loop took 348–425 ms, and a run of
 * 1,565 API creates/s cost every thread, the load generator's fixed work included, ~25 % more
 * CPU per request than one of 1,976/s (docs/deploy.md).
 */
function probeMs(): number {
  const t0 = performance.now();
  let x = 0;
  for (let i = 0; i < 1e8; i++) x = (x + (i % 7)) | 0;
  const ms = performance.now() - t0;
  // Used, so the loop is not removed.
  return x === 42 ? ms + 0 : Math.round(ms * 10) / 10;
}

/** The probe and the 1-minute load average before and after `run`. */
export async function probed<T>(run: () => Promise<T>) {
  const before = { probeMs: probeMs(), loadAvg1m: loadavg()[0]! };
  const value = await run();
  const after = { probeMs: probeMs(), loadAvg1m: loadavg()[0]! };
  return { value, machine: { before, after } };
}
