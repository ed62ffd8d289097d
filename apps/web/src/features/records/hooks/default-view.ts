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
 * (while it still exists); else the first of the entity's list views their role's workbench
 * shows (a manager's "All leads", a rep's "My leads", an advisor's trial classes); else the
 * first list view. The first list view alone opened a manager's list on "My leads": empty, as
 * managers own no leads.
 */
export function defaultListView(
  entity: string,
  lists: readonly { key: string }[],
  who: { userId: string | undefined; workbench: readonly WorkbenchItemSpec[] | undefined },
): string | undefined {
  const remembered = who.userId ? storage()?.getItem(storageKey(who.userId, entity)) : null;
  if (remembered && (remembered === `@${entity}` || lists.some((v) => v.key === remembered)))
    return remembered;
  for (const item of who.workbench ?? [])
    if (item.type === 'view' && lists.some((v) => v.key === item.ref)) return item.ref;
  return lists[0]?.key;
}
