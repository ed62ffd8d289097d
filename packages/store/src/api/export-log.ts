import type { Page, PageRequest } from '../sql/keyset-page';

/** One export of records (`export_log`): who took which rows out, when, in which format. */
export type ExportLogEntry = {
  id: string;
  userId: string | null;
  entity: string;
  /** The saved view or view key the export came from, when the caller named one. */
  view: string | null;
  /** The list filter (JsonLogic text as sent) and search text of the export. */
  filter: string | null;
  q: string | null;
  format: string;
  rows: number;
  at: number;
};

/** The export audit trail: appended by the export route, read by admins, newest first. */
export type ExportLogRepo = {
  append(e: ExportLogEntry): Promise<void>;
  page(page: PageRequest): Promise<Page<ExportLogEntry> | null>;
};
