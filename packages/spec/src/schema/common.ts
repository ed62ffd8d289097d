import { FormatRegistry, Kind, Type, TypeRegistry } from '@sinclair/typebox';
import type { Static, TObject, TProperties, TSchema, ObjectOptions } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

// Custom kinds, registered so TypeBox's own Value.Check understands the schemas too (ajv reads the
// plain JSON Schema keywords and ignores the Kind symbol).
if (!FormatRegistry.Has('regex')) {
  FormatRegistry.Set('regex', (v) => {
    try {
      new RegExp(v);
      return true;
    } catch {
      return false;
    }
  });
}
if (!FormatRegistry.Has('date'))
  FormatRegistry.Set('date', (v) => /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(v));
if (!TypeRegistry.Has('TrellisStringEnum')) {
  TypeRegistry.Set<{ enum: string[] }>(
    'TrellisStringEnum',
    (schema, value) => typeof value === 'string' && schema.enum.includes(value),
  );
}
if (!TypeRegistry.Has('TrellisTagged')) {
  TypeRegistry.Set<{ oneOf: TSchema[]; discriminator: { propertyName: string } }>(
    'TrellisTagged',
    (schema, value) => {
      if (value === null || typeof value !== 'object') return false;
      const tag = (value as Record<string, unknown>)[schema.discriminator.propertyName];
      const branch = schema.oneOf.find(
        (b) => (b as TObject).properties?.[schema.discriminator.propertyName]?.const === tag,
      );
      return branch !== undefined && Value.Check(branch, value);
    },
  );
}

/** Locales every spec may use. The first one listed in `locales` is not special; `defaultLocale` is. */
export const SUPPORTED_LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof SUPPORTED_LOCALES)[number];

/** camelCase keys of entities, fields, stages, options' owners. */
export const CAMEL_KEY = '^[a-z][a-zA-Z0-9]*$';
/** kebab-case keys of forms, views, automations, roles, teams, activity types, ... */
export const KEBAB_KEY = '^[a-z][a-z0-9-]*$';

/** A closed object (unknown properties are refused, which catches typos in hand-written specs). */
export function closed<T extends TProperties>(
  properties: T,
  options: ObjectOptions = {},
): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...options });
}

/**
 * A union discriminated by a tag property. Emits `oneOf` + `discriminator`, so ajv validates only
 * the branch the tag names and reports errors for that branch alone (readable errors for builders).
 */
export function tagged<T extends TSchema[]>(branches: [...T], tag: string, description: string) {
  return Type.Unsafe<Static<T[number]>>({
    [Kind]: 'TrellisTagged',
    type: 'object',
    oneOf: branches,
    discriminator: { propertyName: tag },
    description,
  });
}

/** A string enum emitted as one `enum` keyword (one clear error instead of one per literal). */
export function stringEnum<const T extends readonly string[]>(values: T, description: string) {
  return Type.Unsafe<T[number]>({
    [Kind]: 'TrellisStringEnum',
    type: 'string',
    enum: [...values],
    description,
  });
}

const localeProperties = {
  'zh-CN': Type.Optional(Type.String({ minLength: 1, description: 'Simplified Chinese text.' })),
  en: Type.Optional(Type.String({ minLength: 1, description: 'English text.' })),
};
const localeMap = (description: string) =>
  closed(localeProperties, { minProperties: 1, description });

/** An object keyed by keys matching `keyPattern` (e.g. field keys); other keys are refused. */
export function keyedRecord<V extends TSchema>(keyPattern: string, value: V, description: string) {
  return Type.Record(Type.String({ pattern: keyPattern }), value, {
    additionalProperties: false,
    description,
  });
}

export const LocaleMap = localeMap(
  'Text in several languages, e.g. {"zh-CN": "线索", "en": "Lead"}. The default locale of the spec must be present.',
);
export type LocaleMap = Static<typeof LocaleMap>;

export const camelKey = (description: string) =>
  Type.String({ pattern: CAMEL_KEY, maxLength: 64, description });
export const kebabKey = (description: string) =>
  Type.String({ pattern: KEBAB_KEY, maxLength: 64, description });
export const label = (description = 'Name shown to people, per locale.') => localeMap(description);
export const optLabel = (description: string) => Type.Optional(label(description));

/** A JSONLogic expression (see docs/logic.md). Only fields of the owning entity and allowed operators may be used. */
export const Logic = (description: string) =>
  Type.Unknown({ description: `${description} A JSONLogic expression.` });
export type Logic = unknown;

/** Durations such as '30m', '48h', '7d', '2w' or ISO 8601 'PT48H', 'P3Y'. */
export const Duration = (description: string) =>
  Type.String({
    minLength: 2,
    maxLength: 32,
    description: `${description} A duration such as "30m", "48h", "7d", "2w" or ISO 8601 "PT48H".`,
  });

export const RECIPIENT_PATTERN =
  '^(owner|owner\\.supervisor|team\\.lead|creator|role:[a-z][a-z0-9-]*|team:[a-z][a-z0-9-]*|user:[A-Za-z0-9._@-]+|field:[a-z][a-zA-Z0-9]*)$';
export const Recipient = (description: string) =>
  Type.String({
    pattern: RECIPIENT_PATTERN,
    description: `${description} One of "owner", "owner.supervisor", "team.lead", "creator", "role:<roleKey>", "team:<teamKey>", "user:<login>", "field:<userFieldKey>" (the user in that field of the record).`,
  });
export type Recipient = string;

export const Color = (description = 'Display color as #rrggbb.') =>
  Type.Optional(Type.String({ pattern: '^#[0-9a-fA-F]{6}$', description }));

/** How intake (public form or webhook) treats input matching an existing record by identity. */
export const IntakeMode = (description: string) =>
  stringEnum(
    ['merge', 'create', 'reject'],
    `${description} "merge" updates the matching record and logs the touch (default), "create" always creates a new record, "reject" refuses duplicates.`,
  );
