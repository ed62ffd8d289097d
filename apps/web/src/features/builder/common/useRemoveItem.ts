import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { JsonTarget } from '../json/json-paths';
import { useEdit } from '../draft/useDraft';

type SpecList = Extract<JsonTarget, { kind: 'item' }>['list'];

/**
 * Removing one item of a spec list after a confirmation (its title, and what removing it means
 * when there is something to say), as one undo step; the builder then shows the list.
 */
export function useRemoveItem(list: SpecList) {
  const { t } = useTranslation('builder');
  const { modal } = App.useApp();
  const edit = useEdit();
  const navigate = useNavigate();
  return (key: string, texts: { title: string; content?: string; step: string }) =>
    modal.confirm({
      title: texts.title,
      ...(texts.content !== undefined ? { content: texts.content } : {}),
      okText: t('common.remove'),
      okButtonProps: { danger: true },
      onOk: () => {
        edit(texts.step, (s) => {
          const items = (s as unknown as Partial<Record<SpecList, { key: string }[]>>)[list];
          if (items)
            (s as unknown as Record<SpecList, { key: string }[]>)[list] = items.filter(
              (x) => x.key !== key,
            );
        });
        navigate(`/builder/${list}`);
      },
    });
}
