import { Typography } from 'antd';
import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../../app/i18n/I18nProvider';

/** A page's title row; also names the browser tab after the page. */
export function PageHeader({
  title,
  subtitle,
  extra,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
}) {
  const { t } = useI18n();
  useEffect(() => {
    const appName = t('app.name');
    document.title = `${title} - ${appName}`;
    return () => {
      document.title = appName;
    };
  }, [title, t]);

  return (
    <div className="page-header">
      <div className="page-header-text">
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
      </div>
      {extra ? <div className="page-header-extra">{extra}</div> : null}
    </div>
  );
}
