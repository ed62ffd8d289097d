// The small builders the OpenAPI schemas of the fixed endpoints are written with.
export type Schema = Record<string, unknown>;

export const str = { type: 'string' };
export const strOrNull = { type: ['string', 'null'] };
export const int = { type: 'integer' };
export const intOrNull = { type: ['integer', 'null'] };
export const bool = { type: 'boolean' };
export const anyObj = { type: 'object' };
export const obj = (properties: Record<string, unknown>, required: string[] = []): Schema => ({
  type: 'object',
  properties,
  required,
});
// Component names carry a `sys.` prefix: entity schemas are named after entity keys (an entity
// `task` is `Task`), which never contain a dot, so the two never collide.
export const ref = (name: string) => ({ $ref: `#/components/schemas/sys.${name}` });
export const items = (schema: Schema, extra: Record<string, unknown> = {}) =>
  obj({ items: { type: 'array', items: schema }, ...extra }, ['items']);
/** A page of a list: every list pages with `?limit=&cursor=` and answers `nextCursor`. */
export const page = (schema: Schema, extra: Record<string, unknown> = {}) =>
  obj({ items: { type: 'array', items: schema }, nextCursor: strOrNull, ...extra }, [
    'items',
    'nextCursor',
  ]);
export const localeMap = { type: 'object', additionalProperties: { type: 'string' } };

export const named = {
  type: 'array',
  items: obj({ key: str, label: { type: ['object', 'null'] } }, ['key']),
};
