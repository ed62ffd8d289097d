import { useNavigate } from 'react-router';
import { recordsHref } from '../../../lib/reports/records-href';
import type { Num } from '../api/dashboards';

/** Opens the list of exactly the records behind a number (`recordsHref`). */
export function useOpenRecords(entity: string | null) {
  const navigate = useNavigate();
  return (n: Num | undefined, from: string) => {
    if (!entity || !n || n.filter === undefined) return;
    void navigate(recordsHref(entity, n.filter, from));
  };
}
