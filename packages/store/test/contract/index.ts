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
import { recordsContract } from './records.case';
import { reportCohortsContract } from './report-cohorts.case';
import { reportFirstsContract } from './report-firsts.case';
import { reportsContract } from './reports.case';
import { specsContract } from './specs.case';
import { transactionsContract } from './transactions.case';
import { viewsContract } from './views.case';

export type { StoreFactory } from './factory';

/** Every contract suite of the store interface, for one adapter (docs/storage.md). */
export function storeContract(factory: StoreFactory): void {
  transactionsContract(factory);
  recordsContract(factory);
  reportsContract(factory);
  reportCohortsContract(factory);
  reportFirstsContract(factory);
  bulkUpkeepContract(factory);
  outboxContract(factory);
  automationStateContract(factory);
  journalContract(factory);
  ownershipContract(factory);
  peopleContract(factory);
  intakeContract(factory);
  importsContract(factory);
  exportLogContract(factory);
  specsContract(factory);
  viewsContract(factory);
  coordinationContract(factory);
}
