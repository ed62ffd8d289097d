import { AppSpecSchema, APP_SPEC_SCHEMA_ID } from './app';

/** The app spec metaschema as plain JSON (TypeBox symbols dropped); this is what app-spec.schema.json holds. */
export const appSpecJsonSchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  ...(JSON.parse(JSON.stringify(AppSpecSchema)) as Record<string, unknown>),
};

/**
 * The same schema with no top-level property required: for templates split into several files
 * (e.g. spec/entities.json holding only `{"entities": [...]}`), so each file gets completion and checks.
 */
export const appSpecPartJsonSchema: Record<string, unknown> = {
  ...appSpecJsonSchema,
  $id: APP_SPEC_SCHEMA_ID.replace('app-spec.schema.json', 'app-spec-part.schema.json'),
  title: 'Part of a Trellis app spec',
  description:
    'One file of a template whose app spec is split into several files; together they must form a valid app spec.',
  required: [],
};
