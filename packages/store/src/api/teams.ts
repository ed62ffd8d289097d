/** A team: mirrored from the spec on every publish; `leadUserId` is set by admins. */
export type TeamRow = {
  key: string;
  label: unknown;
  parentKey: string | null;
  leadUserId: string | null;
  /** User ids of the members. */
  members: string[];
};

/** Teams (`teams`). */
export type TeamRepo = {
  exists(key: string): Promise<boolean>;
  /** Every team with its members, by key. */
  list(): Promise<TeamRow[]>;
  upsert(team: { key: string; label: unknown; parentKey?: string | null }): Promise<void>;
  setLead(key: string, userId: string | null): Promise<void>;
  /**
   * Makes the table mirror the spec's teams (upsert key/label/parent, keep leads, delete teams
   * the spec no longer has with their memberships); returns the removed keys.
   */
  mirror(teams: readonly { key: string; label: unknown; parent?: string }[]): Promise<string[]>;
};
