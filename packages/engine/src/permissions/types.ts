/**
 * Types of the role model (DESIGN.md §5 "Permissions"). They are structural on purpose: any
 * AppSpec from @trellis/spec satisfies `PermissionSpec`, so the model stays pure and testable.
 */

/** Which records of an entity a role reaches for one action. `pool` = records with no owner. */
export type Scope = 'none' | 'own' | 'own+pool' | 'team' | 'team+pool' | 'all';
export const SCOPES = ['none', 'own', 'own+pool', 'team', 'team+pool', 'all'] as const;

export type EntityAction = 'create' | 'read' | 'update' | 'delete';

/** Per-role restriction of one field; fields not named are visible and writable. */
export type FieldAccess = 'hidden' | 'readonly' | 'editable';

export type Capability =
  | 'build'
  | 'export'
  | 'import'
  | 'reassign'
  | 'viewReports'
  | 'manageUsers'
  | 'manageAutomations'
  | 'manageIntake'
  | 'monitor';

/** The part of a role spec the permission model reads. `create` may be a boolean or a scope. */
type RoleGrant = {
  create?: boolean | Scope;
  read?: Scope;
  update?: Scope;
  delete?: Scope;
};

export type PermissionRole = {
  key: string;
  entities?: Record<string, RoleGrant | undefined>;
  fields?: Record<string, Record<string, FieldAccess | undefined> | undefined>;
  capabilities?: readonly string[];
};

export type PermissionField = {
  key: string;
  type: string;
  readOnly?: boolean;
  /** A formula's expression: a formula over a hidden field is hidden too. */
  expression?: unknown;
};
export type PermissionEntity = { key: string; owned?: boolean; fields: readonly PermissionField[] };
export type PermissionSpec = {
  entities: readonly PermissionEntity[];
  roles?: readonly PermissionRole[];
};

/** Who acts. Same shape as the engine's Actor (docs/engine.md, "Ports"). */
export type PermissionActor = {
  kind: 'user' | 'system' | 'token' | 'automation' | 'public';
  userId?: string;
  role?: string;
  teams?: string[];
  locale?: 'zh-CN' | 'en';
  /**
   * Records (ids per entity) the actor handed over and may still read during the handover
   * cooldown: read-only, on every surface. The engine fills it from the ownership ledger.
   */
  cooldown?: Readonly<Record<string, readonly string[]>>;
};

/** The system columns of a record that decide its scope. */
export type ScopedRecord = {
  id?: unknown;
  ownerId?: string | null;
  teamId?: string | null;
  createdBy?: string | null;
};

/**
 * A list condition for a scope. `logic` is JSONLogic over the record's system fields
 * (ownerId, teamId, createdBy); `sql` uses the per-entity table's snake_case columns with `?` params.
 */
export type ScopeCondition = { kind: 'all' } | { kind: 'none' } | { kind: 'where'; logic: unknown };

/** The role key that always holds every right, so an installation can never lock itself out. */
export const ADMIN_ROLE = 'admin';
