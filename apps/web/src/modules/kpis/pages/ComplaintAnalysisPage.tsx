/**
 * 投诉分析: a month's complaint quality targets (handling, callback ≥ 50%, timeliness, effective complaints
 * < 2% of households) with the records behind each, the month's complaints by class and grade, and the
 * problems that keep coming back with the preventive actions taken (spec 02 §5, 06 §3).
 */
import { ReloadOutlined } from '@ant-design/icons';
import type { KpiItem } from '@wuye/contracts';
import { Button, Card, DatePicker, Skeleton, Space, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { ComplaintCounts } from '../components/ComplaintCounts';
import { COMPLAINT_KPIS, type ComplaintKpi, KpiCard } from '../components/KpiCard';
import { KpiRecordsDrawer } from '../components/KpiRecordsDrawer';
import { RecurringTable } from '../components/RecurringTable';
import { useComplaintAnalysis, useKpis } from '../kpis.api';
import '../kpis.css';

/** The first and last day of a month (YYYY-MM). */
function monthPeriod(month: string) {
  const start = dayjs(`${month}-01`);
  return { from: start.format('YYYY-MM-DD'), to: start.endOf('month').format('YYYY-MM-DD') };
}

export default function ComplaintAnalysisPage() {
  const { t } = useI18n();
  const { estateId, multiple } = useEstate();
  // Until a month is picked the server's current month (its clock, the estate's time zone) is shown.
  const [picked, setPicked] = useState<string | undefined>();
  const analysis = useComplaintAnalysis({ estateId, month: picked });
  const month = picked ?? analysis.data?.month;
  const period = month ? monthPeriod(month) : undefined;
  const kpis = useKpis({ estateId, ...period }, { enabled: Boolean(period) });
  const [open, setOpen] = useState<ComplaintKpi | null>(null);

  const cards = COMPLAINT_KPIS.map((key) => kpis.data?.items.find((i) => i.key === key)).filter(
    (i): i is KpiItem & { key: ComplaintKpi } => Boolean(i),
  );
  const opened = cards.find((c) => c.key === open) ?? null;
  const refresh = () => {
    void analysis.refetch();
    void kpis.refetch();
  };

  return (
    <>
      <PageHeader
        title={t('analysis.title')}
        subtitle={t('analysis.subtitle')}
        extra={
          <Space>
            <DatePicker
              picker="month"
              allowClear={false}
              aria-label={t('analysis.month')}
              value={month ? dayjs(`${month}-01`) : undefined}
              onChange={(d: Dayjs | null) => d && setPicked(d.format('YYYY-MM'))}
              data-testid="analysis-month"
            />
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined spin={analysis.isFetching || kpis.isFetching} />}
                onClick={refresh}
                aria-label={t('common.refresh')}
              />
            </Tooltip>
          </Space>
        }
      />

      <Card
        className="analysis-section"
        title={t('analysis.kpis')}
        extra={
          kpis.data ? (
            <Typography.Text type="secondary">
              {t('analysis.period', { from: kpis.data.from, to: kpis.data.to })}
            </Typography.Text>
          ) : null
        }
      >
        {kpis.isError ? <QueryError error={kpis.error} onRetry={() => kpis.refetch()} /> : null}
        {cards.length ? (
          <div className="kpi-grid" data-testid="kpi-cards">
            {cards.map((item) => (
              <KpiCard key={item.key} item={item} onOpen={() => setOpen(item.key)} />
            ))}
          </div>
        ) : (
          <Skeleton active paragraph={{ rows: 3 }} />
        )}
      </Card>

      {analysis.isError ? <QueryError error={analysis.error} onRetry={() => analysis.refetch()} /> : null}
      <Card
        className="analysis-section"
        title={t('analysis.counts', { total: analysis.data?.total ?? 0 })}
        data-testid="analysis-counts"
      >
        {analysis.data ? (
          <ComplaintCounts data={analysis.data} />
        ) : (
          <Skeleton active paragraph={{ rows: 3 }} />
        )}
      </Card>

      <Card
        className="analysis-section"
        title={t('analysis.recurring')}
        extra={<Typography.Text type="secondary">{t('analysis.recurringRule')}</Typography.Text>}
      >
        {analysis.data ? (
          <RecurringTable items={analysis.data.recurring} showEstate={multiple && !estateId} />
        ) : (
          <Skeleton active paragraph={{ rows: 4 }} />
        )}
      </Card>

      {period ? (
        <KpiRecordsDrawer item={opened} period={period} estateId={estateId} onClose={() => setOpen(null)} />
      ) : null}
    </>
  );
}
