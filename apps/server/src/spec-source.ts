import type { AppSpec } from '@trellis/spec';
import type { StoreDb } from '@trellis/store';

/**
 * The live spec: the newest row of `spec_versions`, parsed once per version. Checking the max
 * version is one primary-key lookup, so every request sees a publish immediately.
 */
export function specSource(db: StoreDb, engine?: { spec?: unknown }): () => AppSpec | null {
  let cached: { version: number; spec: AppSpec } | null = null;
  const maxStmt = db.sqlite.prepare('SELECT max(version) AS v FROM spec_versions');
  const getStmt = db.sqlite.prepare('SELECT spec FROM spec_versions WHERE version = ?');
  return () => {
    // The engine follows spec_versions itself; its model carries the spec it runs (it throws
    // before the first publish: then there is no spec).
    let model: { spec?: unknown } | undefined;
    try {
      model =
        typeof engine?.spec === 'function'
          ? (engine.spec as () => { spec?: unknown } | undefined)()
          : undefined;
    } catch {
      model = undefined;
    }
    const live = model?.spec;
    if (live && typeof live === 'object' && 'entities' in live) return live as AppSpec;
    const version = (maxStmt.get() as { v: number | null }).v;
    if (version === null) return null;
    if (cached?.version !== version) {
      const row = getStmt.get(version) as { spec: string };
      cached = { version, spec: JSON.parse(row.spec) as AppSpec };
    }
    return cached.spec;
  };
}
