/**
 * The writer thread's young generation (MiB) from `TRELLIS_WRITER_YOUNG_MB` (8–1024), else
 * undefined: V8's own default (48, semi-spaces of 16 MiB). An import's thread, which the writer
 * starts, gets the writer's size. V8 (Node 20) gives a worker semi-spaces of a third of this
 * size, rounded to a power of two: 96 gives 32 MiB, 12 gives 4 MiB (as the HTTP thread's
 * `--max-semi-space-size=4`, apps/cli/bin/trellis.mjs). The engine's import bench ran 35 % faster
 * with 32 MiB semi-spaces, but in the built server the same-run pairs showed no gain (100,000
 * rows: 5,326 rows/s at 48, 5,241 at 96) and 109 MiB more peak memory, so the default stays
 * V8's (apps/server/bench/writer-young-generation-2026-12-05.json).
 */
export function writerYoungGenerationMb(
  env: Record<string, string | undefined>,
): number | undefined {
  const mb = Number(env.TRELLIS_WRITER_YOUNG_MB);
  return Number.isInteger(mb) && mb >= 8 && mb <= 1024 ? mb : undefined;
}
