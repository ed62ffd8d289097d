import type { AppShape, EntityShape } from '../spec-shape';
import type { ColumnInfo } from './entity-table';

/**
 * At most this many attribution indexes an entity: each is written with every create, and an
 * update of a column it holds rewrites the record's entry in it.
 */
const MAX_INDEXES = 3;

/**
 * The columns a campaign attribution read names besides its group keys: the period (creation
 * time), won (stage), a supervisor's or the dashboard's team, and the recycle bin. A rep's read
 * starts from the owner index instead (wide-range.ts keeps an owner equality's plan).
 */
const AFTER_KEYS = ['created_at', 'stage', 'team_id'];

/**
 * The column lists of SQLite's attribution indexes for an entity (entity-table.ts): one per
 * attribution widget's `field` and `split` that are columns of the record (not the first touch's
 * virtual fields, which have their own month groups, nor a related record's), led by them, then
 * what the read names — creation time, stage, team, the summed money field, deleted_at. A
 * manager's quarter at 1,000,000 leads read the table and sorted its 250,000 rows by campaign
 * and variant (484–705 ms p95, session 24's quiet slot); the index holds them in that order, and
 * SQLite skip-scans the quarter of each campaign and variant (docs/reports.md "Campaign
 * attribution reads its own index"). Widgets with the same keys share an index (their summed
 * fields all in it). Empty for a widget whose key is a list (JSON) or not a column.
 */
export function attributionColumns(
  entity: EntityShape,
  app: AppShape | undefined,
  columns: Record<string, ColumnInfo>,
): { keys: string[]; columns: string[] }[] {
  // The entity a widget without one reports on, as the engine picks it (reports.ts entityOf).
  const fallback = app?.pipelines?.[0]?.entity ?? app?.entities[0]?.key;
  const byKeys = new Map<string, { keys: string[]; sums: string[] }>();
  for (const d of app?.dashboards ?? [])
    for (const w of d.widgets) {
      if (w.type !== 'attribution' || w.via || (w.entity ?? fallback) !== entity.key) continue;
      // The engine's default key (widgets/attribution.ts).
      const keys = [w.field ?? 'source', ...(w.split ? [w.split] : [])].map((k) => columns[k]);
      if (keys.some((c) => !c || c.codec === 'json')) continue;
      const names = keys.map((c) => c!.name);
      const sum = w.measure?.op === 'sum' ? columns[w.measure.field ?? ''] : undefined;
      const entry = byKeys.get(names.join('\0')) ?? { keys: names, sums: [] };
      if (sum && !sum.system && !entry.sums.includes(sum.name)) entry.sums.push(sum.name);
      byKeys.set(names.join('\0'), entry);
    }
  return [...byKeys.values()].slice(0, MAX_INDEXES).map(({ keys, sums }) => {
    const rest = [...AFTER_KEYS, ...sums, 'deleted_at'].filter((c) => !keys.includes(c));
    return { keys, columns: [...keys, ...rest] };
  });
}
