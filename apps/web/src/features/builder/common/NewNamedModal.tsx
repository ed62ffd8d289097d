import { useState, type ReactNode } from 'react';
import { Form, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { kebabKeyFrom } from './keys';
import { LocaleTextInput } from './LocaleTextInput';

type LocaleMap = Partial<Record<'zh-CN' | 'en', string>>;

/** What a "new …" dialog of the builder says, in the caller's words. */
type NewNamedTexts = { title: string; help: string; name: string };

/**
 * The builder's dialog for a new named part of the app (a view, a form, a role…): a help line,
 * its name in each language and the caller's own fields below. Create makes the key from the
 * English name, unique among `taken()` (read when Create is pressed), and hands key and name to
 * `create`, which adds the part to the draft; the dialog then closes with the new key.
 */
export function NewNamedModal({
  id,
  texts,
  taken,
  fallbackKey,
  keyFrom = kebabKeyFrom,
  ready = true,
  create,
  onClose,
  children,
}: {
  /** The name input's id (the label points at it). */
  id: string;
  texts: NewNamedTexts;
  taken: () => Iterable<string>;
  fallbackKey: string;
  keyFrom?: (text: string, taken: Iterable<string>, fallback: string) => string;
  /** Whether the caller's own fields are complete. */
  ready?: boolean;
  create: (key: string, name: LocaleMap) => void;
  onClose: (created?: string) => void;
  children?: ReactNode;
}) {
  const { t } = useTranslation('builder');
  const [name, setName] = useState<LocaleMap | undefined>();
  const ok = () => {
    if (!name || !ready) return;
    const key = keyFrom(name.en ?? '', taken(), fallbackKey);
    create(key, name);
    onClose(key);
  };
  return (
    <Modal
      open
      title={texts.title}
      okText={t('common.create')}
      okButtonProps={{ disabled: !name || !ready }}
      onOk={ok}
      onCancel={() => onClose()}
    >
      <Typography.Paragraph type="secondary">{texts.help}</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={texts.name} required htmlFor={id}>
          <LocaleTextInput id={id} label={texts.name} value={name} onChange={setName} />
        </Form.Item>
        {children}
      </Form>
    </Modal>
  );
}
