import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { useLocale } from '../../../lib/i18n/useLocale';
import { useSpec } from '../../../lib/session/useSpec';
import { useUsers } from '../../../lib/session/useUsers';
import { builderKeys, discardDraft, fetchDraft, fetchLive } from '../draft/api';
import { editableSpec, emptySpec } from '../draft/skeleton';
import { useDraft, useDraftStore } from '../draft/useDraft';

/**
 * What the builder must know about the draft: another builder saved over it (load theirs or keep
 * mine), or a newer version was published since it started (start again from it).
 */
export function DraftBanners({ liveVersion }: { liveVersion: number | null }) {
  const save = useDraft((s) => s.save);
  const base = useDraft((s) => s.baseVersion);
  const live = useSpec().data?.version ?? liveVersion;
  return (
    <>
      {save === 'conflict' ? <ConflictBanner /> : null}
      {live !== null && base !== null && base < live ? (
        <OutdatedBanner base={base} live={live} />
      ) : null}
    </>
  );
}

function ConflictBanner() {
  const { t } = useTranslation('builder');
  const store = useDraftStore();
  const locale = useLocale();
  const { message } = App.useApp();
  const users = useUsers();
  const [busy, setBusy] = useState(false);
  // Who saved over us, and when: the server's draft as it is now.
  const theirs = useQuery({ queryKey: builderKeys.theirs(), queryFn: fetchDraft, gcTime: 0 }).data;
  const act = async (choice: 'load' | 'keep') => {
    setBusy(true);
    try {
      const draft = await fetchDraft();
      if (!draft) await store.overwrite(0);
      else if (choice === 'load')
        store.load(editableSpec(draft.spec, locale), draft.revision, draft.baseVersion);
      else await store.overwrite(draft.revision);
    } catch (err) {
      void message.error((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const by = theirs?.updatedBy ? users.byId.get(theirs.updatedBy) : undefined;
  const who = by ? (by.name ?? by.login) : t('conflict.someone');
  const when = theirs ? new Date(theirs.updatedAt).toLocaleTimeString(locale) : '';
  return (
    <Alert
      type="error"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('conflict.title', { who, when })}
      description={t('conflict.text')}
      action={
        <Space orientation="vertical">
          <Button size="small" loading={busy} onClick={() => void act('load')}>
            {t('conflict.load')}
          </Button>
          <Button size="small" danger loading={busy} onClick={() => void act('keep')}>
            {t('conflict.keep')}
          </Button>
        </Space>
      }
    />
  );
}

function OutdatedBanner({ base, live }: { base: number; live: number }) {
  const { t } = useTranslation('builder');
  const store = useDraftStore();
  const locale = useLocale();
  const { modal } = App.useApp();
  const restart = () =>
    modal.confirm({
      title: t('outdated.confirmTitle', { live }),
      content: t('outdated.confirmText'),
      okText: t('outdated.restart', { live }),
      okButtonProps: { danger: true },
      onOk: async () => {
        await discardDraft(store.getSnapshot().revision);
        const current = await fetchLive();
        store.load(
          current.spec ? editableSpec(current.spec, locale) : emptySpec(locale),
          0,
          current.version,
        );
      },
    });
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('outdated.title', { base, live })}
      description={t('outdated.text', { live })}
      action={
        <Button size="small" onClick={restart}>
          {t('outdated.restart', { live })}
        </Button>
      }
    />
  );
}
