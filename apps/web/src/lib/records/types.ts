import type { SpecLabel } from '../i18n/label';

/** A record as the API answers it: its fields plus the system fields. */
export type RecordData = Record<string, unknown> & {
  id: string;
  version: number;
  stage?: string | null;
  ownerId?: string | null;
  teamId?: string | null;
  createdAt?: number;
  updatedAt?: number;
};

/** One page of a list. */
export type RecordPage = { items: RecordData[]; nextCursor: string | null; total?: number };

/** A list or board: one of the spec's views or one the user saved. */
export type View = {
  key: string;
  kind: 'spec' | 'saved';
  entity: string;
  label: SpecLabel;
  description?: SpecLabel;
  type: 'list' | 'board';
  columns?: string[];
  filter?: unknown;
  sort?: { field: string; dir?: 'asc' | 'desc' }[];
  groupBy?: string;
  pageSize?: number;
};

/** Records counted (and summed) per value of a field. */
export type Group = { value: unknown; count: number; sums: Record<string, number | null> };

/** A list's query beyond its view: the user's extra filter, sort and search. */
export type ListParams = {
  filter?: unknown;
  sort?: string;
  q?: string;
};

/** One record's outcome of a bulk action. */
export type BulkResult = {
  id: string;
  ok: boolean;
  version?: number;
  status?: number;
  code?: string;
  message?: string;
  errors?: { path: string; code: string; message: string }[];
};
