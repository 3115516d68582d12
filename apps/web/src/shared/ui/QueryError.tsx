import { Alert, Button } from 'antd';
import { useI18n } from '../../app/i18n/I18nProvider';
import { isApiError } from '../api/client';

/** A failed load: the server's message (in the user's language) and a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  let description = t('common.loadFailed');
  if (isApiError(error))
    description = error.code === 'FORBIDDEN' && !error.message ? t('common.forbidden') : error.message;
  return (
    <Alert
      type="error"
      showIcon
      message={t('common.loadFailed')}
      description={description}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    />
  );
}
