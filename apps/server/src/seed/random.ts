import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** A seeded random source: the same seed gives the same sequence on every machine. */
export type Random = {
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** Float in [0, 1). */
  next(): number;
  chance(p: number): boolean;
  pick<T>(list: readonly T[]): T;
  /** One of the keys, each with the relative weight given. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** Exponentially distributed duration with the given mean (e.g. time in a stage). */
  exponential(mean: number): number;
};

/** A Random over pure-rand's xoroshiro128+ generator. */
export function createRandom(seed: number): Random {
  const rng = xoroshiro128plus(seed);
  const next = () => uniformFloat64(rng);
  return {
    int: (min, max) => uniformInt(rng, min, max),
    next,
    chance: (p) => next() < p,
    pick: (list) => list[uniformInt(rng, 0, list.length - 1)]!,
    weighted(weights) {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      let r = next() * entries.reduce((s, [, w]) => s + w, 0);
      for (const [k, w] of entries) if ((r -= w) < 0) return k;
      return entries[entries.length - 1]![0];
    },
    exponential: (mean) => -Math.log(1 - next()) * mean,
  };
}
