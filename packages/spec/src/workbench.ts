import type { AppSpec, RoleSpec, WorkbenchItemSpec } from './schema/index';

/** How many entities a default home lists records of (more would bury the tasks). */
const MAX_RECORD_PANELS = 4;

/**
 * The home page of a role that has not chosen one: what anyone needs first — their tasks, their
 * own records of each entity the role may see, their notifications. A role made in the builder
 * starts here, so its people never land on an empty page.
 */
export function defaultWorkbench(spec: AppSpec, role: RoleSpec): WorkbenchItemSpec[] {
  const seen = spec.entities.filter((e) => {
    const read = role.entities[e.key]?.read;
    return read !== undefined && read !== 'none';
  });
  return [
    { type: 'tasks' },
    ...seen
      .slice(0, MAX_RECORD_PANELS)
      .map((e): WorkbenchItemSpec => ({ type: 'records', entity: e.key })),
    { type: 'notifications' },
  ];
}

/** The panels a role's home page shows: its own choice, else the default. */
export function workbenchOf(spec: AppSpec, role: RoleSpec): WorkbenchItemSpec[] {
  return role.workbench ?? defaultWorkbench(spec, role);
}
