import { useEffect, useId, useRef, useState } from 'react';
import Editor, { type OnMount } from '@monaco-editor/react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AppSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useDraftStore } from '../draft/useDraft';
import { modelUri, monaco, setModelContext } from './monaco-setup';
import { rangeOfPointer, type JsonTarget } from './json-paths';

export type JsonEditorProps = {
  value: unknown;
  /** Called (after a pause in typing) with the parsed JSON whenever the text is valid JSON. */
  onChange: (value: unknown) => void;
  target: JsonTarget;
  /** Problems to mark: paths are JSON pointers relative to `value`. */
  problems?: { path: string; message: string }[];
  /** Put the cursor on this JSON pointer (e.g. where a problem is). */
  reveal?: string | undefined;
  height?: number | string;
};

const text = (v: unknown) => JSON.stringify(v, null, 2);

/**
 * Monaco on a piece of the spec, validated and completed against the metaschema, with field
 * names offered inside JSONLogic `var`. Text that is not valid JSON is never applied.
 */
export default function JsonEditor({
  value,
  onChange,
  target,
  problems = [],
  reveal,
  height = 480,
}: JsonEditorProps) {
  const { t } = useTranslation('builder');
  const id = useId().replace(/[^a-z0-9]/gi, '');
  const uri = modelUri(target, id);
  const store = useDraftStore();
  const label = useLabel();
  const locale = useLocale();
  const editorRef = useRef<Parameters<OnMount>[0] | null>(null);
  const applied = useRef<unknown>(value);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const [invalid, setInvalid] = useState(false);

  useEffect(() => {
    setModelContext(uri, {
      spec: () => store.getSnapshot().spec as AppSpec,
      target,
      fieldLabel: (entity, key) => {
        const f = store
          .getSnapshot()
          .spec.entities.find((e) => e.key === entity)
          ?.fields.find((x) => x.key === key);
        return f ? label(f.label, key) : key;
      },
    });
    return () => setModelContext(uri, null);
  }, [uri, store, target, label]);

  // A value from outside (undo, the visual editor) replaces the text.
  useEffect(() => {
    const editor = editorRef.current;
    if (!editor || value === applied.current) return;
    applied.current = value;
    editor.setValue(text(value));
    setInvalid(false);
  }, [value]);

  // The server's problems as markers where they are.
  useEffect(() => {
    const model = editorRef.current?.getModel();
    if (!model) return;
    const body = model.getValue();
    monaco.editor.setModelMarkers(
      model,
      'trellis',
      problems.flatMap((p) => {
        const range = rangeOfPointer(body, p.path);
        if (!range) return [];
        const a = model.getPositionAt(range[0]);
        const b = model.getPositionAt(range[1]);
        return [
          {
            severity: monaco.MarkerSeverity.Error,
            message: p.message,
            startLineNumber: a.lineNumber,
            startColumn: a.column,
            endLineNumber: b.lineNumber,
            endColumn: b.column,
          },
        ];
      }),
    );
  }, [problems]);

  const goTo = (pointer: string | undefined) => {
    const editor = editorRef.current;
    const model = editor?.getModel();
    if (!editor || !model || !pointer) return;
    const range = rangeOfPointer(model.getValue(), pointer);
    if (!range) return;
    const start = model.getPositionAt(range[0]);
    editor.revealPositionInCenter(start);
    editor.setPosition(start);
    editor.focus();
  };
  useEffect(() => goTo(reveal), [reveal]);

  return (
    <div>
      {invalid ? (
        <Alert type="warning" showIcon title={t('json.invalid')} style={{ marginBottom: 8 }} />
      ) : null}
      <div style={{ border: '1px solid rgba(5,5,5,0.15)', borderRadius: 6, overflow: 'hidden' }}>
        <Editor
          height={height}
          defaultLanguage="json"
          path={uri}
          defaultValue={text(value)}
          loading={t('json.loading')}
          options={{
            minimap: { enabled: false },
            tabSize: 2,
            scrollBeyondLastLine: false,
            automaticLayout: true,
            fixedOverflowWidgets: true,
            wordWrap: 'on',
            ariaLabel: t('json.aria'),
          }}
          onMount={(editor) => {
            editorRef.current = editor;
            editor.updateOptions({ ariaLabel: t('json.aria') });
            goTo(reveal);
          }}
          onChange={(next) => {
            clearTimeout(timer.current);
            timer.current = setTimeout(() => {
              try {
                const parsed: unknown = JSON.parse(next ?? '');
                setInvalid(false);
                applied.current = parsed;
                onChange(parsed);
              } catch {
                setInvalid(true);
              }
            }, 500);
          }}
        />
      </div>
      <span hidden>{locale}</span>
    </div>
  );
}
