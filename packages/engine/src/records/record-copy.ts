import type { RecordData } from '../ports';

/**
 * `{ ...base, ...over }` for whole records, built by assignment. V8 (Node 20) copies an object
 * literal spread of a record's 40-60 keys through its slow runtime path, one property and map
 * transition at a time: about 5× this loop. A create spread its row once and an update (the
 * automations' owner assignment after every create) its record twice, in the writer thread that
 * every write waits for. Same keys in the same order, later values winning, as the spread.
 */
export function recordCopy(base: RecordData, over?: RecordData): RecordData {
  const out: RecordData = {};
  for (const key of Object.keys(base)) out[key] = base[key];
  if (over) for (const key of Object.keys(over)) out[key] = over[key];
  return out;
}
