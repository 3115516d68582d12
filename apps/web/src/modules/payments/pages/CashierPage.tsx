/**
 * 收款确认: the cashier's page — fees collected on site or at the office waiting for confirmation (confirm
 * each with the receipt number), what was confirmed on a day, fees not collected yet, and the day's totals.
 */
import { ReloadOutlined } from '@ant-design/icons';
import {
  Button,
  Card,
  Col,
  DatePicker,
  Empty,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { CollectModal } from '../components/CollectModal';
import { ConfirmModal } from '../components/ConfirmModal';
import { canConfirm, collectMethods, PAYMENT_METHOD_COLORS, PAYMENT_METHOD_KEYS } from '../lib/payments';
import {
  type PaymentListItem,
  type UncollectedItem,
  usePaymentSummary,
  usePayments,
  useUncollected,
} from '../payments.api';
import '../payments.css';

type TabKey = 'pending' | 'confirmed' | 'uncollected';

export default function CashierPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { estateId, estates } = useEstate();
  const [tab, setTab] = useState<TabKey>('pending');
  const [page, setPage] = useState(1);
  const [day, setDay] = useState<Dayjs>(() => dayjs());
  const [confirming, setConfirming] = useState<PaymentListItem | null>(null);
  const [collecting, setCollecting] = useState<UncollectedItem | null>(null);
  const dayText = day.format('YYYY-MM-DD');
  const summary = usePaymentSummary(estateId);
  const pendingFilters = { estateId, status: 'collected' as const };
  const confirmedFilters = {
    estateId,
    status: 'confirmed' as const,
    from: dayText,
    to: dayText,
    dateOf: 'confirmed' as const,
  };
  const pending = usePayments({ ...pendingFilters, page: tab === 'pending' ? page : 1, pageSize: 50 });
  const confirmed = usePayments(
    { ...confirmedFilters, page: tab === 'confirmed' ? page : 1, pageSize: 50 },
    tab === 'confirmed',
  );
  const uncollected = useUncollected(estateId);
  const timeZone = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const estateName = (id: string) => estates.find((e) => e.id === id)?.name;
  const mayConfirm = canConfirm(user);
  const s = summary.data;

  const requestColumns: ColumnsType<PaymentListItem> = [
    {
      title: t('request.number'),
      dataIndex: 'requestNumber',
      width: 140,
      render: (v: string, r) => (
        <Link to={`/requests/${r.requestId}`} className="mono">
          {v}
        </Link>
      ),
    },
    ...(estateId
      ? []
      : [
          {
            title: t('request.estate'),
            dataIndex: 'estateId',
            width: 96,
            render: (v: string) => estateName(v),
          },
        ]),
    {
      title: t('request.unit'),
      dataIndex: 'unitLabel',
      width: 92,
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('request.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('payment.expected'),
      dataIndex: 'expectedFen',
      width: 84,
      align: 'right',
      render: (v: number | null) =>
        v === null ? t('common.none') : <span className="mono">{formatMoney(v)}</span>,
    },
    {
      title: t('payment.amount'),
      dataIndex: 'amountFen',
      width: 92,
      align: 'right',
      render: (v: number, r) => {
        const differs = r.expectedFen !== null && r.expectedFen !== v;
        const text = <strong className={`mono${differs ? ' payment-differs' : ''}`}>{formatMoney(v)}</strong>;
        return differs && r.note ? <Tooltip title={r.note}>{text}</Tooltip> : text;
      },
    },
    {
      title: t('payment.method'),
      dataIndex: 'method',
      width: 120,
      render: (v: PaymentListItem['method']) => (
        <Tag color={PAYMENT_METHOD_COLORS[v]} bordered={false}>
          {t(PAYMENT_METHOD_KEYS[v])}
        </Tag>
      ),
    },
    { title: t('payment.collectedBy'), dataIndex: 'collectedByName', width: 76 },
    {
      title: t('payment.collectedAt'),
      dataIndex: 'collectedAt',
      width: 112,
      render: (v: string, r) => (
        <span className="mono nowrap">{formatDateTime(v, timeZone(r.estateId)).slice(5)}</span>
      ),
    },
  ];

  const pendingColumns: ColumnsType<PaymentListItem> = [
    ...requestColumns,
    {
      title: t('payment.note'),
      dataIndex: 'note',
      width: 120,
      ellipsis: true,
      render: (v: string | null, r) => v ?? (r.receiptNo ? t('timeline.receipt', { no: r.receiptNo }) : ''),
    },
    ...(mayConfirm
      ? [
          {
            title: '',
            key: 'actions',
            width: 96,
            fixed: 'right' as const,
            render: (_: unknown, r: PaymentListItem) => (
              <Button
                type="primary"
                size="small"
                data-testid="cashier-confirm"
                onClick={() => setConfirming(r)}
              >
                {t('payment.confirm')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const confirmedColumns: ColumnsType<PaymentListItem> = [
    ...requestColumns,
    {
      title: t('payment.receiptNo'),
      dataIndex: 'receiptNo',
      width: 120,
      render: (v: string | null) => <span className="mono">{v}</span>,
    },
    { title: t('payment.confirmedBy'), dataIndex: 'confirmedByName', width: 76 },
    {
      title: t('payment.confirmedAt'),
      dataIndex: 'confirmedAt',
      width: 112,
      render: (v: string | null, r) => (
        <span className="mono nowrap">{formatDateTime(v, timeZone(r.estateId)).slice(5)}</span>
      ),
    },
  ];

  const uncollectedColumns: ColumnsType<UncollectedItem> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 150,
      render: (v: string, r) => (
        <Link to={`/requests/${r.id}`} className="mono">
          {v}
        </Link>
      ),
    },
    {
      title: t('request.unit'),
      dataIndex: 'unitLabel',
      width: 110,
      render: (v: string | null) => v ?? t('common.none'),
    },
    { title: t('request.description'), dataIndex: 'description', ellipsis: true },
    {
      title: t('payment.fee'),
      dataIndex: 'feeFen',
      width: 96,
      align: 'right',
      render: (v: number) => <strong className="mono">{formatMoney(v)}</strong>,
    },
    { title: t('payment.completedBy'), dataIndex: 'completedByName', width: 90 },
    {
      title: t('payment.completedAt'),
      dataIndex: 'completedAt',
      width: 112,
      render: (v: string | null, r) => (
        <span className="mono nowrap">{formatDateTime(v, timeZone(r.estateId)).slice(5)}</span>
      ),
    },
    {
      title: '',
      key: 'actions',
      width: 104,
      render: (_: unknown, r: UncollectedItem) =>
        officeMethods(r).length ? (
          <Button size="small" data-testid="cashier-collect" onClick={() => setCollecting(r)}>
            {t('payment.collect')}
          </Button>
        ) : null,
    },
  ];

  function officeMethods(r: UncollectedItem) {
    return collectMethods(
      {
        state: r.state,
        departmentId: r.departmentId,
        assigneeId: r.assigneeId,
        completion: { chargeable: true, completedById: r.completedById ?? undefined },
      },
      user,
    ).filter((m) => m === 'office' || m === 'portal');
  }

  const byMethod = (s?.confirmedByMethod ?? [])
    .map((m) => `${t(PAYMENT_METHOD_KEYS[m.method])} ${formatMoney(m.amountFen)}`)
    .join(t('common.listSeparator'));

  const tableFor = (key: TabKey) => {
    if (key === 'uncollected')
      return (
        <Table<UncollectedItem>
          rowKey="id"
          size="middle"
          columns={uncollectedColumns}
          dataSource={uncollected.data?.items ?? []}
          loading={uncollected.isPending}
          pagination={false}
          locale={{
            emptyText: (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('cashier.emptyUncollected')} />
            ),
          }}
        />
      );
    const q = key === 'pending' ? pending : confirmed;
    return (
      <>
        {q.isError ? <QueryError error={q.error} onRetry={() => q.refetch()} /> : null}
        <Table<PaymentListItem>
          data-testid={`cashier-${key}`}
          rowKey="id"
          size="middle"
          columns={key === 'pending' ? pendingColumns : confirmedColumns}
          dataSource={q.data?.items ?? []}
          loading={q.isPending}
          scroll={{ x: 1000 }}
          pagination={{
            current: page,
            pageSize: 50,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showTotal: (total) => t('common.total', { total }),
            hideOnSinglePage: true,
          }}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={key === 'pending' ? t('cashier.empty') : t('cashier.emptyConfirmed')}
              />
            ),
          }}
        />
      </>
    );
  };

  return (
    <div className="cashier-page">
      <PageHeader
        title={t('cashier.title')}
        subtitle={t('cashier.subtitle')}
        extra={
          <Space>
            {/* The payments on the tab shown; fees still to collect are not payments yet. */}
            <ExportButton
              path="/api/payments/export"
              query={tab === 'confirmed' ? confirmedFilters : pendingFilters}
              doneKey="cashier.exported"
              disabled={tab === 'uncollected'}
              testId="cashier-export"
            />
            <Button
              icon={<ReloadOutlined spin={summary.isFetching || pending.isFetching} />}
              aria-label={t('common.refresh')}
              onClick={() => {
                void summary.refetch();
                void pending.refetch();
                void uncollected.refetch();
              }}
            />
          </Space>
        }
      />
      <Row gutter={[16, 16]} className="cashier-stats">
        <Col xs={24} md={8}>
          <Card data-testid="cashier-stat-pending">
            <Statistic
              title={t('cashier.pending')}
              value={formatMoney(s?.pending.amountFen ?? 0)}
              loading={summary.isPending}
            />
            <Typography.Text type="secondary">
              {t('cashier.count', { n: s?.pending.count ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card data-testid="cashier-stat-collected">
            <Statistic
              title={t('cashier.collectedToday')}
              value={formatMoney(s?.collectedToday.amountFen ?? 0)}
              loading={summary.isPending}
            />
            <Typography.Text type="secondary">
              {t('cashier.count', { n: s?.collectedToday.count ?? 0 })}
            </Typography.Text>
          </Card>
        </Col>
        <Col xs={24} md={8}>
          <Card data-testid="cashier-stat-confirmed">
            <Statistic
              title={t('cashier.confirmedToday')}
              value={formatMoney(s?.confirmedToday.amountFen ?? 0)}
              valueStyle={{ color: '#389e0d' }}
              loading={summary.isPending}
            />
            <Typography.Text type="secondary" ellipsis={{ tooltip: byMethod }}>
              {t('cashier.count', { n: s?.confirmedToday.count ?? 0 })}
              {byMethod ? ` · ${byMethod}` : ''}
            </Typography.Text>
          </Card>
        </Col>
      </Row>
      <Card className="cashier-tabs" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            setTab(k as TabKey);
            setPage(1);
          }}
          tabBarExtraContent={
            tab === 'confirmed' ? (
              <Space>
                <Typography.Text type="secondary">{t('cashier.dayOf', { date: dayText })}</Typography.Text>
                <DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} />
              </Space>
            ) : null
          }
          items={[
            {
              key: 'pending',
              label: `${t('cashier.tabPending')} (${pending.data?.total ?? 0})`,
              children: tableFor('pending'),
            },
            { key: 'confirmed', label: t('cashier.tabConfirmed'), children: tableFor('confirmed') },
            {
              key: 'uncollected',
              label: `${t('cashier.tabUncollected')} (${uncollected.data?.total ?? 0})`,
              children: tableFor('uncollected'),
            },
          ]}
        />
      </Card>
      {confirming ? (
        <ConfirmModal
          number={confirming.requestNumber}
          payment={confirming}
          timeZone={timeZone(confirming.estateId)}
          onClose={() => setConfirming(null)}
        />
      ) : null}
      {collecting ? (
        <CollectModal
          request={{ id: collecting.id, number: collecting.number, feeFen: collecting.feeFen }}
          methods={officeMethods(collecting)}
          onClose={() => setCollecting(null)}
        />
      ) : null}
    </div>
  );
}
