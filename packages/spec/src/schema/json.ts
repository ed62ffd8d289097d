import { AppSpecSchema } from './app';

/** The app spec metaschema as plain JSON (TypeBox symbols dropped); this is what app-spec.schema.json holds. */
export const appSpecJsonSchema: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  ...(JSON.parse(JSON.stringify(AppSpecSchema)) as Record<string, unknown>),
};
