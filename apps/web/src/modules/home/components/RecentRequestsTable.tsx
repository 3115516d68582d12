import { Empty, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { HomeResponse } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { scrollWidth } from '../../../shared/ui/tableWidth';

type Row = HomeResponse['recentRequests'][number];

export function RecentRequestsTable({
  rows,
  loading,
  showEstate,
  timeZoneOf,
}: {
  rows: Row[];
  loading: boolean;
  showEstate: boolean;
  timeZoneOf: (estateId: string) => string | undefined;
}) {
  const { t } = useI18n();
  const columns: ColumnsType<Row> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 160,
      render: (value: string, row) => (
        <Link className="mono" to={`/requests/${row.id}`}>
          {value}
        </Link>
      ),
    },
    {
      title: t('request.type'),
      dataIndex: 'type',
      width: 110,
      render: (_, row) => <RequestTypeTag type={row.type} />,
    },
    {
      title: t('request.state'),
      dataIndex: 'state',
      width: 120,
      render: (_, row) => <RequestStateTag state={row.state} />,
    },
    ...(showEstate
      ? [{ title: t('request.estate'), dataIndex: 'estateName', width: 120, ellipsis: true } as const]
      : []),
    {
      title: t('request.unit'),
      dataIndex: 'unitLabel',
      width: 150,
      ellipsis: true,
      render: (value: string | null) => value ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('request.description'),
      dataIndex: 'description',
      ellipsis: { showTitle: false },
      render: (value: string) => (
        <Typography.Text ellipsis={{ tooltip: value }} style={{ maxWidth: '100%' }}>
          {value}
        </Typography.Text>
      ),
    },
    {
      title: t('request.receivedAt'),
      dataIndex: 'receivedAt',
      width: 150,
      render: (value: string, row) => (
        <span className="mono">{formatDateTime(value, timeZoneOf(row.estateId))}</span>
      ),
    },
  ];

  return (
    <Table<Row>
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={rows}
      loading={loading}
      pagination={false}
      scroll={{ x: scrollWidth(columns, 240) }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('home.noRequests')} />,
      }}
    />
  );
}
