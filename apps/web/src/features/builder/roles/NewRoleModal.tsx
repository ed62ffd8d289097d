import { useTranslation } from 'react-i18next';
import type { RoleSpec } from '@trellis/spec';
import { useLabel } from '../../../lib/i18n/useLabel';
import { NewNamedModal } from '../common/NewNamedModal';
import { useDraftSpec, useEdit } from '../draft/useDraft';

/** A new role: its name; it starts seeing nothing, and the matrix gives it what it needs. */
export function NewRoleModal({ onClose }: { onClose: (created?: string) => void }) {
  const { t } = useTranslation('builder');
  const label = useLabel();
  const edit = useEdit();
  const spec = useDraftSpec();
  return (
    <NewNamedModal
      id="new-role-label"
      texts={{ title: t('roles.addTitle'), help: t('roles.addHelp'), name: t('roles.label') }}
      taken={() => (spec.roles ?? []).map((r) => r.key)}
      fallbackKey="role"
      create={(key, name) => {
        const role: RoleSpec = { key, label: name, entities: {} };
        edit(t('roles.addStep', { name: label(name, key) }), (s) => {
          (s.roles ??= []).push(role);
        });
      }}
      onClose={onClose}
    />
  );
}
