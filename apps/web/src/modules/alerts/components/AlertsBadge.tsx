/** The menu's count of alerts addressed to me that wait for my acknowledgement. */
import { Badge } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { useMyOpenAlertCount } from '../alerts.api';

export function AlertsBadge() {
  const { t } = useI18n();
  const count = useMyOpenAlertCount(true);
  const n = count.data ?? 0;
  if (!n) return null;
  return (
    <Badge
      count={n}
      overflowCount={99}
      size="small"
      className="nav-badge"
      title={t('alerts.badge', { n })}
      data-testid="nav-alerts-badge"
    />
  );
}
