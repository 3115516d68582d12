/**
 * 超时与升级: the clock alerts addressed to me (or, for supervisors and managers, all of the estate) —
 * the level on the escalation ladder, the clock, how late, who must act, and the acknowledgement.
 */
import { CheckOutlined, ReloadOutlined } from '@ant-design/icons';
import { ROLE_LABELS, type Role } from '@wuye/contracts';
import { App, Button, Card, Empty, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { formatDateTime } from '../../../shared/format';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { scrollWidth } from '../../../shared/ui/tableWidth';
import { useDurationText } from '../../requests/components/Countdown';
import { useNow } from '../../requests/components/useNow';
import { DEADLINE_KIND_KEYS } from '../../requests/lib/labels';
import { type AlertItem, type AlertKind, useAcknowledge, useAlerts } from '../alerts.api';
import { AlertLadder } from '../components/AlertLadder';
import '../alerts.css';

/** Roles that may look at every alert of their estates (requests.alerts.ts, OVERVIEW_ROLES). */
const OVERVIEW_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm', 'quality'];
const KINDS: readonly AlertKind[] = ['warning', 'missed', 'escalation'];

export default function AlertsPage() {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const { estateId, estates } = useEstate();
  const overview = user.roles.some((r) => OVERVIEW_ROLES.includes(r));
  const [scope, setScope] = useState<'mine' | 'all'>('mine');
  const [status, setStatus] = useState<'open' | 'all'>('open');
  const [kind, setKind] = useState<AlertKind | undefined>();
  const [sort, setSort] = useState<'raisedAt' | 'level'>('raisedAt');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const now = useNow(1000);
  const duration = useDurationText();
  const filters = {
    estateId,
    all: overview && scope === 'all' ? true : undefined,
    open: status === 'open' ? true : undefined,
    kind,
    sort,
  };
  const query = useAlerts({ ...filters, ...paging });
  const ack = useAcknowledge();
  const timeZone = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPaging((p) => ({ ...p, page: 1 }));
    };

  const acknowledge = async (a: AlertItem) => {
    try {
      await ack.mutateAsync(a.id);
      message.success(t('alerts.ackDone'));
    } catch (e) {
      message.error(isApiError(e) ? e.message : t('common.loadFailed'));
    }
  };

  const lateness = (a: AlertItem) => {
    const due = Date.parse(a.dueAt);
    if (a.metAt) {
      const late = Date.parse(a.metAt) - due;
      return late > 0 ? (
        <span className="alert-late is-settled">{t('alerts.metLate', { time: duration(late) })}</span>
      ) : (
        <span className="alert-late is-ok">{t('alerts.metOnTime')}</span>
      );
    }
    if (a.deadlineStatus === 'cancelled') return <span className="muted">{t('alerts.closed')}</span>;
    if (now < due)
      return (
        <span className="alert-late is-warning">{t('alerts.leftOf', { time: duration(due - now) })}</span>
      );
    return <span className="alert-late is-late">{t('alerts.lateBy', { time: duration(now - due) })}</span>;
  };

  const recipient = (a: AlertItem) => {
    const parts: string[] = [];
    if (a.recipientUserId) parts.push(t('alerts.toOwner', { name: a.recipientName ?? '' }));
    if (a.recipientRole) parts.push(label(ROLE_LABELS, a.recipientRole as Role));
    return parts.join(' · ');
  };

  const columns: ColumnsType<AlertItem> = [
    {
      title: t('alerts.col.level'),
      dataIndex: 'level',
      width: 140,
      render: (_, a) => <AlertLadder level={a.level} kind={a.kind} />,
    },
    {
      title: t('alerts.col.request'),
      dataIndex: 'requestNumber',
      render: (_, a) => (
        <div className="alert-request">
          <span>
            <Link to={`/requests/${a.requestId}`} className="mono">
              {a.requestNumber}
            </Link>
            {a.unitLabel ? <span className="alert-unit">{a.unitLabel}</span> : null}
          </span>
          <Typography.Text
            type="secondary"
            ellipsis={{ tooltip: a.description }}
            className="alert-description"
          >
            {a.description}
          </Typography.Text>
        </div>
      ),
    },
    {
      title: t('alerts.col.clock'),
      dataIndex: 'deadlineKind',
      width: 136,
      render: (v: string, a) => (
        <div className="alert-clock">
          <Tag bordered={false} color={a.kind === 'warning' ? 'gold' : 'red'}>
            {t(DEADLINE_KIND_KEYS[v] ?? 'clock.kind.other')}
          </Tag>
          <span className="muted mono">
            {t('alerts.dueAt', { time: formatDateTime(a.dueAt, timeZone(a.estateId)).slice(5) })}
          </span>
        </div>
      ),
    },
    { title: t('alerts.col.late'), key: 'late', width: 130, render: (_, a) => lateness(a) },
    {
      title: t('alerts.col.to'),
      key: 'to',
      width: 196,
      render: (_, a) => (
        <span className="alert-to">
          <span>{recipient(a)}</span>
          {a.mine ? (
            <Tag bordered={false} color="blue" className="alert-mine">
              {t('alerts.mineTag')}
            </Tag>
          ) : null}
        </span>
      ),
    },
    {
      title: t('alerts.col.raisedAt'),
      dataIndex: 'raisedAt',
      width: 104,
      render: (v: string, a) => (
        <span className="mono nowrap">{formatDateTime(v, timeZone(a.estateId)).slice(5)}</span>
      ),
    },
    {
      title: t('alerts.col.ack'),
      key: 'ack',
      width: 140,
      fixed: 'right',
      render: (_, a) =>
        a.acknowledgedAt ? (
          <div className="alert-acked">
            <span className="alert-acked-title">
              <CheckOutlined /> {t('alerts.acknowledged')}
            </span>
            <span className="muted">
              {t('alerts.acknowledgedBy', {
                name: a.acknowledgedByName ?? '',
                time: formatDateTime(a.acknowledgedAt, timeZone(a.estateId)).slice(5),
              })}
            </span>
          </div>
        ) : a.mine ? (
          <Button
            size="small"
            type="primary"
            data-testid={`ack-${a.id}`}
            loading={ack.isPending && ack.variables === a.id}
            onClick={() => acknowledge(a)}
          >
            {t('alerts.acknowledge')}
          </Button>
        ) : (
          <Tooltip title={t('alerts.notMine')}>
            <span className="muted">{t('alerts.status.open')}</span>
          </Tooltip>
        ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('alerts.title')}
        subtitle={t('alerts.subtitle')}
        extra={
          <Space>
            <ExportButton
              path="/api/alerts/export"
              query={filters}
              doneKey="alerts.exported"
              testId="alerts-export"
            />
            <Button icon={<ReloadOutlined spin={query.isFetching} />} onClick={() => query.refetch()}>
              {t('common.refresh')}
            </Button>
          </Space>
        }
      />
      <Card>
        <div className="filter-bar">
          {overview ? (
            <Segmented
              data-testid="alerts-scope"
              value={scope}
              onChange={filter(setScope)}
              options={[
                { value: 'mine', label: t('alerts.scope.mine') },
                { value: 'all', label: t('alerts.scope.all') },
              ]}
            />
          ) : null}
          <Segmented
            data-testid="alerts-status"
            value={status}
            onChange={filter(setStatus)}
            options={[
              { value: 'open', label: t('alerts.status.open') },
              { value: 'all', label: t('alerts.status.all') },
            ]}
          />
          <Select<AlertKind | undefined>
            allowClear
            aria-label={t('alerts.col.level')}
            placeholder={t('alerts.kind.all')}
            value={kind}
            onChange={filter(setKind)}
            options={KINDS.map((k) => ({ value: k, label: t(`alerts.kind.${k}`) }))}
            style={{ width: 140 }}
          />
          <Segmented
            value={sort}
            onChange={filter(setSort)}
            options={[
              { value: 'raisedAt', label: t('alerts.sort.raisedAt') },
              { value: 'level', label: t('alerts.sort.level') },
            ]}
          />
        </div>
        {query.isError ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
        <Table<AlertItem>
          data-testid="alerts-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isPending}
          scroll={{ x: scrollWidth(columns, 240) }}
          rowClassName={(a) => (!a.acknowledgedAt && a.mine ? 'alert-row-open' : '')}
          locale={{
            emptyText: (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t(status === 'open' ? 'alerts.emptyOpen' : 'alerts.empty')}
              />
            ),
          }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: query.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { total: n }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
