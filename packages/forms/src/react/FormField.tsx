import { memo } from 'react';
import { useController, type Control } from 'react-hook-form';
import { localized, type RecordData } from '@trellis/rules';
import { useFormScope } from './form-context';
import { useFieldState } from './useFieldState';

/**
 * One placed field: its own subscription to its value and error, its state from the fields its
 * rules read, its widget from the set, inside the set's frame (label, help, error, aria).
 */
export const FormField = memo(function FormField({
  fieldKey,
  control,
}: {
  fieldKey: string;
  control: Control<RecordData>;
}) {
  const scope = useFormScope();
  const { runtime, widgets, locale } = scope;
  const placement = runtime.layout.byKey.get(fieldKey)!;
  const { field, fieldState } = useController({
    name: fieldKey,
    control,
    rules: { deps: runtime.dependents.get(fieldKey) as string[] | undefined },
  });
  const { state, formula } = useFieldState(scope, control, fieldKey);
  if (!state.visible || scope.hidden.has(fieldKey)) return null;

  const spec = placement.field;
  const id = `${scope.idPrefix}-${fieldKey}`;
  const label = localized(placement.label ?? spec.label, locale, fieldKey);
  const help = placement.help ? localized(placement.help, locale, '') : undefined;
  const error = fieldState.error?.message;
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
      locale={locale}
    >
      <Widget
        id={id}
        field={spec}
        value={spec.type === 'formula' ? formula : field.value}
        onChange={field.onChange}
        onBlur={field.onBlur}
        attachInput={field.ref}
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
