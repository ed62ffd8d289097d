/**
 * Tiny benchmark helpers shared by every package's `bench/`. Results are printed as JSON so
 * they can be compared across runs; ratios against a baseline measured in the same process
 * keep them meaningful across machines.
 */
export type Sample = {
  name: string;
  ops: number;
  medianMs: number;
  p95Ms: number;
  p99Ms: number;
  runs: number;
};

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx] as number;
}

/** Times `fn` `runs` times (after `warmup` calls) and reports per-call latency and ops/s. */
export function measure(
  name: string,
  fn: (i: number) => unknown,
  runs = 10_000,
  warmup = Math.min(1000, runs),
): Sample {
  for (let i = 0; i < warmup; i++) fn(i);
  const times = new Float64Array(runs);
  const start = performance.now();
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn(i);
    times[i] = performance.now() - t0;
  }
  const total = performance.now() - start;
  const sorted = Array.from(times).sort((a, b) => a - b);
  return {
    name,
    ops: opsOf(runs, total),
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    runs,
  };
}

/** Summarises latencies already collected (e.g. from an async load test). */
export function summarise(name: string, latenciesMs: number[], totalMs: number): Sample {
  const sorted = [...latenciesMs].sort((a, b) => a - b);
  return {
    name,
    ops: opsOf(latenciesMs.length, totalMs),
    medianMs: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    runs: latenciesMs.length,
  };
}

/** Throughput of `a` over `baseline` (1.5 = 50 % faster), or null when either took no time. */
export function ratio(a: Sample, baseline: Sample): number | null {
  if (!(a.ops > 0) || !(baseline.ops > 0) || !Number.isFinite(a.ops / baseline.ops)) return null;
  return Math.round((a.ops / baseline.ops) * 1000) / 1000;
}

// Operations per second, to the unit when there are many and to 3 significant digits when few:
// a single run of a 2-second command is 0.5 ops/s, not 0 (which made every ratio against it null).
function opsOf(count: number, totalMs: number): number {
  const ops = (count / totalMs) * 1000;
  return ops >= 100 ? Math.round(ops) : Number(ops.toPrecision(3));
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
