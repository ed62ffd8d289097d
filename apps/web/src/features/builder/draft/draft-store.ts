import { produce, type Draft } from 'immer';
import type { AppSpec } from '@trellis/spec';

/** Where the draft stands with the server. */
type SaveState = 'saved' | 'pending' | 'saving' | 'conflict' | 'error';

/** What the builder shows: the spec being edited, its history and its save state. */
export type DraftSnapshot = {
  /** The draft being edited (may be invalid while someone is halfway through a change). */
  spec: AppSpec;
  /** The server revision this client last saved or loaded (0: no draft on the server yet). */
  revision: number;
  /** The live version the draft started from (null: nothing published yet). */
  baseVersion: number | null;
  save: SaveState;
  saveError: unknown;
  /** When the server last confirmed a save (client clock). */
  savedAt: number | null;
  undoLabel: string | null;
  redoLabel: string | null;
  /**
   * What the server's validateSpec says about `checked` (the spec of the last save or check),
   * in the builder's language; paths are JSON pointers into that spec.
   */
  problems: SpecProblem[];
  checked: AppSpec | null;
};

/** A validation problem of the draft (path: a JSON pointer into the spec). */
export type SpecProblem = { path: string; code: string; message: string };

/** How the store reaches the server. `save` throws an error with `status: 409` on a conflict. */
export type DraftPort = {
  save(
    spec: AppSpec,
    revision: number,
  ): Promise<{ revision: number; baseVersion: number | null; problems: SpecProblem[] }>;
};

type Step = { spec: AppSpec; label: string; coalesce?: string | undefined; at: number };

export type DraftStoreOptions = {
  /** Quiet time after the last edit before saving. */
  delayMs?: number;
  /** Retry after a failed (not conflicting) save. */
  retryMs?: number;
  /** Edits with the same coalesce key closer than this are one undo step. */
  coalesceMs?: number;
  historyLimit?: number;
  now?: () => number;
};

export type DraftStore = ReturnType<typeof createDraftStore>;

/**
 * The builder's shared editing state: the draft spec (immutable, edited through immer recipes),
 * undo / redo, and autosave to the server with the draft's revision, so a save over someone
 * else's newer draft stops at a conflict instead of overwriting it.
 */
export function createDraftStore(
  initial: { spec: AppSpec; revision: number; baseVersion: number | null },
  port: DraftPort,
  options: DraftStoreOptions = {},
) {
  const { delayMs = 800, retryMs = 5000, coalesceMs = 1200, historyLimit = 200 } = options;
  const now = options.now ?? Date.now;
  let past: Step[] = [];
  let future: Step[] = [];
  // The spec the server holds (null: unknown, e.g. after a conflict we chose to overwrite).
  let saved: AppSpec | null = initial.spec;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight: Promise<void> | null = null;
  let snapshot: DraftSnapshot = {
    spec: initial.spec,
    revision: initial.revision,
    baseVersion: initial.baseVersion,
    save: 'saved',
    saveError: null,
    savedAt: null,
    undoLabel: null,
    redoLabel: null,
    problems: [],
    checked: null,
  };
  const listeners = new Set<() => void>();

  const set = (patch: Partial<DraftSnapshot>) => {
    snapshot = {
      ...snapshot,
      ...patch,
      undoLabel: past.at(-1)?.label ?? null,
      redoLabel: future.at(-1)?.label ?? null,
    };
    for (const l of listeners) l();
  };

  const schedule = (ms = delayMs) => {
    clearTimeout(timer);
    if (snapshot.save === 'conflict') return;
    timer = setTimeout(() => void run(), ms);
  };

  async function run(): Promise<void> {
    if (inFlight) return inFlight;
    if (snapshot.spec === saved || snapshot.save === 'conflict') return;
    const spec = snapshot.spec;
    set({ save: 'saving' });
    inFlight = port
      .save(spec, snapshot.revision)
      .then(
        (res) => {
          saved = spec;
          const changed = snapshot.spec !== spec;
          set({
            revision: res.revision,
            baseVersion: res.baseVersion,
            save: changed ? 'pending' : 'saved',
            saveError: null,
            savedAt: now(),
            problems: res.problems,
            checked: spec,
          });
          if (changed) schedule();
        },
        (error: unknown) => {
          const conflict = (error as { status?: number }).status === 409;
          set({ save: conflict ? 'conflict' : 'error', saveError: error });
          if (!conflict) schedule(retryMs);
        },
      )
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  /** Saves now (before publishing); true when the server holds exactly this draft. */
  async function flush(): Promise<boolean> {
    clearTimeout(timer);
    if (inFlight) await inFlight;
    if (snapshot.spec !== saved) await run();
    return snapshot.spec === saved && snapshot.save === 'saved';
  }

  const changeTo = (spec: AppSpec) => {
    set({ spec, save: snapshot.save === 'conflict' ? 'conflict' : 'pending' });
    schedule();
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /**
     * One change, described by `label` (shown as "Undo <label>"). Edits with the same `coalesce`
     * key in quick succession (typing a label) are one undo step.
     */
    edit(label: string, recipe: (spec: Draft<AppSpec>) => void, opts: { coalesce?: string } = {}) {
      const next = produce(snapshot.spec, recipe);
      if (next === snapshot.spec) return;
      const last = past.at(-1);
      const at = now();
      if (!(opts.coalesce && last?.coalesce === opts.coalesce && at - last.at < coalesceMs))
        past = [...past, { spec: snapshot.spec, label, coalesce: opts.coalesce, at }].slice(
          -historyLimit,
        );
      else past = [...past.slice(0, -1), { ...last, at }];
      future = [];
      changeTo(next);
    },
    /**
     * Problems found by checking `spec` without saving it (when the builder opens). A save that
     * answered first checked a later spec: its problems stay (the opening check of a busy server
     * came back after the first save and wiped that save's problems).
     */
    checked(spec: AppSpec, problems: SpecProblem[]) {
      if (snapshot.checked !== null && snapshot.checked !== spec) return;
      set({ problems, checked: spec });
    },
    /** Replaces the whole spec (the JSON tab), as one undo step. */
    replace(label: string, spec: AppSpec) {
      if (spec === snapshot.spec) return;
      past = [...past, { spec: snapshot.spec, label, at: now() }].slice(-historyLimit);
      future = [];
      changeTo(spec);
    },
    undo() {
      const step = past.at(-1);
      if (!step) return;
      past = past.slice(0, -1);
      future = [...future, { ...step, spec: snapshot.spec }];
      changeTo(step.spec);
    },
    redo() {
      const step = future.at(-1);
      if (!step) return;
      future = future.slice(0, -1);
      past = [...past, { ...step, spec: snapshot.spec }];
      changeTo(step.spec);
    },
    flush,
    /** Takes the server's draft (after a conflict, or a publish elsewhere); history restarts. */
    load(spec: AppSpec, revision: number, baseVersion: number | null) {
      clearTimeout(timer);
      past = [];
      future = [];
      saved = spec;
      set({ spec, revision, baseVersion, save: 'saved', saveError: null });
    },
    /** After a conflict: saves this draft over the other builder's (whose revision is given). */
    async overwrite(theirRevision: number): Promise<boolean> {
      saved = null;
      set({ revision: theirRevision, save: 'pending', saveError: null });
      return flush();
    },
    /**
     * The draft was published as `version`. The server cleared its draft, so the next save
     * starts a new one (revision 0): saving over the old revision met a conflict with nobody.
     */
    published(version: number) {
      set({ baseVersion: version, revision: 0 });
    },
    dispose() {
      clearTimeout(timer);
      listeners.clear();
    },
  };
}
