import { memo, useSyncExternalStore } from 'react';
import { localized } from '@trellis/rules';
import { useFormScope } from './form-context';
import { fieldBinding } from './field-binding';
import { fieldStateOf } from './field-state';

const noop = () => undefined;

/**
 * One placed field: one subscription to its value and error and to the fields its rules read
 * (its binding), its state from those, its widget from the set, inside the set's frame (label,
 * help, error, aria).
 */
export const FormField = memo(function FormField({ fieldKey }: { fieldKey: string }) {
  const scope = useFormScope();
  const { runtime, widgets, locale, store } = scope;
  const placement = runtime.layout.byKey.get(fieldKey)!;
  const binding = fieldBinding(scope, fieldKey);
  // Read below (value, error, dependencies): the snapshot only tells React when to render again.
  useSyncExternalStore(binding.subscribe, binding.snapshot);
  const { state, formula } = fieldStateOf(scope, fieldKey, binding.deps);
  if (!state.visible || scope.hidden.has(fieldKey)) return null;

  const spec = placement.field;
  const id = `${scope.idPrefix}-${fieldKey}`;
  const label = localized(placement.label ?? spec.label, locale, fieldKey);
  const help = placement.help ? localized(placement.help, locale, '') : undefined;
  const error = store.error(fieldKey);
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
      far={!scope.firstScreen.has(fieldKey)}
      locale={locale}
    >
      <Widget
        id={id}
        field={spec}
        value={spec.type === 'formula' ? formula : store.get(fieldKey)}
        onChange={binding.onChange}
        onBlur={noop}
        attachInput={binding.attach}
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
