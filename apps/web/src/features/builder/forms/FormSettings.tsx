import { Form } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { LocaleTextInput } from '../common/LocaleTextInput';
import { ProblemText } from '../common/ProblemText';
import { itemIn, setOptional } from '../draft/find';
import { useEdit, useProblems } from '../draft/useDraft';

type Props = { form: FormSpec; pointer: string };

const TEXTS = ['label', 'description', 'submitLabel', 'successMessage'] as const;

/** The form's texts: name, the text at its top, the submit button, the thank-you message. */
export function FormSettings({ form, pointer }: Props) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const problems = useProblems(pointer);
  const name = label(form.label, form.key);
  return (
    <Form layout="vertical" style={{ maxWidth: 720 }}>
      {TEXTS.map((prop) => (
        <Form.Item
          key={prop}
          label={t(`forms.${prop}`)}
          required={prop === 'label'}
          extra={prop === 'label' ? undefined : t(`forms.${prop}Help`)}
        >
          <LocaleTextInput
            multiline={prop === 'description' || prop === 'successMessage'}
            label={t(`forms.${prop}`)}
            value={form[prop]}
            onChange={(v) =>
              edit(
                t('forms.changeStep', { name, what: t(`forms.${prop}`) }),
                (s) => setOptional(itemIn(s.forms, form.key), prop, v as never),
                { coalesce: `form:${form.key}:${prop}` },
              )
            }
          />
          <ProblemText problems={problems.filter((p) => p.path.startsWith(`${pointer}/${prop}`))} />
        </Form.Item>
      ))}
    </Form>
  );
}
