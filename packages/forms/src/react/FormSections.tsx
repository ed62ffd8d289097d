import { memo, useContext, useMemo } from 'react';
import { localized, type RecordData } from '@trellis/rules';
import { analyse } from '@trellis/logic';
import { RestShownContext, useFormScope } from './form-context';
import { FormField } from './FormField';
import { useWatched } from './useFormStore';

/**
 * One section; a section with a condition subscribes to the fields the condition reads. Until
 * the rest of a long form is shown, it renders only its fields on the first screen.
 */
const Section = memo(function Section({ index }: { index: number }) {
  const scope = useFormScope();
  const restShown = useContext(RestShownContext);
  const { layout } = scope.runtime;
  const section = layout.sections[index]!;
  const names = useMemo(
    () => (section.visibleIf === undefined ? [] : analyse(section.visibleIf).fields),
    [section],
  );
  const watched = useWatched(scope.store, names);
  if (names.length > 0) {
    const values: RecordData = { ...scope.current, ...watched };
    if (!scope.runtime.sectionVisible(index, values)) return null;
  }
  if (section.fields.every((k) => scope.hidden.has(k))) return null;
  const keys = restShown ? section.fields : section.fields.filter((k) => scope.firstScreen.has(k));
  if (keys.length === 0) return null;
  const { Section: Frame } = scope.widgets;
  return (
    <Frame
      title={section.title ? localized(section.title, scope.locale, '') : undefined}
      description={
        section.description ? localized(section.description, scope.locale, '') : undefined
      }
      columns={section.columns}
    >
      {keys.map((key) => (
        <FormField key={key} fieldKey={key} />
      ))}
    </Frame>
  );
});

/** Every section of the form, in order. */
export function FormSections() {
  const scope = useFormScope();
  return (
    <>
      {scope.runtime.layout.sections.map((_, i) => (
        <Section key={i} index={i} />
      ))}
    </>
  );
}
