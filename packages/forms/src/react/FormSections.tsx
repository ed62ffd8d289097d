import { memo } from 'react';
import { useWatch, type Control } from 'react-hook-form';
import { localized, type RecordData } from '@trellis/rules';
import { analyse } from '@trellis/logic';
import { useFormScope } from './form-context';
import { FormField } from './FormField';

/** One section; a section with a condition subscribes to the fields the condition reads. */
const Section = memo(function Section({
  index,
  control,
}: {
  index: number;
  control: Control<RecordData>;
}) {
  const scope = useFormScope();
  const { layout } = scope.runtime;
  const section = layout.sections[index]!;
  const names = section.visibleIf === undefined ? [] : analyse(section.visibleIf).fields;
  const watched = useWatch({ control, name: names, disabled: names.length === 0 }) as
    unknown[] | undefined;
  if (names.length > 0) {
    const values: RecordData = { ...scope.current };
    names.forEach((n, i) => (values[n] = watched?.[i]));
    if (!scope.runtime.sectionVisible(index, values)) return null;
  }
  if (section.fields.every((k) => scope.hidden.has(k))) return null;
  const { Section: Frame } = scope.widgets;
  return (
    <Frame
      title={section.title ? localized(section.title, scope.locale, '') : undefined}
      description={
        section.description ? localized(section.description, scope.locale, '') : undefined
      }
      columns={section.columns}
    >
      {section.fields.map((key) => (
        <FormField key={key} fieldKey={key} control={control} />
      ))}
    </Frame>
  );
});

/** Every section of the form, in order. */
export function FormSections({ control }: { control: Control<RecordData> }) {
  const scope = useFormScope();
  return (
    <>
      {scope.runtime.layout.sections.map((_, i) => (
        <Section key={i} index={i} control={control} />
      ))}
    </>
  );
}
