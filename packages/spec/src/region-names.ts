import names from './region-names-en.json' with { type: 'json' };
import type { RegionNames } from './regions';

/**
 * Every division's English name ("110108" → "Haidian District"), for what the server writes in
 * English (exports). Behind a function so the CLI build can swap this module for one that reads
 * the JSON file on the first call, as it does region-tree.ts: most starts never write a region
 * in English. Browsers load the JSON itself (`@trellis/spec/region-names-en.json`) only for en.
 */
export function regionNamesEn(): RegionNames {
  return names;
}
