import { createEngine } from '@trellis/engine';
import type { Engine, EngineOptions } from '@trellis/engine';
import type { Store } from '@trellis/store';

/**
 * The engine over a store. Its permission port is the role model of the spec it runs
 * (createEngine's default), so every process and thread asks the same model.
 */
export function wireEngine(store: Store, extra: Partial<EngineOptions> = {}): Engine {
  return createEngine({ store, ...extra });
}
