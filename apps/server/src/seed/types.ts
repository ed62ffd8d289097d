import type { Touch } from '@trellis/store';
import type { Random } from './random';

/** A person the seed creates (if missing) and gives records to. */
export type SeedUser = {
  login: string;
  name: string;
  role: string;
  teams: string[];
  /** Teams the user leads. */
  leads?: string[];
  supervisor?: string;
};

type SeedActivity = {
  type: string;
  at: number;
  by: string | null;
  body: string | null;
  /** Files named by the activity: a file row each (the bytes are not part of demo data). */
  attachments?: { name: string; mime: string; size: number }[];
};

/** An attribution touch of a record (the row of `touches` without its ids). */
export type SeedTouch = Omit<Touch, 'id' | 'entity' | 'recordId'>;

/** One record to write, with its past: stage walk, activities and the touch it came with. */
export type SeedRecord = {
  entity: string;
  /** The record's id when the caller needs it ahead (demo recipes refer to records by id). */
  id?: string;
  values: Record<string, unknown>;
  owner: string | null;
  team: string | null;
  createdAt: number;
  /** Login of the person who created it (none: the platform). */
  createdBy?: string | null;
  /** Stages entered, in order, the first one at creation. */
  stages?: { stage: string; at: number }[];
  activities?: SeedActivity[];
  touches?: SeedTouch[];
  /**
   * When (and why) the record went back to the public pool: written as the pool's clock does
   * (ledger `reclaim`, owner and team cleared); the record is unowned now.
   */
  released?: { at: number; reason: string };
  /** A past handover from `owner` to another rep, who holds the record now. */
  handover?: SeedHandover;
};

/**
 * A handover both parties confirmed in the past (seed 003's protocol): the record moved from
 * its first owner to `to` at `at`, asked for at `requestedAt`, with the protocol note.
 */
export type SeedHandover = {
  requestedAt: number;
  at: number;
  /** Login of the new owner. */
  to: string;
  reason: string;
  note: { needs: string[]; risks: string[]; open: string[] };
  /** How long the previous owner keeps reading the record (the entity's handover cooldown). */
  cooldownMs: number;
};

/** The time window of the seed: a year up to `now`. */
type SeedWindow = { start: number; now: number };

/**
 * How one template's demo data is made (registered in profiles/index.ts by template name):
 * the people, the records made once (campaigns), and one unit of records per index (a lead;
 * a customer with its deal) created at `createdAt`, all drawn from `r` so a seed always gives
 * the same data. `createdAt` comes from `when` (drawn for every unit first, then sorted: the
 * units are written in time order, so the time-ordered ids and indexes grow at their end).
 */
export type SeedProfile = {
  template: string;
  users: SeedUser[];
  fixed(r: Random, w: SeedWindow): SeedRecord[];
  /** A creation time of one unit in the window (the profile's weekday and season mix). */
  when(r: Random, w: SeedWindow): number;
  unit(i: number, r: Random, w: SeedWindow, createdAt: number): SeedRecord[];
};
