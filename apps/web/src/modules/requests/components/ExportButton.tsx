/** 导出: the list on screen, with its filters and order, as an xlsx file (the server caps and audits it). */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { downloadRequestsXlsx, type RequestFilters } from '../requests.api';

export function ExportButton({
  filters,
  label,
  tooltip,
  size,
  type = 'default',
  testId = 'export-xlsx',
}: {
  filters: Omit<RequestFilters, 'page' | 'pageSize'>;
  label?: string;
  tooltip?: string;
  size?: 'small' | 'middle';
  type?: 'default' | 'text';
  testId?: string;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await downloadRequestsXlsx(filters, locale);
      if (r.capped) message.warning(t('requests.exportCapped', { rows: r.rows, total: r.total }), 8);
      else message.success(t('requests.exported', { rows: r.rows }));
    } catch (e) {
      const text = isApiError(e) && e.message ? e.message : t('common.networkError');
      message.error(t('requests.exportFailed', { message: text }));
    } finally {
      setBusy(false);
    }
  };
  const button = (
    <Button
      data-testid={testId}
      size={size}
      type={type}
      icon={<DownloadOutlined />}
      loading={busy}
      onClick={run}
      aria-label={label ?? t('requests.export')}
    >
      {label ?? t('requests.export')}
    </Button>
  );
  return tooltip ? <Tooltip title={tooltip}>{button}</Tooltip> : button;
}
