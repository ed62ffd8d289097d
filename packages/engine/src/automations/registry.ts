/**
 * The one place triggers and actions are registered (STYLE.md registries). Adding a trigger or
 * an action = one file in triggers/ or actions/ + one line here (+ its schema in @trellis/spec).
 */
import { assign } from './actions/assign';
import { callWebhook } from './actions/call-webhook';
import { claimFromPool } from './actions/claim-from-pool';
import { completeTasks } from './actions/complete-tasks';
import { createRecord } from './actions/create-record';
import { createTask } from './actions/create-task';
import { digest } from './actions/digest';
import { handover } from './actions/handover';
import { moveStage } from './actions/move-stage';
import { notify } from './actions/notify';
import { releaseToPool } from './actions/release-to-pool';
import { setFields } from './actions/set-fields';
import { activityLogged } from './triggers/activity-logged';
import { fieldChanged } from './triggers/field-changed';
import { formSubmitted } from './triggers/form-submitted';
import { manual } from './triggers/manual';
import { recordCreated } from './triggers/record-created';
import { recordUpdated } from './triggers/record-updated';
import { schedule } from './triggers/schedule';
import { slaBreached } from './triggers/sla-breached';
import { stageEntered } from './triggers/stage-entered';
import { stageExited } from './triggers/stage-exited';
import { webhookReceived } from './triggers/webhook-received';
import type { ActionModule, TriggerModule } from './types';

const triggerList = [
  recordCreated,
  recordUpdated,
  fieldChanged,
  stageEntered,
  stageExited,
  activityLogged,
  formSubmitted,
  webhookReceived,
  slaBreached,
  schedule,
  manual,
];
const actionList = [
  setFields,
  assign,
  createTask,
  completeTasks,
  notify,
  digest,
  moveStage,
  createRecord,
  callWebhook,
  releaseToPool,
  claimFromPool,
  handover,
];

/** Trigger modules by type. */
export const triggers: Readonly<Record<string, TriggerModule>> = Object.fromEntries(
  triggerList.map((t) => [t.type, t]),
);
/** Action modules by type. */
export const actions: Readonly<Record<string, ActionModule>> = Object.fromEntries(
  actionList.map((a) => [a.type, a]),
);
