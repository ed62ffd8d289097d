import { useState } from 'react';
import { Button } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState } from '../../../components/feedback/EmptyState';
import { useLabel } from '../../../lib/i18n/useLabel';
import { ItemPicker } from '../common/ItemPicker';
import { MasterDetail } from '../common/MasterDetail';
import { useOpenItem } from '../common/useOpenItem';
import { useDraft } from '../draft/useDraft';
import { NewRoleModal } from './NewRoleModal';
import { RoleEditor } from './RoleEditor';

/** /builder/roles[/<key>]: the roles people are given, one open in its permissions matrix. */
export function RolesSection() {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const roles = useDraft((s) => s.spec.roles ?? []);
  const problems = useDraft((s) => s.problems);
  const [params] = useSearchParams();
  const at = params.get('at') ?? '';
  const atIndex = /^\/roles\/(\d+)/.exec(at)?.[1];
  const [key, open, item] = useOpenItem('roles', roles[Number(atIndex ?? 0)]?.key);
  const role = roles.find((p) => p.key === key);
  const [adding, setAdding] = useState(false);
  const add = adding ? (
    <NewRoleModal
      onClose={(created) => {
        setAdding(false);
        if (created) open(created);
      }}
    />
  ) : null;
  if (roles.length === 0)
    return (
      <>
        <EmptyState
          description={t('roles.empty')}
          action={
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('roles.add')}
            </Button>
          }
        />
        {add}
      </>
    );
  return (
    <>
      <MasterDetail
        title={t('roles.title')}
        item={item}
        list={
          <ItemPicker
            title={t('roles.title')}
            items={roles.map((p, i) => ({
              key: p.key,
              label: label(p.label, p.key),
              problems: problems.filter(
                (x) => x.path.startsWith(`/roles/${i}/`) || x.path === `/roles/${i}`,
              ).length,
            }))}
            selected={role?.key}
            onSelect={open}
            addText={t('common.add')}
            onAdd={() => setAdding(true)}
          />
        }
        detail={
          role ? (
            <RoleEditor key={role.key} roleKey={role.key} />
          ) : (
            <EmptyState description={t('roles.pick')} />
          )
        }
      />
      {add}
    </>
  );
}
