import jsonLogic from 'json-logic-js';
import { measure, ratio } from '@trellis/tooling/bench';
import type { Sample } from '@trellis/tooling/bench';
import { createLogic } from '../src/index';

/**
 * Evaluations per second of @trellis/logic next to plain json-logic-js in the same process.
 * Only standard operators are used so both engines run the very same rules.
 */
const logic = createLogic();
const record = {
  stage: 'new',
  budget: 12_000,
  source: 'douyin',
  phone: '+8613800138000',
  age: 15,
  city: '330106',
  tags: ['python', 'trial'],
  course: 'python-basic',
};

const fiveClause = {
  and: [
    { '==': [{ var: 'stage' }, 'new'] },
    { '>=': [{ var: 'budget' }, 5000] },
    { in: [{ var: 'source' }, ['douyin', 'wechat', 'website']] },
    { '!': { missing: ['phone'] } },
    { '<': [{ var: 'age' }, 18] },
  ],
};

const sources = ['douyin', 'wechat', 'website', 'referral'];
const rules = Array.from({ length: 200 }, (_, i) => ({
  and: [
    { '==': [{ var: 'stage' }, i % 3 === 0 ? 'new' : 'qualified'] },
    { '>=': [{ var: 'budget' }, (i % 20) * 1000] },
    {
      or: [
        { in: [{ var: 'source' }, [sources[i % 4], sources[(i + 1) % 4]]] },
        { in: ['trial', { var: 'tags' }] },
      ],
    },
    {
      if: [
        { '<': [{ var: 'age' }, 12 + (i % 8)] },
        { '!': { missing: ['phone'] } },
        { '==': [{ var: 'city' }, '330106'] },
      ],
    },
    { '!=': [{ var: 'course' }, `course-${i}`] },
  ],
}));

const runs = Number(process.env.BENCH_RUNS ?? 20_000);
const pair = (name: string, ours: () => unknown, theirs: () => unknown, n = runs, perRun = 1) => {
  const trellis = measure(`${name}: @trellis/logic`, ours, n);
  const plain = measure(`${name}: json-logic-js`, theirs, n);
  const evals = (s: Sample) => s.ops * perRun;
  return {
    trellis,
    jsonLogicJs: plain,
    evaluationsPerSecond: { trellis: evals(trellis), jsonLogicJs: evals(plain) },
    ratio: ratio(trellis, plain),
  };
};

// Sanity: both engines agree on every rule before anything is timed.
for (const r of [fiveClause, ...rules]) {
  if (Boolean(logic.evaluate(r, record)) !== Boolean(jsonLogic.apply(r as never, record)))
    throw new Error(`engines disagree on ${JSON.stringify(r)}`);
}

const fiveClauseText = JSON.stringify(fiveClause);
const result = {
  node: process.version,
  // 100 evaluations per timed call: a single one is too short for the timer.
  fiveClause: pair(
    '5-clause condition (x100)',
    () => {
      for (let i = 0; i < 100; i++) logic.evaluate(fiveClause, record);
    },
    () => {
      for (let i = 0; i < 100; i++) jsonLogic.apply(fiveClause as never, record);
    },
    Math.floor(runs / 10),
    100,
  ),
  rules200: pair(
    '200 rules on one record',
    () => rules.map((r) => logic.evaluate(r, record)),
    () => rules.map((r) => jsonLogic.apply(r as never, record)),
    Math.max(200, Math.floor(runs / 100)),
    200,
  ),
  // Worst case for the closure compiler: a new expression object every call (nothing cached).
  fiveClauseUncached: pair(
    '5-clause, parsed each call',
    () => logic.evaluate(JSON.parse(fiveClauseText), record),
    () => jsonLogic.apply(JSON.parse(fiveClauseText), record),
    Math.floor(runs / 4),
  ),
};
console.log(JSON.stringify(result, null, 2));
