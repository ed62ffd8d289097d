// One ordered list of test files that two vitest processes share: one takes files from the head
// (the longest first), the other from the tail (the shortest first), each file once. The web
// app's browser files run in such a queue (vitest-queue.mjs): the lane of the other packages ends
// ~400 s before the web lane (stop 33: 1,323 s against 1,713 s), and then takes the web files
// that are left from the other end, so both lanes end close together.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ORDER_FILE = 'order.json';

/**
 * `files` longest first by `seconds` (file → seconds of an earlier run). A file not in the table
 * goes first: a new file may be a long one, and the head is where a long file belongs.
 * @param {string[]} files
 * @param {Record<string, number>} seconds
 * @returns {string[]}
 */
export function longestFirst(files, seconds) {
  const known = (/** @type {string} */ f) => (f in seconds ? seconds[f] : Infinity);
  return [...files].sort((a, b) => known(b) - known(a) || (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * Writes the order the two ends share (written once, by the head, before it takes a file).
 * @param {string} dir
 * @param {string[]} files
 */
export function publishOrder(dir, files) {
  const tmp = join(dir, `${ORDER_FILE}.${process.pid}`);
  writeFileSync(tmp, JSON.stringify(files));
  renameSync(tmp, join(dir, ORDER_FILE)); // so the tail never reads half a file
}

/**
 * The order the head published, or null while there is none.
 * @param {string} dir
 * @returns {string[] | null}
 */
export function readOrder(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, ORDER_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Takes files from one end of the published order. A file is taken by making the directory
 * `taken-<index>`, which succeeds for one process only, so the two ends can race for the last
 * file. The head walks up and the tail down, each from where it last took, so the first taken
 * file an end meets was taken by the other end, and everything beyond it too: the queue is done.
 * @param {string} dir
 * @param {string[]} order
 * @param {'head' | 'tail'} end
 * @returns {{ next(): string | null }}
 */
export function queueEnd(dir, order, end) {
  let index = end === 'head' ? 0 : order.length - 1;
  const step = end === 'head' ? 1 : -1;
  let done = false;
  return {
    next() {
      if (done || index < 0 || index >= order.length) return null;
      try {
        mkdirSync(join(dir, `taken-${index}`));
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== 'EEXIST') throw error;
        done = true;
        return null;
      }
      const file = order[index];
      index += step;
      return file;
    },
  };
}
