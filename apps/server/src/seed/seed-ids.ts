import { createRandom } from './random';

/**
 * UUIDv7 ids for seeded rows: the time part is the row's own time (so ids sort like the data),
 * the random part comes from the seed, so the same seed gives the same ids.
 */
export function seedIds(seed: number): { next(at: number): string } {
  const r = createRandom(seed ^ 0x5eed);
  const hex = (n: number, len: number) => n.toString(16).padStart(len, '0');
  return {
    next(at) {
      const ms = hex(Math.max(0, Math.floor(at)), 12);
      const a = hex(0x7000 | r.int(0, 0xfff), 4);
      const b = hex(0x8000 | r.int(0, 0x3fff), 4);
      const c = hex(r.int(0, 0xffffff), 6) + hex(r.int(0, 0xffffff), 6);
      return `${ms.slice(0, 8)}-${ms.slice(8)}-${a}-${b}-${c}`;
    },
  };
}
