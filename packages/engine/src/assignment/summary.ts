import type { AssignmentTrace, CandidateTrace } from './types';

type Summary = AssignmentTrace['summary'];

const EN_WORD: Partial<Record<CandidateTrace['verdict'], string>> = {
  otherRole: 'role not assigned',
  atCap: 'at cap',
  zeroWeight: 'weight 0',
};

function skipped(c: CandidateTrace[]): { zh: string; en: string } {
  const s = c.filter((x) => x.verdict !== 'eligible');
  if (s.length === 0) return { zh: '', en: '' };
  const zhWord = {
    otherRole: '角色不参与分配',
    inactive: '已停用',
    away: '休假中',
    atCap: '已达上限',
    zeroWeight: '权重为 0',
    eligible: '',
  } as const;
  const zh = '；跳过 ' + s.map((x) => `${x.login}（${zhWord[x.verdict]}）`).join('、');
  const en =
    '; skipped ' + s.map((x) => `${x.login} (${EN_WORD[x.verdict] ?? x.verdict})`).join(', ');
  return { zh, en };
}

/** Localized one-line "why this owner" text for a finished trace. */
export function summarise(trace: Omit<AssignmentTrace, 'summary'>): Summary {
  const chosen = trace.candidates.find((c) => c.userId === trace.chosen);
  const who = chosen?.login ?? trace.chosen ?? '';
  const team = trace.team ? trace.team : '';
  const sk = skipped(trace.candidates);
  const rule =
    trace.rule === 'fallback'
      ? { zh: '没有规则命中，使用兜底；', en: 'no rule matched, used the fallback; ' }
      : typeof trace.rule === 'number'
        ? { zh: `命中第 ${trace.rule + 1} 条规则；`, en: `rule ${trace.rule + 1} matched; ` }
        : { zh: '', en: '' };
  if (trace.chosen === null) {
    return {
      'zh-CN': `${rule.zh}未分配：${team ? `团队“${team}”中` : ''}没有可分配的成员${sk.zh}`,
      en: `${rule.en}not assigned: no eligible member${team ? ` in team "${team}"` : ''}${sk.en}`,
    };
  }
  switch (trace.strategy) {
    case 'roundRobin':
      return {
        'zh-CN': `${rule.zh}按团队“${team}”轮流分配给 ${who}${sk.zh}`,
        en: `${rule.en}round robin over team "${team}" gave it to ${who}${sk.en}`,
      };
    case 'leastLoaded':
      return {
        'zh-CN': `${rule.zh}分配给团队“${team}”中未结记录最少的 ${who}（${chosen?.load ?? 0} 条）${sk.zh}`,
        en: `${rule.en}gave it to ${who}, who has the fewest open records in team "${team}" (${chosen?.load ?? 0})${sk.en}`,
      };
    default:
      return {
        'zh-CN': `${rule.zh}直接分配给 ${who}${sk.zh}`,
        en: `${rule.en}assigned directly to ${who}${sk.en}`,
      };
  }
}
