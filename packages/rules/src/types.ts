/** Supported UI and error locales. */
export type Locale = 'zh-CN' | 'en';

/** Where a change came from; people editing (`ui`, `api`) may not touch read-only fields. */
export type Via = 'ui' | 'api' | 'import' | 'intake' | 'automation' | 'system';

/** A record as the rules see it: system fields (camelCase) plus field values keyed by field key. */
export type RecordData = Record<string, unknown>;

/** The user a condition may read as `$user` (requiredIf, enterIf, visibleIf). */
export type RuleUser = { id: string; teams: string[]; roles: string[] };

/** One problem with one value: JSON pointer `path`, stable `code`, localized `message`. */
export type FieldError = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};
