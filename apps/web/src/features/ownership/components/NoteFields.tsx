import { Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { NOTE_PARTS, PROTOCOL, type NoteRule } from './note-policy';

/**
 * The note's inputs as the entity's rule asks: the protocol's numbered lines per part (its
 * errors under the part), or one free text; nothing for `none`.
 */
export function NoteFields({
  rule,
  errorAt,
}: {
  rule: NoteRule;
  errorAt: (path: string) => string | undefined;
}) {
  const { t } = useTranslation('ownership');
  if (rule === 'none') return null;
  const text = (
    <Form.Item
      name="text"
      label={t(rule === 'protocol' ? 'note.more' : 'note.text')}
      validateStatus={errorAt('/note') ? 'error' : undefined}
      help={errorAt('/note')}
    >
      <Input.TextArea rows={3} maxLength={1000} />
    </Form.Item>
  );
  if (rule !== 'protocol') return text;
  return (
    <>
      <Typography.Paragraph type="secondary">{t('note.protocol')}</Typography.Paragraph>
      {NOTE_PARTS.map((part) => {
        const error = errorAt(`/note/${part}`);
        return (
          <Form.Item
            key={part}
            label={t(`note.${part}`, { n: PROTOCOL[part] })}
            required
            validateStatus={error ? 'error' : undefined}
            help={error}
            style={{ marginBottom: 16 }}
          >
            {Array.from({ length: PROTOCOL[part] }, (_, i) => (
              <Form.Item key={i} name={[part, i]} noStyle>
                <Input
                  aria-label={t(`note.${part}Item`, { i: i + 1 })}
                  placeholder={t(`note.${part}Item`, { i: i + 1 })}
                  maxLength={1000}
                  status={error ? 'error' : undefined}
                  style={{ marginBottom: i < PROTOCOL[part] - 1 ? 6 : 0 }}
                />
              </Form.Item>
            ))}
          </Form.Item>
        );
      })}
      {text}
    </>
  );
}
