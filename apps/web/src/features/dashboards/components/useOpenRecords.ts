import { useNavigate } from 'react-router';
import type { Num } from '../api/dashboards';

/**
 * Opens the list of exactly the records behind a number: the entity's whole list (not a view
 * with a filter of its own) narrowed by the number's filter; `from` names where it came from.
 */
export function useOpenRecords(entity: string | null) {
  const navigate = useNavigate();
  return (n: Num | undefined, from: string) => {
    if (!entity || !n || n.filter === undefined) return;
    const q = new URLSearchParams({
      view: `@${entity}`,
      filter: JSON.stringify(n.filter),
      from,
    });
    void navigate(`/records/${entity}?${q.toString()}`);
  };
}
