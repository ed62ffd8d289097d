import { memo, useCallback } from 'react';
import { localized } from '@trellis/rules';
import type { Focusable } from './widget-types';
import { useFormScope } from './form-context';
import { useFieldState } from './useFieldState';
import { useFieldEntry } from './useFormStore';
import { isPastFirstScreen } from '../core/first-screen';

const noop = () => undefined;

/**
 * One placed field: its own subscription to its value and error, its state from the fields its
 * rules read, its widget from the set, inside the set's frame (label, help, error, aria).
 */
export const FormField = memo(function FormField({ fieldKey }: { fieldKey: string }) {
  const scope = useFormScope();
  const { runtime, widgets, locale, store, changed } = scope;
  const placement = runtime.layout.byKey.get(fieldKey)!;
  const entry = useFieldEntry(store, fieldKey);
  const onChange = useCallback(
    (value: unknown) => {
      store.set(fieldKey, value);
      changed(fieldKey);
    },
    [store, changed, fieldKey],
  );
  const attachInput = useCallback(
    (el: Focusable | null) => store.attach(fieldKey, el),
    [store, fieldKey],
  );
  const { state, formula } = useFieldState(scope, fieldKey);
  if (!state.visible || scope.hidden.has(fieldKey)) return null;

  const spec = placement.field;
  const id = `${scope.idPrefix}-${fieldKey}`;
  const label = localized(placement.label ?? spec.label, locale, fieldKey);
  const help = placement.help ? localized(placement.help, locale, '') : undefined;
  const error = entry.error;
  const describedBy =
    [help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const Widget = widgets.widgets[spec.type] ?? widgets.Unsupported;
  const readOnly = scope.readOnly || state.readOnly;
  return (
    <widgets.Frame
      id={id}
      label={label}
      required={state.required && !readOnly}
      readOnly={readOnly}
      help={help}
      helpId={`${id}-help`}
      error={error}
      errorId={`${id}-error`}
      span={placement.span}
      group={widgets.isGroup?.(spec) ?? false}
      far={isPastFirstScreen(runtime.layout, fieldKey)}
      locale={locale}
    >
      <Widget
        id={id}
        field={spec}
        value={spec.type === 'formula' ? formula : entry.value}
        onChange={onChange}
        onBlur={noop}
        attachInput={attachInput}
        readOnly={readOnly}
        required={state.required}
        invalid={error !== undefined}
        describedBy={describedBy}
        placeholder={
          placement.placeholder ? localized(placement.placeholder, locale, '') : undefined
        }
        label={label}
        locale={locale}
        env={runtime.model.env}
        services={scope.services}
      />
    </widgets.Frame>
  );
});
