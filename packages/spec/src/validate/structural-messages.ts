import type { ErrorObject } from 'ajv';
import type { Locale } from '../schema/index';
import { CAMEL_KEY, KEBAB_KEY, RECIPIENT_PATTERN } from '../schema/index';

type P = Record<string, unknown>;
type Sentence = (p: P, zh: boolean) => string;

const TYPE_NAMES: Record<string, [string, string]> = {
  string: ['文本', 'text'],
  integer: ['整数', 'a whole number'],
  number: ['数字', 'a number'],
  boolean: ['true 或 false', 'true or false'],
  object: ['对象 {…}', 'an object {…}'],
  array: ['列表 […]', 'a list […]'],
  null: ['null', 'null'],
};
const typeName = (t: unknown, zh: boolean) =>
  String(t)
    .split(',')
    .map((x) => TYPE_NAMES[x]?.[zh ? 0 : 1] ?? x)
    .join(zh ? ' 或 ' : ' or ');
const list = (v: unknown) =>
  Array.isArray(v) ? v.map((x) => JSON.stringify(x)).join(', ') : String(v);

const PATTERNS: Record<string, [string, string]> = {
  [CAMEL_KEY]: [
    '键必须以小写字母开头，只含字母和数字（驼峰式，如 leadSource）。',
    'Keys start with a lowercase letter and contain only letters and digits (camelCase, e.g. leadSource).',
  ],
  [KEBAB_KEY]: [
    '键必须以小写字母开头，只含小写字母、数字和连字符（如 lead-intake）。',
    'Keys start with a lowercase letter and contain only lowercase letters, digits and hyphens (e.g. lead-intake).',
  ],
  [RECIPIENT_PATTERN]: [
    '收件人必须是 owner、owner.supervisor、team.lead、creator、role:<角色键>、team:<团队键>、user:<登录名> 或 field:<用户字段键>。',
    'A recipient is owner, owner.supervisor, team.lead, creator, role:<roleKey>, team:<teamKey>, user:<login> or field:<userFieldKey>.',
  ],
};

/** Builder-readable sentences per ajv keyword; other keywords use ajv-i18n's message. */
const sentences: Record<string, Sentence> = {
  required: (p, zh) =>
    zh ? `缺少必填项 “${p.missingProperty}”。` : `"${p.missingProperty}" is required here.`,
  unknownProperty: (p, zh) =>
    zh
      ? `不认识的属性 “${p.additionalProperty}”，请检查拼写（可用：${p.allowed}）。`
      : `Unknown property "${p.additionalProperty}"; check the spelling (allowed: ${p.allowed}).`,
  badKey: (p, zh) =>
    zh
      ? `“${p.additionalProperty}” 不是有效的键（${p.pattern}）。`
      : `"${p.additionalProperty}" is not a valid key (${p.pattern}).`,
  type: (p, zh) =>
    zh ? `这里应该是${typeName(p.type, zh)}。` : `This must be ${typeName(p.type, zh)}.`,
  enum: (p, zh) =>
    zh
      ? `${JSON.stringify(p.value)} 不是允许的值；可选：${list(p.allowedValues)}。`
      : `${JSON.stringify(p.value)} is not allowed; choose one of ${list(p.allowedValues)}.`,
  const: (p, zh) =>
    zh
      ? `这里只能是 ${JSON.stringify(p.allowedValue)}。`
      : `This must be ${JSON.stringify(p.allowedValue)}.`,
  pattern: (p, zh) => {
    const known = PATTERNS[String(p.pattern)];
    if (known) return `${JSON.stringify(p.value)}: ${known[zh ? 0 : 1]}`;
    return zh
      ? `${JSON.stringify(p.value)} 的格式不正确（应匹配 ${p.pattern}）。`
      : `${JSON.stringify(p.value)} has the wrong format (must match ${p.pattern}).`;
  },
  unknownType: (p, zh) =>
    zh
      ? `未知的类型 “${p.tagValue}”；可选：${p.allowed}。`
      : `Unknown type "${p.tagValue}"; choose one of ${p.allowed}.`,
  minItems: (p, zh) =>
    zh ? `至少需要 ${p.limit} 项。` : `At least ${p.limit} item(s) are needed.`,
  maxItems: (p, zh) => (zh ? `最多 ${p.limit} 项。` : `At most ${p.limit} items are allowed.`),
  minLength: (p, zh) =>
    p.limit === 1
      ? zh
        ? '不能为空。'
        : 'This cannot be empty.'
      : zh
        ? `至少 ${p.limit} 个字符。`
        : `At least ${p.limit} characters are needed.`,
  maxLength: (p, zh) =>
    zh ? `最多 ${p.limit} 个字符。` : `At most ${p.limit} characters are allowed.`,
  minimum: (p, zh) => (zh ? `不能小于 ${p.limit}。` : `This cannot be less than ${p.limit}.`),
  maximum: (p, zh) => (zh ? `不能大于 ${p.limit}。` : `This cannot be more than ${p.limit}.`),
  exclusiveMinimum: (p, zh) =>
    zh ? `必须大于 ${p.limit}。` : `This must be more than ${p.limit}.`,
  uniqueItems: (p, zh) =>
    zh
      ? `列表中第 ${Number(p.j) + 1} 项与第 ${Number(p.i) + 1} 项重复。`
      : `Items ${Number(p.j) + 1} and ${Number(p.i) + 1} of the list are the same.`,
  minProperties: (_p, zh) =>
    zh ? '至少需要填写一种语言的文本。' : 'At least one entry is needed.',
  format: (p, zh) =>
    zh
      ? `${JSON.stringify(p.value)} 不是有效的 ${p.format}。`
      : `${JSON.stringify(p.value)} is not a valid ${p.format}.`,
  anyOf: (p, zh) =>
    zh ? `这里的值不符合要求：${p.description}` : `This value does not fit: ${p.description}`,
};

/** The sentence for a (possibly renamed) keyword, or the localized ajv message as a fallback. */
export function structuralMessage(
  keyword: string,
  params: P,
  fallback: ErrorObject,
  locale: Locale,
): string {
  const sentence = sentences[keyword];
  if (sentence) return sentence(params, locale !== 'en');
  return fallback.message ?? keyword;
}
