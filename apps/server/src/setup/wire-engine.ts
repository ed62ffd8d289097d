import { createEngine, createPermissionPort } from '@trellis/engine';
import type { Engine, EngineOptions, PermissionSpec } from '@trellis/engine';
import type { Store } from '@trellis/store';

const NO_ROLES: PermissionSpec = { entities: [], roles: [] };

/** The engine over a store with the role model of the spec it runs as its permission port. */
export function wireEngine(store: Store, extra: Partial<EngineOptions> = {}): Engine {
  const engine: Engine = createEngine({
    store,
    permissions: createPermissionPort(
      () => (engine.runtime.lastLive()?.model.spec as PermissionSpec | undefined) ?? NO_ROLES,
    ),
    ...extra,
  });
  return engine;
}
