import type { BulkSwitch } from '../sql/reports/bulk-upkeep';
import type { SqlExec } from '../sql/exec';

const OFF = "SELECT set_config('trellis.bulk', 'off', true)";

/**
 * The report triggers of this transaction off while `fn` writes (their WHEN reads the
 * transaction-local setting `trellis.bulk`; other transactions keep theirs).
 */
export function pgBulkSwitch(x: SqlExec): BulkSwitch {
  return async (fn) => {
    await x.get("SELECT set_config('trellis.bulk', 'on', true)");
    let value;
    try {
      value = await fn();
    } catch (error) {
      // A failed statement aborted the transaction (its rollback restores the setting); an
      // error of ours did not, and the writes after it must have their triggers again.
      await Promise.resolve(x.get(OFF)).catch(() => undefined);
      throw error;
    }
    await x.get(OFF);
    return value;
  };
}

/** The WHEN of the insert triggers: not inside a bulk write of this transaction. */
export const PG_NOT_BULK = "current_setting('trellis.bulk', true) IS DISTINCT FROM 'on'";
