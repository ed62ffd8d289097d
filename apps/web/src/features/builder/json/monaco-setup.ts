import { loader } from '@monaco-editor/react';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/language/json/json.worker?worker';
import { appSpecJsonSchema, type AppSpec } from '@trellis/spec';
import { getLocation } from 'jsonc-parser';
import { jsonDefaults, monaco } from './monaco-editor';
import {
  entityAt,
  inVar,
  schemaRef,
  SPEC_LISTS,
  SPEC_SCHEMA_ID,
  type JsonTarget,
} from './json-paths';

// Workers come from this origin as Vite-built files (no CDN, no blob: the server's CSP allows
// scripts from 'self' only).
self.MonacoEnvironment = {
  getWorker: (_id: string, label: string) =>
    label === 'json' ? new JsonWorker() : new EditorWorker(),
};
loader.config({ monaco });

/** Model URIs: trellis://spec/<target>/<n>.json; the schema follows from the folder. */
export function modelUri(target: JsonTarget, id: string): string {
  return target.kind === 'spec'
    ? `trellis://spec/whole/${id}.json`
    : `trellis://spec/${target.list}/${id}.json`;
}

// One schema per kind of model, all resolved against the metaschema (registered by its $id).
jsonDefaults.setDiagnosticsOptions({
  validate: true,
  allowComments: false,
  enableSchemaRequest: false,
  schemas: [
    {
      uri: SPEC_SCHEMA_ID,
      fileMatch: ['trellis://spec/whole/*'],
      schema: JSON.parse(JSON.stringify(appSpecJsonSchema)) as object,
    },
    ...SPEC_LISTS.map((list) => ({
      uri: `trellis://schemas/${list}.json`,
      fileMatch: [`trellis://spec/${list}/*`],
      schema: { $ref: schemaRef({ kind: 'item', list }) },
    })),
  ],
});

/** What the completion of a model needs: the current draft and what the model edits. */
type ModelContext = {
  spec: () => AppSpec;
  target: JsonTarget;
  fieldLabel: (entity: string, key: string) => string;
};
const contexts = new Map<string, ModelContext>();

/** Tells the field-name completion what a model edits (call with null when it goes away). */
export function setModelContext(uri: string, context: ModelContext | null): void {
  if (context) contexts.set(uri, context);
  else contexts.delete(uri);
}

const SYSTEM = [
  'stage',
  'ownerId',
  'teamId',
  'createdBy',
  'createdAt',
  'updatedAt',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
];

// Inside a JSONLogic `var`, offer the fields of the entity the expression belongs to.
monaco.languages.registerCompletionItemProvider('json', {
  triggerCharacters: ['"'],
  provideCompletionItems(model, position) {
    const context = contexts.get(model.uri.toString());
    if (!context) return { suggestions: [] };
    const text = model.getValue();
    const location = getLocation(text, model.getOffsetAt(position));
    if (location.isAtPropertyKey || !inVar(location.path)) return { suggestions: [] };
    const spec = context.spec();
    const entityKey = entityAt(spec, context.target, location.path);
    const entity = spec.entities.find((e) => e.key === entityKey);
    if (!entity) return { suggestions: [] };
    const word = model.getWordUntilPosition(position);
    const range = new monaco.Range(
      position.lineNumber,
      word.startColumn,
      position.lineNumber,
      word.endColumn,
    );
    const item = (key: string, detail: string, sort: string) => ({
      label: key,
      kind: monaco.languages.CompletionItemKind.Field,
      insertText: key,
      detail,
      range,
      sortText: sort + key,
    });
    return {
      suggestions: [
        ...entity.fields.map((f) => item(f.key, context.fieldLabel(entity.key, f.key), '0')),
        ...SYSTEM.map((k) => item(k, '', '1')),
        ...['$user.id', '$user.teams', '$user.roles'].map((k) => item(k, '', '2')),
      ],
    };
  },
});

export { monaco };
