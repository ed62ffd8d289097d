import { useState } from 'react';
import { Button } from 'antd';
import { SwapOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OpenedOnce } from '../../components/OpenedOnce';
import { addFeatureStrings } from '../../lib/i18n/i18n';
import type { BulkActionProps, RecordActionProps } from '../../lib/records/record-slots';
import { useSignedIn } from '../../lib/session/useMe';
import type { Me } from '../../lib/session/types';
import { HandoverDialog } from './components/HandoverDialog';
import { ReleaseDialog } from './components/ReleaseDialog';
import en from './locales/en.json';
import zhCN from './locales/zh-CN.json';

// The buttons on the record page and in the bulk bar: their own small chunk (namespace "ownership").
addFeatureStrings('ownership', { 'zh-CN': zhCN, en });

/** The owner or someone with `reassign` may hand a record over or release it (the engine checks). */
const mayMove = (me: Me, ownerId: unknown) =>
  me.capabilities.includes('reassign') || (!!me.user && ownerId === me.user.id);

/** "Hand over" on the record page. */
export function HandoverButton({ entity, record }: RecordActionProps) {
  const { t } = useTranslation('ownership');
  const me = useSignedIn();
  const [open, setOpen] = useState(false);
  // Once handed over the record is no longer the rep's: the dialog stays open for the consent link.
  if (!open && (entity.owned === false || !mayMove(me, record.ownerId))) return null;
  return (
    <>
      {mayMove(me, record.ownerId) ? (
        <Button icon={<SwapOutlined />} onClick={() => setOpen(true)}>
          {t('handover.button')}
        </Button>
      ) : null}
      <OpenedOnce open={open}>
        <HandoverDialog
          entity={entity}
          ids={[String(record.id)]}
          ownerId={(record.ownerId as string | null) ?? null}
          open={open}
          onClose={() => setOpen(false)}
        />
      </OpenedOnce>
    </>
  );
}

/** "Release to the pool" on the record page of an owned record of an entity with a pool. */
export function ReleaseButton({ entity, record }: RecordActionProps) {
  const { t } = useTranslation('ownership');
  const me = useSignedIn();
  const [open, setOpen] = useState(false);
  const may = entity.pool === true && !!record.ownerId && mayMove(me, record.ownerId);
  // Released or handed on by someone else while the dialog is open: the dialog stays, with what
  // was typed, and says why on "Release" instead of vanishing with the button.
  if (!open && !may) return null;
  return (
    <>
      {may ? (
        <Button icon={<UndoOutlined />} onClick={() => setOpen(true)}>
          {t('release.button')}
        </Button>
      ) : null}
      <OpenedOnce open={open}>
        <ReleaseDialog
          entity={entity.key}
          id={String(record.id)}
          open={open}
          onClose={() => setOpen(false)}
        />
      </OpenedOnce>
    </>
  );
}

/** "Hand over" in the list's bulk bar (all selected records to one new owner, all or none). */
export function BulkHandoverButton({ entity, ids, onDone }: BulkActionProps) {
  const { t } = useTranslation('ownership');
  const [open, setOpen] = useState(false);
  if (entity.owned === false) return null;
  return (
    <>
      <Button icon={<SwapOutlined />} onClick={() => setOpen(true)}>
        {t('handover.button')}
      </Button>
      <OpenedOnce open={open}>
        <HandoverDialog
          entity={entity}
          ids={ids}
          open={open}
          onClose={() => {
            setOpen(false);
            onDone();
          }}
        />
      </OpenedOnce>
    </>
  );
}
