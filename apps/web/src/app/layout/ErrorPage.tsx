import { Button, Result } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** Shown when a page throws while rendering or a page's code fails to load (e.g. after a deploy). */
export function ErrorPage() {
  const { t } = useI18n();
  return (
    <Result
      status="error"
      title={t('error.crashTitle')}
      subTitle={t('error.crashText')}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('error.reload')}
        </Button>
      }
      style={{ paddingTop: 120 }}
    />
  );
}
