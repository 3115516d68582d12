/**
 * 导入欠费名单: the shared spreadsheet import with the list's date (截止日期) beside the file. The check
 * and the load are made with the same date (changing it drops the check); a date the server refuses
 * (after today, before the current list) is shown under the date, not as a failure of the file.
 */
import { useQueryClient } from '@tanstack/react-query';
import type { ArrearsImportReport } from '@wuye/contracts';
import { App, DatePicker, Form } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { formatMoney } from '../../../shared/format';
import { SpreadsheetImportDialog } from '../../../shared/ui/SpreadsheetImportDialog';
import { arrearsPath, importArrears, refreshArrears } from '../arrears.api';
import { isAsOfAllowed, todayIn } from '../lib/asOf';

export function ArrearsImportDialog({
  estateId,
  estateName,
  timeZone,
  currentAsOf,
  onClose,
}: {
  estateId: string;
  estateName?: string;
  timeZone?: string;
  /** The current list's date: a new list may not be older. */
  currentAsOf: string | null;
  onClose(): void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const today = todayIn(timeZone);
  const [asOf, setAsOf] = useState(today);
  const [asOfError, setAsOfError] = useState<string | null>(null);

  const run = (file: File, dryRun: boolean): Promise<ArrearsImportReport> => {
    setAsOfError(null);
    return importArrears(client, estateId, file, { dryRun, asOf });
  };

  return (
    <SpreadsheetImportDialog<ArrearsImportReport>
      title={estateName ? t('arrears.import.titleFor', { estate: estateName }) : t('arrears.import.title')}
      intro={t('arrears.import.intro')}
      templatePath={`${arrearsPath(estateId)}/template`}
      checkKey={asOf}
      extra={
        <Form layout="vertical" component={false}>
          <Form.Item
            label={t('arrears.import.asOf')}
            required
            validateStatus={asOfError ? 'error' : undefined}
            help={
              asOfError ??
              (currentAsOf
                ? t('arrears.import.asOfAfterCurrent', { current: currentAsOf })
                : t('arrears.import.asOfHint'))
            }
            style={{ marginBottom: 0 }}
          >
            <DatePicker
              value={dayjs(asOf)}
              onChange={(d: Dayjs | null) => {
                if (d) setAsOf(d.format('YYYY-MM-DD'));
                setAsOfError(null);
              }}
              disabledDate={(d: Dayjs) => !isAsOfAllowed(d.format('YYYY-MM-DD'), today, currentAsOf)}
              allowClear={false}
              style={{ width: 200 }}
              data-testid="arrears-import-asof"
            />
          </Form.Item>
        </Form>
      }
      run={run}
      counts={(r) => [
        { label: t('arrears.asOf'), value: r.asOf },
        { label: t('arrears.units'), value: t('arrears.unitsValue', { n: r.counts.units }) },
        { label: t('arrears.total'), value: formatMoney(r.counts.totalFen) },
      ]}
      onRunError={(e) => {
        if (isApiError(e) && e.fields.asOf) {
          setAsOfError(e.fields.asOf);
          // Another list may have been loaded meanwhile: the page (and the dates offered) catch up.
          void client.invalidateQueries({ queryKey: ['arrears'] });
          return true;
        }
        return false;
      }}
      onDone={(r) => {
        refreshArrears(client);
        message.success(
          t('arrears.import.done', {
            asOf: r.asOf,
            units: r.counts.units,
            amount: formatMoney(r.counts.totalFen),
          }),
        );
      }}
      onClose={onClose}
    />
  );
}
