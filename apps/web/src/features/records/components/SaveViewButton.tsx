import { Suspense, useState } from 'react';
import { Button } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { OpenedOnce } from '../../../components/OpenedOnce';
import { SaveViewDialog } from './list-parts';
import type { SaveViewProps } from './SaveViewDialog';

/** Saves the current columns, filter and sort as a view of the user's own. */
export function SaveViewButton(props: SaveViewProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button
        icon={<SaveOutlined />}
        onClick={() => setOpen(true)}
        onPointerEnter={SaveViewDialog.preload}
      >
        {t('views.save')}
      </Button>
      <OpenedOnce open={open}>
        <Suspense fallback={null}>
          <SaveViewDialog {...props} open={open} onClose={() => setOpen(false)} />
        </Suspense>
      </OpenedOnce>
    </>
  );
}
