import type { RecordData } from '../ports';

/**
 * `{ ...base, ...over }` for whole records, built by assignment. A record built key by key (the
 * store's decoded rows, `fieldValues`) has 40-60 keys and is a dictionary-mode object in V8
 * (Node 20), and a spread of one takes the slow runtime path, a property at a time: about 5×
 * this loop. A create spread its row once and an update (the automations' owner assignment
 * after every create too) its record twice, in the writer thread every write waits for. Same
 * keys in the same order, later values winning, as the spread.
 */
export function recordCopy(base: RecordData, over?: RecordData): RecordData {
  const out: RecordData = {};
  for (const key of Object.keys(base)) out[key] = base[key];
  if (over) for (const key of Object.keys(over)) out[key] = over[key];
  return out;
}
