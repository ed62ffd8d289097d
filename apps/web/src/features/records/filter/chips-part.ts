import { lazyPart } from '../../../lib/load/lazy-part';

// The chips show only once a filter is set; their code (and the region list for a place's name)
// is not on the list's path to its first rows.
export const FilterChips = lazyPart(() => import('./FilterChips').then((m) => m.FilterChips));
