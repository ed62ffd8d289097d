import { Button } from 'antd';
import { BellOutlined, SearchOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useShellNavigate } from '../../lib/router/useShellNavigate';

// What the header draws while a lazy piece's chunk loads: the piece's own size and look, so the
// header neither jumps nor shows a gap where the search box and the bell will be.

/** The global search box as it looks empty (its chunk brings the input, popover and query). */
export function SearchPlaceholder({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  return (
    <span
      className="trellis-search-placeholder"
      style={{ width: compact ? '100%' : 360 }}
      aria-hidden
    >
      <SearchOutlined />
      <span className="trellis-ellipsis">{t('search.placeholder')}</span>
    </span>
  );
}

/** The inbox bell without its unread badge: it already opens the inbox. */
export function BellPlaceholder() {
  const { t } = useTranslation();
  const navigate = useShellNavigate();
  return (
    <Button
      type="text"
      icon={<BellOutlined />}
      aria-label={t('nav.inbox')}
      onClick={() => navigate('/inbox')}
    />
  );
}
