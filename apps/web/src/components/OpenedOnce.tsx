import { useState, type ReactNode } from 'react';

/**
 * Renders a dialog from the first time it opens on, nothing before. A closed Ant Design modal
 * still ran its hooks (a form, the people query, its styles written into the document) on
 * every page that has its button, in the page's first frame; once opened it stays mounted, so
 * its closing motion still plays.
 */
export function OpenedOnce({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  // Set during render, not in an effect: the dialog is in the same commit as the click's.
  if (open && !opened) setOpened(true);
  return open || opened ? children : null;
}
