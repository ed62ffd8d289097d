import { useState } from 'react';
import { Badge, Button, Drawer, List, Typography } from 'antd';
import { WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useDraft } from '../draft/useDraft';
import { locate } from './sections';

/** How many problems publishing would report; opens the list, each linking to its place. */
export function ProblemsButton() {
  const { t } = useTranslation('builder');
  const problems = useDraft((s) => s.problems);
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Badge count={problems.length} size="small" offset={[-4, 4]}>
        <Button
          icon={<WarningOutlined />}
          danger={problems.length > 0}
          onClick={() => setOpen(true)}
          aria-label={t('problems.title')}
        >
          {problems.length === 0
            ? t('problems.none')
            : t('problems.count', { count: problems.length })}
        </Button>
      </Badge>
      <Drawer title={t('problems.title')} open={open} onClose={() => setOpen(false)} size={420}>
        {problems.length === 0 ? (
          <Typography.Text type="secondary">{t('problems.allGood')}</Typography.Text>
        ) : (
          <List
            dataSource={problems}
            renderItem={(p) => (
              <List.Item
                actions={[
                  <Button
                    key="go"
                    type="link"
                    onClick={() => {
                      setOpen(false);
                      navigate(locate(p.path));
                    }}
                  >
                    {t('problems.show')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={p.message}
                  description={<Typography.Text code>{p.path || '/'}</Typography.Text>}
                />
              </List.Item>
            )}
          />
        )}
      </Drawer>
    </>
  );
}
