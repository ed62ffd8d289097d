import type { HitCounter, HitWindow } from '../api/maintenance';

/** Windows per database file, in this thread: one server process (its HTTP thread) per file. */
const byFile = new Map<string, Map<string, HitWindow>>();

/** At most this many keys per file: a flood of distinct keys drops the oldest tenth. */
const MAX_KEYS = 100_000;

/** Rate-limit counters of a SQLite store, in memory (see HitCounter). */
export function memoryHits(file: () => string): HitCounter {
  const windows = () => {
    let m = byFile.get(file());
    if (!m) byFile.set(file(), (m = new Map()));
    return m;
  };
  return {
    async hit(key, windowMs, now) {
      const m = windows();
      let w = m.get(key);
      if (!w || now - w.start >= windowMs) {
        if (!w && m.size >= MAX_KEYS)
          for (const k of [...m.keys()].slice(0, MAX_KEYS / 10)) m.delete(k);
        w = { start: now, count: 0 };
        m.set(key, w);
      }
      w.count += 1;
      return { ...w };
    },
    async peek(key, windowMs, now) {
      const w = windows().get(key);
      return w && now - w.start < windowMs ? { ...w } : null;
    },
    async forget(key) {
      windows().delete(key);
    },
  };
}
