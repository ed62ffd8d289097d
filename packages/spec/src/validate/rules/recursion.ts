import type { AutomationSpec, TriggerSpec } from '../../schema/index';
import type { Ctx } from '../context';
import { ptr } from '../context';
import { CHANGE_OPERATORS } from '../logic';
import { triggerEntity } from './triggers';

/** A record event an action causes. */
type Produced = {
  kind: 'created' | 'updated' | 'stage';
  entity: string;
  fields: string[];
  stage?: string;
  action: number;
};

const OWNER_FIELDS = ['ownerId', 'teamId'];

function produced(ctx: Ctx, a: AutomationSpec): Produced[] {
  const entity = triggerEntity(ctx, a.on);
  const out: Produced[] = [];
  a.do.forEach((action, i) => {
    if (action.type === 'createRecord')
      out.push({ kind: 'created', entity: action.entity, fields: [], action: i });
    if (entity === null) return;
    if (action.type === 'setFields')
      out.push({ kind: 'updated', entity, fields: Object.keys(action.values), action: i });
    if (['assign', 'releaseToPool', 'claimFromPool', 'handover'].includes(action.type))
      out.push({ kind: 'updated', entity, fields: OWNER_FIELDS, action: i });
    if (action.type === 'moveStage') {
      out.push({ kind: 'updated', entity, fields: ['stage', 'stageEnteredAt'], action: i });
      out.push({ kind: 'stage', entity, fields: [], stage: action.stage, action: i });
    }
  });
  return out;
}

/** Fields whose change the condition demands at its top level ({"changed": f} alone or inside a top-level "and"). */
function guardFields(expr: unknown, depth = 0): string[] {
  // Depth-bounded: expressions may be cyclic or huge (they are checked against limits elsewhere).
  if (depth > 8 || expr === null || typeof expr !== 'object' || Array.isArray(expr)) return [];
  const [op, args] = Object.entries(expr)[0] ?? [];
  if (op === 'and' && Array.isArray(args)) return args.flatMap((a) => guardFields(a, depth + 1));
  if (op === undefined || !CHANGE_OPERATORS.includes(op)) return [];
  const field = Array.isArray(args) ? args[0] : args;
  return typeof field === 'string' ? [field] : [];
}

/** Why event `ev` starts trigger `on` (a short phrase), or null when it does not. */
function matchReason(on: TriggerSpec, ev: Produced, en: boolean): string | null {
  if (on.type === 'record.created' && ev.kind === 'created' && on.entity === ev.entity) {
    return en ? `it creates a ${ev.entity} record` : `它会新建 ${ev.entity} 记录`;
  }
  if (ev.kind === 'updated' && 'entity' in on && on.entity === ev.entity) {
    const hit =
      on.type === 'record.updated'
        ? on.fields
          ? ev.fields.filter((f) => on.fields?.includes(f))
          : ev.fields
        : on.type === 'field.changed'
          ? ev.fields.filter((f) => f === on.field)
          : [];
    if (hit.length > 0)
      return en
        ? `it changes ${hit.join(', ')}, which ${on.type} watches`
        : `它会修改 ${hit.join('、')}，而 ${on.type} 正在监听`;
  }
  if (ev.kind === 'stage' && 'entity' in on && on.entity === ev.entity) {
    if (
      (on.type === 'stage.entered' && (on.stage === undefined || on.stage === ev.stage)) ||
      (on.type === 'stage.exited' && on.stage === undefined)
    ) {
      return en
        ? `it moves the record to ${ev.stage}, which ${on.type} watches`
        : `它会把记录移到 ${ev.stage}，而 ${on.type} 正在监听`;
    }
  }
  return null;
}

type Edge = { from: number; to: number; action: number; reason: string };

/** Flags automations that re-trigger themselves, and cycles of automations triggering each other. */
export function checkRecursion(ctx: Ctx): void {
  const autos = (ctx.spec.automations ?? [])
    .map((a, index) => ({ a, index }))
    .filter(({ a }) => a.enabled !== false);
  const en = ctx.locale === 'en';
  const edges: Edge[] = [];
  for (const { a, index } of autos) {
    const events = produced(ctx, a);
    for (const { a: b, index: to } of autos) {
      const guards = guardFields(b.if);
      for (const ev of events) {
        // A condition demanding a change the action does not make is false on the re-run.
        if (
          guards.length > 0 &&
          !guards.some((g) => ev.fields.includes(g) || (g === 'stage' && ev.kind === 'stage'))
        )
          continue;
        const reason = matchReason(b.on, ev, en);
        if (reason) edges.push({ from: index, to, action: ev.action, reason });
      }
    }
  }
  const selfReported = new Set<string>();
  for (const e of edges.filter((e) => e.from === e.to)) {
    const path = ptr('/automations', e.from, 'do', e.action);
    if (selfReported.has(path)) continue;
    selfReported.add(path);
    ctx.report(path, 'automation.selfTrigger', { reason: e.reason });
  }
  reportCycles(
    ctx,
    edges.filter((e) => e.from !== e.to),
  );
}

/** Reports each group of automations that can trigger one another in a ring (strongly connected, 2+ members). */
function reportCycles(ctx: Ctx, edges: Edge[]): void {
  const next = new Map<number, number[]>();
  for (const e of edges) next.set(e.from, [...(next.get(e.from) ?? []), e.to]);
  const index = new Map<number, number>();
  const low = new Map<number, number>();
  const stack: number[] = [];
  const onStack = new Set<number>();
  let counter = 0;
  const keyOf = (i: number) => ctx.spec.automations?.[i]?.key ?? String(i);
  // Tarjan's algorithm: linear in the number of edges, unlike enumerating every cycle.
  const connect = (v: number): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v) as number, low.get(w) as number));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) as number, index.get(w) as number));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: number[] = [];
    let w: number | undefined;
    do {
      w = stack.pop() as number;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length < 2) return;
    group.sort((x, y) => x - y);
    const first = group[0] as number;
    ctx.report(ptr('/automations', first, 'on'), 'automation.cycle', {
      cycle: [...group, first].map(keyOf).join(' -> '),
    });
  };
  for (const v of next.keys()) if (!index.has(v)) connect(v);
}
