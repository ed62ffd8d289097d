import type { AppSpec, WorkbenchItemSpec } from '@trellis/spec';
import type { components } from '../api/schema.gen';
import type { SpecLabel } from '../i18n/label';

export type User = components['schemas']['sys.User'];

/** A permission scope as /api/v1/me reports it (docs/permissions.md). */
type Scope = 'none' | 'own' | 'own+pool' | 'team' | 'team+pool' | 'all';

type EntityRights = {
  create: boolean;
  read: Scope;
  update: Scope;
  delete: Scope;
  visibleFields: string[];
  writableFields: string[];
};

type Capability =
  | 'build'
  | 'export'
  | 'import'
  | 'reassign'
  | 'viewReports'
  | 'manageUsers'
  | 'manageAutomations'
  | 'manageIntake';

/** What GET /api/v1/me answers: who is signed in and what they may do. */
export type Me = {
  user: User | null;
  actor: { kind?: string; role?: string | null; teams?: string[] };
  role: { key: string | null; label?: SpecLabel; workbench?: WorkbenchItemSpec[] };
  capabilities: Capability[];
  entities: Record<string, EntityRights>;
};

/** The live spec as GET /api/v1/spec answers it. */
export type LiveSpec = { version: number | null; spec: AppSpec | null };
