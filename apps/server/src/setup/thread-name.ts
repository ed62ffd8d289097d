import { writeFileSync } from 'node:fs';

/**
 * Names the calling thread `trellis-<name>` for the operating system (Linux: its `comm`, at most
 * 15 bytes), so `top -H`, `ps -L` and a bench reading /proc tell the writer, checkpoint, count
 * and import threads of `trellis start` from Node's own (all `node` otherwise). Elsewhere, or if
 * /proc refuses, the thread keeps its name: nothing depends on it.
 */
export function nameThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', `trellis-${name}`.slice(0, 15));
  } catch {
    // Not Linux, or /proc not mounted: the name only helps people look.
  }
}
