/**
 * 导出: the list on screen, with its filters and order, as an xlsx file from the list's export route
 * (the server caps and audits it). `doneKey` says how many rows came, in the list's own words.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { App, Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../app/i18n/I18nProvider';
import type { MessageKey } from '../../app/i18n/messages';
import type { QueryParams } from '../api/client';
import { isApiError } from '../api/client';
import { downloadXlsx } from '../api/download';

export function ExportButton({
  path,
  query,
  doneKey = 'common.exported',
  label,
  tooltip,
  size,
  type = 'default',
  testId = 'export-xlsx',
  disabled,
}: {
  /** The export route, e.g. `/api/callbacks/due/export`. */
  path: string;
  /** The list's filters, without paging. */
  query: QueryParams;
  /** A message with `{rows}`, e.g. 已导出 {rows} 条回访. */
  doneKey?: MessageKey;
  label?: string;
  tooltip?: string;
  size?: 'small' | 'middle';
  type?: 'default' | 'text';
  testId?: string;
  disabled?: boolean;
}) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      const r = await downloadXlsx(path, query, locale);
      if (r.capped) message.warning(t('common.exportCapped', { rows: r.rows, total: r.total }), 8);
      else message.success(t(doneKey, { rows: r.rows }));
    } catch (e) {
      const text = isApiError(e) && e.message ? e.message : t('common.networkError');
      message.error(t('common.exportFailed', { message: text }));
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
      disabled={disabled}
      onClick={run}
      aria-label={label ?? t('common.export')}
    >
      {label ?? t('common.export')}
    </Button>
  );
  return tooltip ? <Tooltip title={tooltip}>{button}</Tooltip> : button;
}
