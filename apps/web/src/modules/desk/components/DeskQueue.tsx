/**
 * 今日队列: the estate's open requests in the front desk's order (spec 01 §6: emergencies, then
 * overdue, then VIP residents, then the nearest deadline — the server's `sort=priority`); or today's
 * intake, or only the ones I own. Live updates refresh it; a slow poll stays as a fallback. The queue
 * on screen can be exported to Excel.
 */
import {
  ClockCircleFilled,
  CrownFilled,
  MoonFilled,
  ReloadOutlined,
  ThunderboltFilled,
} from '@ant-design/icons';
import { Badge, Button, Card, Empty, Segmented, Table, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { RequestListItem } from '../../../shared/api/types';
import { formatDateTime, toZoned } from '../../../shared/format';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { useRequestList } from '../../requests/requests.api';

type View = 'open' | 'today' | 'mine';

export function DeskQueue({ estateId, timeZone }: { estateId: string | undefined; timeZone?: string }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [view, setView] = useState<View>('open');
  const filters = {
    estateId,
    open: view === 'today' ? undefined : true,
    ownerId: view === 'mine' ? user.id : undefined,
    sort: view === 'today' ? ('receivedAt' as const) : ('priority' as const),
  };
  const query = useRequestList(
    { ...filters, page: 1, pageSize: 100 },
    { refetchInterval: 120_000, enabled: Boolean(estateId) },
  );
  const today = toZoned(new Date().toISOString(), timeZone).format('YYYY-MM-DD');
  const isToday = (iso: string) => toZoned(iso, timeZone).format('YYYY-MM-DD') === today;
  const rows = (query.data?.items ?? []).filter((r) => view !== 'today' || isToday(r.receivedAt));
  const updatedAt = query.dataUpdatedAt ? dayjs(query.dataUpdatedAt).format('HH:mm:ss') : '';

  const columns: ColumnsType<RequestListItem> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 178,
      render: (v: string, r) => (
        <span className="desk-queue-number">
          <Link to={`/requests/${r.id}`} className="mono">
            {v}
          </Link>
          {r.emergency ? (
            <Tooltip title={t('desk.emergency')}>
              <ThunderboltFilled
                className="desk-emergency-icon"
                aria-label={t('desk.emergency')}
                data-testid="queue-emergency"
              />
            </Tooltip>
          ) : null}
          {r.vip ? (
            <Tooltip title={t('desk.vipHint')}>
              <CrownFilled className="desk-vip-icon" aria-label={t('desk.vip')} data-testid="queue-vip" />
            </Tooltip>
          ) : null}
          {r.overdue ? (
            <Tooltip title={t('desk.overdue')}>
              <ClockCircleFilled className="desk-overdue-icon" aria-label={t('desk.overdue')} />
            </Tooltip>
          ) : null}
          {r.night ? (
            <Tooltip title={t('detail.night')}>
              <MoonFilled className="desk-night-icon" aria-label={t('detail.night')} />
            </Tooltip>
          ) : null}
        </span>
      ),
    },
    {
      title: t('request.type'),
      dataIndex: 'type',
      width: 84,
      render: (_, r) => <RequestTypeTag type={r.type} />,
    },

    {
      title: t('request.state'),
      dataIndex: 'state',
      width: 100,
      render: (_, r) => <RequestStateTag state={r.state} />,
    },
    {
      title: t('desk.queueUnit'),
      dataIndex: 'unitLabel',
      ellipsis: true,
      render: (v: string | null, r) => (
        <Tooltip title={r.description}>
          <span>{v ?? <span className="muted">{t('common.none')}</span>}</span>
        </Tooltip>
      ),
    },
    {
      title: t('desk.queueOwner'),
      dataIndex: 'ownerName',
      width: 72,
      ellipsis: true,
    },
    {
      title: t('desk.queueReceived'),
      dataIndex: 'receivedAt',
      width: 64,
      render: (v: string) => (
        <span className="mono">
          {isToday(v) ? formatDateTime(v, timeZone).slice(11) : formatDateTime(v, timeZone).slice(5, 10)}
        </span>
      ),
    },
  ];

  return (
    <Card
      className="desk-queue"
      title={
        <span>
          {t('desk.queue')} <Badge count={rows.length} showZero color="#1f6feb" overflowCount={999} />
        </span>
      }
      extra={
        <span className="desk-queue-tools">
          <ExportButton
            path="/api/requests/export"
            query={filters}
            doneKey="requests.exported"
            size="small"
            type="text"
            label={t('desk.export')}
            tooltip={t('desk.exportQueue')}
            testId="desk-queue-export"
          />
          <Tooltip title={t('common.lastUpdated', { time: updatedAt })}>
            <Button
              type="text"
              size="small"
              icon={<ReloadOutlined spin={query.isFetching} />}
              aria-label={t('common.refresh')}
              onClick={() => query.refetch()}
            />
          </Tooltip>
        </span>
      }
      styles={{ body: { padding: 0 } }}
    >
      <div className="desk-queue-bar">
        <Segmented<View>
          size="small"
          value={view}
          onChange={setView}
          options={[
            { value: 'open', label: t('desk.queueOpen') },
            { value: 'today', label: t('desk.queueToday') },
            { value: 'mine', label: t('desk.queueMine') },
          ]}
        />
        <Typography.Text type="secondary" className="desk-queue-updated">
          {view === 'today' ? null : t('desk.queueOrder')}
        </Typography.Text>
      </div>
      {query.isError ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
      <Table<RequestListItem>
        data-testid="desk-queue"
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={rows}
        loading={query.isPending && Boolean(estateId)}
        pagination={false}
        scroll={{ y: 'calc(100vh - 250px)' }}
        rowClassName={(r) => (r.emergency ? 'desk-row-emergency' : r.overdue ? 'desk-row-overdue' : '')}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('desk.queueEmpty')} />,
        }}
      />
    </Card>
  );
}
