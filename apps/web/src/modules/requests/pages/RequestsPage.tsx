/**
 * 工单: the history of requests with filters by type, state, text and open-only (estate from the
 * header), newest first, by priority (emergency, overdue, VIP, nearest deadline) or by the nearest
 * deadline; each row opens the request; the list as filtered exports to Excel.
 */

import { SortAscendingOutlined } from '@ant-design/icons';
import {
  CHANNEL_LABELS,
  type Channel,
  REQUEST_STATE_LABELS,
  REQUEST_TYPE_LABELS,
  type RequestState,
  type RequestType,
} from '@wuye/contracts';
import { Button, Card, Checkbox, Empty, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { RequestListItem } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format';
import { PAGE_SIZES, useListParams } from '../../../shared/hooks/useListParams';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { scrollWidth } from '../../../shared/ui/tableWidth';
import { PriorityMarks } from '../components/PriorityMarks';
import { type RequestSort, useRequestList } from '../requests.api';
import '../requests.css';

const TYPES = Object.keys(REQUEST_TYPE_LABELS) as RequestType[];
const STATES = Object.keys(REQUEST_STATE_LABELS) as RequestState[];
const SORTS: RequestSort[] = ['receivedAt', 'priority', 'dueAt'];

export default function RequestsPage() {
  const { t, label } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const navigate = useNavigate();
  const list = useListParams(['type', 'state', 'q', 'sort', 'open'] as const, estateId);
  const type = TYPES.find((x) => x === list.values.type);
  const state = STATES.find((x) => x === list.values.state);
  const sort = SORTS.find((x) => x === list.values.sort);
  const open = list.values.open === 'true' ? true : undefined;
  const filters = { estateId, type, state, q: list.values.q, sort, open };
  const query = useRequestList({ ...filters, page: list.page, pageSize: list.pageSize });

  const estateName = (id: string) => estates.find((e) => e.id === id)?.name ?? '';
  const timeZone = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const filtered = Boolean(type || state || list.values.q || sort || open);

  const columns: ColumnsType<RequestListItem> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 160,
      fixed: 'left',
      render: (v: string, r) => (
        <div className="request-number-cell">
          <Link to={`/requests/${r.id}`} className="mono" onClick={(e) => e.stopPropagation()}>
            {v}
          </Link>
          <PriorityMarks emergency={r.emergency} vip={r.vip} overdue={r.overdue} />
        </div>
      ),
    },
    {
      title: t('request.type'),
      dataIndex: 'type',
      width: 100,
      render: (_, r) => <RequestTypeTag type={r.type} />,
    },
    {
      title: t('request.state'),
      dataIndex: 'state',
      width: 104,
      render: (_, r) => <RequestStateTag state={r.state} />,
    },
    {
      title: t('request.channel'),
      dataIndex: 'channel',
      width: 96,
      ellipsis: true,
      render: (v: Channel) => label(CHANNEL_LABELS, v),
    },
    ...(multiple && !estateId
      ? [
          {
            title: t('request.estate'),
            dataIndex: 'estateId',
            width: 100,
            ellipsis: true,
            render: (v: string) => estateName(v),
          },
        ]
      : []),
    {
      title: t('request.unit'),
      dataIndex: 'unitLabel',
      width: 120,
      ellipsis: true,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('request.description'),
      dataIndex: 'description',
      render: (v: string) => (
        <Typography.Paragraph ellipsis={{ rows: 2, tooltip: v }} style={{ margin: 0 }}>
          {v}
        </Typography.Paragraph>
      ),
    },
    {
      title: t('request.reporter'),
      dataIndex: 'reporterName',
      width: 84,
      ellipsis: true,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('request.owner'),
      dataIndex: 'ownerName',
      width: 100,
      ellipsis: true,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('request.receivedAt'),
      dataIndex: 'receivedAt',
      width: 144,
      fixed: 'right',
      render: (v: string, r) => <span className="mono">{formatDateTime(v, timeZone(r.estateId))}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('requests.title')}
        subtitle={t('requests.subtitle')}
        extra={
          <ExportButton
            path="/api/requests/export"
            query={filters}
            doneKey="requests.exported"
            testId="requests-export"
          />
        }
      />
      <Card>
        <div className="filter-bar">
          <Select
            data-testid="requests-type"
            aria-label={t('request.type')}
            allowClear
            placeholder={t('requests.allTypes')}
            value={type}
            onChange={(v: RequestType | undefined) => list.setFilters({ type: v })}
            options={TYPES.map((x) => ({ value: x, label: label(REQUEST_TYPE_LABELS, x) }))}
            style={{ width: 150 }}
          />
          <Select
            data-testid="requests-state"
            aria-label={t('request.state')}
            allowClear
            placeholder={t('requests.allStates')}
            value={state}
            onChange={(v: RequestState | undefined) => list.setFilters({ state: v })}
            options={STATES.map((x) => ({ value: x, label: label(REQUEST_STATE_LABELS, x) }))}
            style={{ width: 160 }}
          />
          <SearchBox
            testId="requests-search"
            value={list.values.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder={t('requests.searchPlaceholder')}
            width={300}
          />
          <Checkbox
            data-testid="requests-open"
            checked={Boolean(open)}
            onChange={(e) => list.setFilters({ open: e.target.checked ? 'true' : undefined })}
            className="requests-open"
          >
            {t('requests.openOnly')}
          </Checkbox>
          <Select
            data-testid="requests-sort"
            aria-label={t('requests.sort')}
            value={sort ?? 'receivedAt'}
            onChange={(v: RequestSort) => list.setFilters({ sort: v === 'receivedAt' ? undefined : v })}
            options={[
              { value: 'receivedAt', label: t('requests.sortReceivedAt') },
              { value: 'priority', label: t('requests.sortPriority') },
              { value: 'dueAt', label: t('requests.sortDueAt') },
            ]}
            style={{ width: 150 }}
            prefix={<SortAscendingOutlined />}
            title={t('desk.queueOrder')}
          />
          {filtered ? <Button onClick={list.clear}>{t('common.reset')}</Button> : null}
        </div>
        {query.isError ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
        <Table<RequestListItem>
          data-testid="requests-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          rowClassName={() => 'row-link'}
          onRow={(r) => ({
            onClick: (e) => {
              // A click on the row opens the request, unless the user is selecting text.
              if (window.getSelection()?.toString()) return;
              if (e.metaKey || e.ctrlKey) window.open(`/requests/${r.id}`, '_blank', 'noopener');
              else navigate(`/requests/${r.id}`);
            },
          })}
          scroll={{ x: scrollWidth(columns, 220) }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={filtered ? t('requests.empty') : t('home.noRequests')}
              />
            ),
          }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: query.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, size) => list.setPage(page, size),
          }}
        />
      </Card>
    </>
  );
}
