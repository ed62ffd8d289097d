/** Round-robin cursor and strategy data of one assignment rule. */
export type AssignmentState = { cursor: number; data: Record<string, unknown> };

/** Assignment bookkeeping: strategy state and owners' open-record counts. */
export type AssignmentRepo = {
  /** The state under `key`, or `{ cursor: 0, data: {} }`. */
  getState(key: string): Promise<AssignmentState>;
  putState(key: string, state: AssignmentState, now: number): Promise<void>;
  /**
   * Open records (not deleted, not in one of `closedStages`) of `entity` owned by each of
   * `userIds`; users with none are left out. Kept cheap on big tables (SQLite: a counter table
   * maintained by triggers the store installs and re-verifies).
   */
  openLoads(
    entity: string,
    closedStages: readonly string[],
    userIds: readonly string[],
  ): Promise<Record<string, number>>;
};
