import type { Page, PageRequest } from '../sql/keyset-page';
export type UserStatus = 'active' | 'away' | 'disabled';

/** A user as stored (`users`), with the password hash: never send it to a client. */
export type UserRow = {
  id: string;
  login: string;
  name: string;
  passwordHash: string | null;
  role: string;
  supervisorId: string | null;
  status: UserStatus;
  locale: string;
  email: string | null;
  phone: string | null;
  createdAt: number;
  updatedAt: number;
};

export type NewUser = {
  id: string;
  login: string;
  name?: string;
  passwordHash: string | null;
  role: string;
  teams?: readonly string[];
  supervisorId?: string | null;
  status?: UserStatus;
  locale?: string;
  email?: string | null;
  phone?: string | null;
};

export type UserPatch = {
  name?: string;
  role?: string;
  locale?: string;
  supervisorId?: string | null;
  passwordHash?: string;
  email?: string | null;
  phone?: string | null;
};

/** Users and their team memberships. */
export type UserRepo = {
  count(): Promise<number>;
  byId(id: string): Promise<UserRow | null>;
  byLogin(login: string): Promise<UserRow | null>;
  /** By id, else by login (imports and automations name people by login). */
  byRef(ref: string): Promise<UserRow | null>;
  /** Every user, by login. */
  /** One page of users by login; null for a cursor of another list. */
  page(page: PageRequest): Promise<Page<UserRow> | null>;
  list(): Promise<UserRow[]>;
  /**
   * Inside a transaction: waits until no other transaction holds the directory's managers, and
   * holds them until this one ends. Every change that can take the power to manage users away
   * (a person's role or status, a publish of the roles) takes it before it reads who holds that
   * power, so two such changes never both count the other's holder. PostgreSQL: a transaction
   * advisory lock (at READ COMMITTED two transactions would both pass a count; row locks would
   * not cover a publish, which changes no user row). SQLite: nothing, its one writer already
   * runs transactions one at a time.
   */
  holdManagers(): Promise<void>;
  /** Users with one of `roles`, by login (`status` narrows). */
  withRoles(roles: readonly string[], status?: UserStatus): Promise<UserRow[]>;
  /** Inserts a user and its memberships together. */
  insert(u: NewUser, now: number): Promise<void>;
  update(id: string, patch: UserPatch, now: number): Promise<boolean>;
  setStatus(id: string, status: UserStatus, now: number): Promise<boolean>;
  /** Team keys of a user, sorted. */
  teamsOf(id: string): Promise<string[]>;
  /** Replaces a user's memberships (team leads keep no flag for teams left). */
  setTeams(id: string, teams: readonly string[]): Promise<void>;
  /** Marks (or unmarks) the user as a lead of a team they belong to. */
  setTeamLead(id: string, team: string, lead: boolean): Promise<void>;
  /** Members of a team, by login (round robin rotates predictably). */
  teamMembers(team: string): Promise<UserRow[]>;
  /** The team's lead: the team's `leadUserId`, else a member flagged as lead. */
  teamLead(team: string): Promise<UserRow | null>;
};
