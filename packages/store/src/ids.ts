import { randomFillSync } from 'node:crypto';
import { V7Generator } from 'uuidv7';

// uuidv7's default generator buffers 8 random words and calls crypto.getRandomValues every ~3
// ids: ~3 % of an intake submission's write, which makes six ids. Fed from a pool of 1,024 words
// refilled in one call, the same library makes the same ids (time-ordered, 74 random bits each).
const pool = new Uint32Array(1024);
let cursor = pool.length;
const generator = new V7Generator({
  nextUint32: () => {
    if (cursor >= pool.length) {
      randomFillSync(pool);
      cursor = 0;
    }
    return pool[cursor++]!;
  },
});

/** A new time-ordered UUIDv7 (record, journal and log row ids). */
export function newId(): string {
  return generator.generate().toString();
}
