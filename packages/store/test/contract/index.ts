import { describe } from 'vitest';
import { automationStateContract } from './automation-state.case';
import { bulkUpkeepContract } from './bulk-upkeep.case';
import { coordinationContract } from './coordination.case';
import { exportLogContract } from './export-log.case';
import type { StoreFactory } from './factory';
import { importsContract } from './imports.case';
import { intakeContract } from './intake.case';
import { journalContract } from './journal.case';
import { outboxContract } from './outbox.case';
import { ownershipContract } from './ownership.case';
import { peopleContract } from './people.case';
import { recordCreateContract } from './record-create.case';
import { recordsContract } from './records.case';
import { reportCohortsContract } from './report-cohorts.case';
import { reportEmptyAndContract } from './report-empty-and.case';
import { reportFieldAttributionContract } from './report-field-attribution.case';
import { reportFirstsContract } from './report-firsts.case';
import { reportGroupShardsContract } from './report-group-shards.case';
import { reportInTimeContract } from './report-in-time.case';
import { reportOwnerEntriesContract } from './report-owner-entries.case';
import { reportPendingContract } from './report-pending.case';
import { reportTouchGroupsContract } from './report-touch-groups.case';
import { reportTouchPendingContract } from './report-touch-pending.case';
import { reportsContract } from './reports.case';
import { specsContract } from './specs.case';
import { stepListContract } from './step-list.case';
import { transactionsContract } from './transactions.case';
import { viewsContract } from './views.case';

export type { StoreFactory } from './factory';

const CONTRACTS = [
  transactionsContract,
  recordsContract,
  recordCreateContract,
  reportsContract,
  stepListContract,
  reportCohortsContract,
  reportFirstsContract,
  reportInTimeContract,
  reportOwnerEntriesContract,
  reportGroupShardsContract,
  reportTouchGroupsContract,
  reportFieldAttributionContract,
  reportEmptyAndContract,
  reportPendingContract,
  reportTouchPendingContract,
  bulkUpkeepContract,
  outboxContract,
  automationStateContract,
  journalContract,
  ownershipContract,
  peopleContract,
  intakeContract,
  importsContract,
  exportLogContract,
  specsContract,
  viewsContract,
  coordinationContract,
];

/**
 * Every contract suite of the store interface, for one adapter (docs/storage.md), each in a
 * describe of its own named after the dialect. A contract's `useStore` (and the reports
 * contract's 80 generated leads) are hooks of the suite they are called in: called side by side
 * in one, every test opened fifteen stores and generated the leads (PostgreSQL: 5.1 s a test,
 * 550 s for the file). `runIf` false leaves them all out (no PostgreSQL test server).
 */
export function storeContract(factory: StoreFactory, runIf = true): void {
  for (const contract of CONTRACTS)
    describe.runIf(runIf)(factory.dialect, () => {
      contract(factory);
    });
}
