import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePendingHandovers } from '../../lib/work/api';

/**
 * The count on "My handovers": handovers waiting for me to accept. The same query as the
 * workbench tile, so accepting or declining one (which invalidates the user's work) and a new
 * handover's live notification both refresh it. Nothing shows while none wait.
 */
export function HandoversBadge() {
  const { t } = useTranslation();
  const count = usePendingHandovers().data?.length ?? 0;
  if (count === 0) return null;
  const label = t('nav.handoversWaiting', { count });
  return (
    // role="status": a screen reader hears the count change; its label names the menu item's count.
    <span role="status" aria-label={label}>
      <Badge count={count} size="small" title={label} />
    </span>
  );
}
