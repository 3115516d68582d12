/**
 * The records behind a KPI (GET /api/kpis/:key/records): its denominator, each marked in or out of the
 * numerator, the ones that keep it off target first; each opens its request.
 */
import {
  KPI_LABELS,
  type KpiItem,
  type KpiRecord,
  REQUEST_STATE_LABELS,
  type RequestState,
} from '@wuye/contracts';
import { Alert, Drawer, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { QueryError } from '../../../shared/ui/QueryError';
import { type Period, useKpiRecords } from '../kpis.api';
import type { ComplaintKpi } from './KpiCard';

type Filter = 'all' | 'in' | 'out';

export function KpiRecordsDrawer({
  item,
  period,
  estateId,
  onClose,
}: {
  item: (KpiItem & { key: ComplaintKpi }) | null;
  period: Period;
  estateId: string | undefined;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { estates, multiple } = useEstate();
  const [filter, setFilter] = useState<Filter>('all');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const key = item?.key ?? null;
  const records = useKpiRecords(key, {
    estateId,
    ...period,
    ...paging,
    inNumerator: filter === 'all' ? undefined : filter === 'in',
  });
  const timeZoneOf = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const yes = key ? t(`kpiRecords.yes.${key}` as MessageKey) : '';
  const no = key ? t(`kpiRecords.no.${key}` as MessageKey) : '';
  // For a "below" KPI (effective complaints) being in the numerator is the bad side.
  const bad = (r: KpiRecord) => (item?.direction === 'max' ? r.inNumerator : !r.inNumerator);

  const columns: ColumnsType<KpiRecord> = [
    {
      key: 'number',
      title: t('kpiRecords.number'),
      width: 150,
      render: (_, r) => (
        <Link to={`/requests/${r.id}`} className="mono" data-testid="kpi-record-link">
          {r.number}
        </Link>
      ),
    },
    {
      key: 'receivedAt',
      title: t('kpiRecords.receivedAt'),
      width: 140,
      render: (_, r) => formatDateTime(r.receivedAt, timeZoneOf(r.estateId)),
    },
    ...(multiple && !estateId
      ? [
          {
            key: 'estate',
            title: t('header.estate'),
            width: 96,
            render: (_: unknown, r: KpiRecord) => r.estateName,
          },
        ]
      : []),
    {
      key: 'place',
      title: t('kpiRecords.place'),
      width: 120,
      render: (_, r) => r.unitLabel ?? t('common.none'),
    },
    {
      key: 'description',
      title: t('kpiRecords.description'),
      render: (_, r) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: r.description }} style={{ margin: 0 }}>
          {r.description}
        </Typography.Paragraph>
      ),
    },
    {
      key: 'state',
      title: t('kpiRecords.state'),
      width: 90,
      render: (_, r) => label(REQUEST_STATE_LABELS, r.state as RequestState),
    },
    {
      key: 'completedAt',
      title: t('kpiRecords.completedAt'),
      width: 140,
      render: (_, r) =>
        r.completedAt ? formatDateTime(r.completedAt, timeZoneOf(r.estateId)) : t('common.none'),
    },
    {
      key: 'counted',
      title: t('kpiRecords.counted'),
      width: 100,
      render: (_, r) => (
        <Tag
          color={bad(r) ? 'red' : 'green'}
          data-testid="kpi-record-counted"
          data-in={String(r.inNumerator)}
        >
          {r.inNumerator ? yes : no}
        </Tag>
      ),
    },
  ];

  return (
    <Drawer
      open={item !== null}
      onClose={onClose}
      width={1000}
      destroyOnHidden
      afterOpenChange={(open) => {
        if (!open) {
          setFilter('all');
          setPaging((p) => ({ ...p, page: 1 }));
        }
      }}
      title={
        item
          ? t('kpiRecords.title', { kpi: label(KPI_LABELS, item.key), from: period.from, to: period.to })
          : ''
      }
    >
      <div data-testid="kpi-records">
        {item?.key === 'effective_complaint_rate' ? (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('kpiRecords.effectiveNote', { d: item.denominator })}
          />
        ) : null}
        <Segmented
          style={{ marginBottom: 12 }}
          value={filter}
          onChange={(v) => {
            setFilter(v as Filter);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={[
            { value: 'all', label: t('kpiRecords.all') },
            { value: 'in', label: yes },
            { value: 'out', label: no },
          ]}
        />
        {records.isError ? <QueryError error={records.error} onRetry={() => records.refetch()} /> : null}
        <Table<KpiRecord>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={records.data?.items ?? []}
          loading={records.isFetching}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: records.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </div>
    </Drawer>
  );
}
