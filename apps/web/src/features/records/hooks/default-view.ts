import type { WorkbenchItemSpec } from '@trellis/spec';

/** Where the view a person last picked for an entity is kept, per person on this browser. */
const storageKey = (userId: string, entity: string) => `trellis.listView.${userId}.${entity}`;

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

/** Keeps the view a person picked, so their next visit to the entity's list opens on it. */
export function rememberListView(userId: string, entity: string, view: string): void {
  try {
    storage()?.setItem(storageKey(userId, entity), view);
  } catch {
    // A full or refused storage only loses the memory, never the pick.
  }
}

/**
 * The view an entity's list opens on when the URL names none: the one the person last picked
 * (while it still exists); else, when their role's home page shows a list of the entity without
 * a condition (a manager's "All leads"), that one; else the first list view (a rep's "My
 * leads"). The first list view alone opened a manager's list on "My leads": empty, as managers
 * own no leads. A home page's filtered views are not taken: a supervisor's first is the pool,
 * which is not where their records are.
 */
export function defaultListView(
  entity: string,
  lists: readonly { key: string; filter?: unknown }[],
  who: { userId: string | undefined; workbench: readonly WorkbenchItemSpec[] | undefined },
): string | undefined {
  const remembered = who.userId ? storage()?.getItem(storageKey(who.userId, entity)) : null;
  if (remembered && (remembered === `@${entity}` || lists.some((v) => v.key === remembered)))
    return remembered;
  for (const item of who.workbench ?? []) {
    const view = item.type === 'view' ? lists.find((v) => v.key === item.ref) : undefined;
    if (view && !view.filter) return view.key;
  }
  return lists[0]?.key;
}
