import { useTranslation } from 'react-i18next';
import { useEdit } from '../draft/useDraft';
import type { JsonTarget } from './json-paths';
import { LazyJsonEditor } from './LazyJsonEditor';

type SpecList = Extract<JsonTarget, { kind: 'item' }>['list'];
type Keyed = { key: string };

/**
 * The JSON tab of one item of a spec list (an entity, a form, a role…): valid JSON typed there
 * replaces the item whole, one undo step per burst of typing.
 */
export function ItemJsonEditor({
  list,
  item,
  entity,
  name,
}: {
  list: SpecList;
  item: Keyed;
  /** The entity whose fields the item's JSON names (for completion of `var`s). */
  entity?: string | undefined;
  /** The item's name in the undo history. */
  name: string;
}) {
  const { t } = useTranslation('builder');
  const edit = useEdit();
  return (
    <LazyJsonEditor
      value={item}
      target={{ kind: 'item', list, entity }}
      onChange={(next) =>
        edit(
          t('common.jsonStep', { name }),
          (s) => {
            const items = (s as unknown as Partial<Record<SpecList, Keyed[]>>)[list] ?? [];
            const i = items.findIndex((x) => x.key === item.key);
            if (i >= 0) items[i] = next as Keyed;
          },
          { coalesce: `json:${list}:${item.key}` },
        )
      }
    />
  );
}
