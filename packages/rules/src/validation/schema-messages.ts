import type { FieldSpec } from '@trellis/spec';
import { ruleMessage, type RuleMessageKey } from '../i18n/messages';
import type { Locale } from '../types';
import type { ValidatorError } from '../model/entity-model';

type Params = Record<string, unknown>;
/** How one failed JSON Schema keyword reads: a rule message and its params, or null (fallback). */
type Describe = (
  params: Params,
  field: FieldSpec | undefined,
  locale: Locale,
) => [RuleMessageKey, Params] | null;

const limit = (p: Params) => ({ limit: p.limit });

// Money is stored in minor units (fen); people read limits in yuan.
function moneyLimit(field: FieldSpec | undefined, value: unknown, locale: Locale): unknown {
  if (field?.type !== 'money' || typeof value !== 'number') return value;
  const currency = field.currency ?? 'CNY';
  try {
    const format = new Intl.NumberFormat(locale, {
      style: 'currency',
      currency,
      currencyDisplay: 'narrowSymbol',
    });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(value / 10 ** digits);
  } catch {
    return value / 100;
  }
}

const typeMessages: Record<string, RuleMessageKey> = {
  integer: 'notInteger',
  number: 'notNumber',
  string: 'notText',
  boolean: 'notBoolean',
  array: 'notList',
};

const formatMessages: Record<string, RuleMessageKey> = {
  date: 'invalidDate',
  'date-time': 'invalidDateTime',
  email: 'invalidEmail',
  uri: 'invalidUrl',
};

/**
 * The JSON Schema keywords the field types' value schemas use, each with the sentence a person
 * reads (ajv's own text, even through ajv-i18n, says "must match format "date"").
 */
const keywords: Record<string, Describe> = {
  maxLength: (p) => ['tooLong', limit(p)],
  minLength: (p) => ['tooShort', limit(p)],
  maximum: (p, f, l) => ['tooLarge', { limit: moneyLimit(f, p.limit, l) }],
  minimum: (p, f, l) => ['tooSmall', { limit: moneyLimit(f, p.limit, l) }],
  exclusiveMaximum: (p, f, l) => ['notBelow', { limit: moneyLimit(f, p.limit, l) }],
  exclusiveMinimum: (p, f, l) => ['notAbove', { limit: moneyLimit(f, p.limit, l) }],
  maxItems: (p) => ['tooManyItems', limit(p)],
  minItems: (p) => ['tooFewItems', limit(p)],
  uniqueItems: () => ['duplicateItems', {}],
  enum: () => ['notOption', {}],
  type: (p, f) => {
    if (f?.type === 'money' && p.type === 'integer') return ['moneyFraction', {}];
    const key = typeMessages[String(p.type)];
    return key ? [key, {}] : null;
  },
  format: (p) => {
    const key = formatMessages[String(p.format)];
    return key ? [key, {}] : null;
  },
  pattern: (_p, f) => {
    if (f?.type === 'url') return ['invalidUrl', {}];
    if (f?.type === 'region') return ['invalidRegion', {}];
    return ['invalidFormat', {}];
  },
};

/**
 * The message of one validator error about `field`, in `locale`, naming the field by `label`:
 * a sentence per keyword, and for anything else a plain "has an invalid value" (never the
 * validator's own wording).
 */
export function schemaErrorMessage(
  e: Pick<ValidatorError, 'keyword' | 'params'>,
  field: FieldSpec | undefined,
  label: string,
  locale: Locale,
): string {
  const described = keywords[e.keyword]?.((e.params ?? {}) as Params, field, locale) ?? [
    'badValue',
    {},
  ];
  return ruleMessage(locale, described[0], { label, ...described[1] });
}
