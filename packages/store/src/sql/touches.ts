import type { Touch, TouchRepo } from '../api/touches';
import { fromNum, type Row, type SqlExec } from './exec';
import { insertRows } from './multi-row';

const COLS =
  'id, entity, record_id, kind, source_key, utm_source, utm_medium, utm_campaign, utm_content, utm_term, referrer, landing_url, at';

function toTouch(r: Row): Touch {
  const s = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id),
    entity: String(r.entity),
    recordId: String(r.record_id),
    kind: String(r.kind),
    sourceKey: s(r.source_key),
    utmSource: s(r.utm_source),
    utmMedium: s(r.utm_medium),
    utmCampaign: s(r.utm_campaign),
    utmContent: s(r.utm_content),
    utmTerm: s(r.utm_term),
    referrer: s(r.referrer),
    landingUrl: s(r.landing_url),
    at: fromNum(r.at),
  };
}

/** One touch's VALUES, in INSERT_TOUCH's column order. */
export const touchParams = (t: Touch): unknown[] => [
  t.id,
  t.entity,
  t.recordId,
  t.kind,
  t.sourceKey,
  t.utmSource,
  t.utmMedium,
  t.utmCampaign,
  t.utmContent,
  t.utmTerm,
  t.referrer,
  t.landingUrl,
  t.at,
];

/** One touch's INSERT (a constant: a text made per call is hashed again for the statement cache). */
export const INSERT_TOUCH = `INSERT INTO touches (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** touches over portable SQL. */
export function touchRepo(x: SqlExec): TouchRepo {
  return {
    async append(t) {
      await x.run(INSERT_TOUCH, touchParams(t));
    },
    async appendMany(touches) {
      if (touches.length > 0)
        await insertRows(x, `INSERT INTO touches (${COLS})`, touches.map(touchParams));
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        `SELECT ${COLS} FROM touches WHERE entity = ? AND record_id = ? ORDER BY at, id`,
        [entity, recordId],
      );
      return rows.map(toTouch);
    },
  };
}
