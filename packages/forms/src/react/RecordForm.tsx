import { useMemo } from 'react';
import type { FieldError, RuleUser } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import { runtimeFor, type FormRef } from '../core/spec-cache';
import { desktopWidgets } from '../widgets/desktop/index';
import { RecordFormView, type RecordFormViewProps } from './RecordFormView';
import type { WidgetSet } from './widget-types';

export type RecordFormProps = Omit<RecordFormViewProps, 'runtime' | 'widgets'> & {
  spec: AppSpec;
  /** A form of the spec, or an entity (every field, in one section). */
  form?: string;
  entity?: string;
  /** Stage move: only the fields `stage` requires (and the form's other fields are left out). */
  stage?: string;
  /** Fields the caller may not change (role permissions), shown read-only. */
  readOnlyFields?: readonly string[];
  user?: RuleUser;
  /** Default: the desktop (Ant Design) set. */
  widgets?: WidgetSet;
  /** Pins the clock of conditions and formulas (tests, previews). */
  now?: () => number;
};

/**
 * A record form of the spec, mountable on its own (no server): for create, edit and stage
 * moves. `form` or `entity` picks what to render; the validator of the entity is compiled
 * once per spec object and cached, never at mount.
 */
export function RecordForm(props: RecordFormProps) {
  const { spec, form, entity, stage, readOnlyFields, user, now } = props;
  const runtime = useMemo(() => {
    const ref: FormRef = form ? { form } : { entity: entity ?? '' };
    return runtimeFor(spec, ref, {
      ...(readOnlyFields ? { readOnly: readOnlyFields } : {}),
      ...(user ? { user } : {}),
      ...(now ? { now } : {}),
      ...(stage ? { stage } : {}),
    });
  }, [spec, form, entity, stage, readOnlyFields, user, now]);
  if ('error' in runtime) throw new Error(runtime.error);
  const errors: FieldError[] = [...(props.errors ?? [])];
  return (
    <RecordFormView
      {...props}
      errors={errors}
      runtime={runtime}
      widgets={props.widgets ?? desktopWidgets}
    />
  );
}
