import { useState } from 'react';
import { Button, Flex, Tooltip, Typography } from 'antd';
import { RedoOutlined, UndoOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useIsPhone } from '../../../hooks/useIsPhone';
import { PublishDialog } from '../publish/PublishDialog';
import { useDraft, useDraftStore } from '../draft/useDraft';
import { ProblemsButton } from './ProblemsButton';
import { SaveStatus } from './SaveStatus';

/** Title, undo / redo with what they undo, the save state, problems and Publish. */
export function BuilderBar() {
  const { t } = useTranslation('builder');
  const phone = useIsPhone();
  const store = useDraftStore();
  const undo = useDraft((s) => s.undoLabel);
  const redo = useDraft((s) => s.redoLabel);
  const [publishing, setPublishing] = useState(false);
  return (
    <Flex align="center" gap={8} wrap style={{ marginBottom: 8 }}>
      <Typography.Title level={phone ? 4 : 3} style={{ margin: 0, marginInlineEnd: 'auto' }}>
        {t('title')}
      </Typography.Title>
      <SaveStatus />
      <Tooltip title={undo ? t('undoWhat', { what: undo }) : t('nothingToUndo')}>
        <Button
          icon={<UndoOutlined />}
          aria-label={t('undo')}
          disabled={!undo}
          onClick={() => store.undo()}
        />
      </Tooltip>
      <Tooltip title={redo ? t('redoWhat', { what: redo }) : t('nothingToRedo')}>
        <Button
          icon={<RedoOutlined />}
          aria-label={t('redo')}
          disabled={!redo}
          onClick={() => store.redo()}
        />
      </Tooltip>
      <ProblemsButton />
      <Button type="primary" onClick={() => setPublishing(true)}>
        {t('publish.open')}
      </Button>
      {publishing ? <PublishDialog onClose={() => setPublishing(false)} /> : null}
    </Flex>
  );
}
