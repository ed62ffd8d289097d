/** Answers of the template gallery: a template's card and the plan of applying it. */
import { str, strOrNull, obj, ref } from './schema-kit';

export const TEMPLATE_CARD_PROPS = {
  name: str,
  version: str,
  label: { type: ['object', 'null'] },
  description: { type: ['object', 'null'] },
  previews: { type: 'array', items: str, description: 'URLs of the screenshots' },
  installed: { ...strOrNull, description: 'The installed version; null: not installed' },
  offer: {
    enum: ['install', 'upgrade', 'reinstall', 'older'],
    description: 'What applying it does; older: a newer version is installed',
  },
};
export const TEMPLATE_CARD = obj(TEMPLATE_CARD_PROPS, [
  'name',
  'version',
  'previews',
  'installed',
  'offer',
]);
export const TEMPLATE_PLAN = obj(
  {
    name: str,
    version: str,
    installed: strOrNull,
    kind: { enum: ['install', 'upgrade', 'reinstall'] },
    changes: {
      type: 'array',
      items: obj({ path: str, op: { enum: ['added', 'removed', 'changed'] } }),
    },
    conflicts: {
      type: 'array',
      items: obj(
        { path: str, base: {}, ours: {}, theirs: {}, chosen: { enum: ['ours', 'theirs'] } },
        ['path', 'chosen'],
      ),
    },
    unresolved: { type: 'array', items: str },
    diff: { type: 'array' },
    migration: { type: ['object', 'null'] },
    errors: { type: 'array', items: ref('ValidationIssue') },
  },
  ['name', 'version', 'installed', 'kind', 'changes', 'conflicts', 'unresolved', 'errors'],
);
