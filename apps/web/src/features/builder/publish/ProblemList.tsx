import { Button, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { locate } from '../shell/sections';

/** validateSpec's problems, each with a link to where it is fixed. */
export function ProblemList({
  problems,
  onNavigate,
}: {
  problems: { path: string; message: string }[];
  onNavigate?: () => void;
}) {
  const { t } = useTranslation('builder');
  const navigate = useNavigate();
  return (
    <List
      size="small"
      dataSource={problems}
      renderItem={(p) => (
        <List.Item
          actions={
            p.path
              ? [
                  <Button
                    key="go"
                    type="link"
                    size="small"
                    onClick={() => {
                      onNavigate?.();
                      navigate(locate(p.path));
                    }}
                  >
                    {t('problems.show')}
                  </Button>,
                ]
              : []
          }
        >
          <Typography.Text>{p.message}</Typography.Text>
        </List.Item>
      )}
    />
  );
}
