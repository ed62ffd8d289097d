import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';

/** Whether an item was chosen (not the fallback), and how to go back to the list. */
export type OpenItemState = { chosen: boolean; close: () => void };

/**
 * The item of a builder section open in its editor (`/builder/<section>/<key>`, else `fallback`)
 * and how to open another. The router renders a navigation in a transition — on a busy machine
 * seconds after the click, and the builder's own routes cannot ask it for a synchronous one — so
 * the editor of the item open before (the first automation, right after "Create") stayed on
 * screen, usable, and what was done there went to the wrong item. The item being opened is held
 * here until the address names it.
 *
 * `chosen`: the address (or a problem's `?at=/<section>/…`) names an item, or one is being
 * opened — a phone then shows that item's editor instead of the list.
 */
export function useOpenItem(
  section: string,
  fallback: string | undefined,
): [string | undefined, (key: string) => void, OpenItemState] {
  const navigate = useNavigate();
  const inAddress = useParams()['*'] || undefined;
  const [params] = useSearchParams();
  const [opening, setOpening] = useState<{ key: string; from: string | undefined } | null>(null);
  // The address has moved on (to this item, or elsewhere by the back button): it decides again.
  if (opening && opening.from !== inAddress) setOpening(null);
  const held = opening?.from === inAddress ? opening?.key : undefined;
  const key = held ?? inAddress ?? fallback;
  const open = (next: string) => {
    setOpening({ key: next, from: inAddress });
    void navigate(`/builder/${section}/${next}`);
  };
  const chosen =
    held !== undefined ||
    inAddress !== undefined ||
    (params.get('at') ?? '').startsWith(`/${section}/`);
  const close = () => {
    setOpening(null);
    void navigate(`/builder/${section}`);
  };
  return [key, open, { chosen, close }];
}
