/** The callback list of one tab: each request with its completion, fee, callback clock, tries and samples. */
import { CheckOutlined, PhoneOutlined } from '@ant-design/icons';
import { ROLE_LABELS } from '@wuye/contracts';
import { Button, Empty, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { scrollWidth } from '../../../shared/ui/tableWidth';
import { Countdown } from '../../requests/components/Countdown';
import { DESK_ROLES } from '../../requests/lib/actions';
import type { CallbackDueItem, DueTab } from '../callbacks.api';

const EMPTY: Record<DueTab, MessageKey> = {
  all: 'callbacks.empty.all',
  mine: 'callbacks.empty.mine',
  overdue: 'callbacks.empty.overdue',
  retrying: 'callbacks.empty.retrying',
};

export function DueTable({
  tab,
  items,
  total,
  loading,
  page,
  pageSize,
  onPage,
  now,
  timeZoneOf,
  estateNameOf,
  onAct,
}: {
  tab: DueTab;
  items: CallbackDueItem[];
  total: number;
  loading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
  now: number;
  timeZoneOf: (estateId: string) => string | undefined;
  /** Set when the list covers several estates: the estate column shows. */
  estateNameOf?: (estateId: string) => string;
  onAct: (item: CallbackDueItem, kind: 'callback' | 'close') => void;
}) {
  const { t, label } = useI18n();
  const user = useCurrentUser();
  const mayClose = user.roles.some((r) => DESK_ROLES.includes(r));

  const columns: ColumnsType<CallbackDueItem> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 140,
      fixed: 'left',
      render: (v: string, r) => (
        <div className="due-number">
          <Link to={`/requests/${r.id}`} className="mono">
            {v}
          </Link>
          <span className="due-number-tags">
            {r.mine ? (
              <Tag color="blue" bordered={false}>
                {t('callbacks.mineTag')}
              </Tag>
            ) : null}
            {r.state === 'callback_done' ? (
              <Tag color="green" bordered={false}>
                {t('callbacks.calledBack')}
              </Tag>
            ) : null}
          </span>
        </div>
      ),
    },
    ...(estateNameOf
      ? [
          {
            title: t('request.estate'),
            dataIndex: 'estateId',
            width: 84,
            ellipsis: true,
            render: (v: string) => estateNameOf(v),
          },
        ]
      : []),
    {
      title: t('request.unit'),
      dataIndex: 'unitLabel',
      width: 100,
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
      title: t('callbacks.col.completedAt'),
      dataIndex: 'completedAt',
      width: 116,
      render: (v: string | null, r) => (
        <div className="due-completed">
          <Tooltip title={formatDateTime(v, timeZoneOf(r.estateId))}>
            <span className="mono nowrap">{formatDateTime(v, timeZoneOf(r.estateId)).slice(5)}</span>
          </Tooltip>
          {r.chargeable ? (
            <span className="mono due-fee">{formatMoney(r.feeFen)}</span>
          ) : (
            <span className="muted due-fee">{t('callbacks.free')}</span>
          )}
        </div>
      ),
    },
    {
      title: t('callbacks.col.clock'),
      dataIndex: 'clock',
      width: 150,
      render: (_, r) =>
        r.clock ? (
          <Tooltip title={t('clock.due', { time: formatDateTime(r.clock.dueAt, timeZoneOf(r.estateId)) })}>
            <span>
              {/* A clock the sweeper marked missed that nobody has met yet is still running late. */}
              <Countdown
                clock={
                  r.clock.status === 'missed' && !r.clock.metAt ? { ...r.clock, status: 'pending' } : r.clock
                }
                now={now}
              />
            </span>
          </Tooltip>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    {
      title: t('callbacks.col.tries'),
      dataIndex: 'tries',
      width: 124,
      render: (_, r) => <Tries item={r} now={now} timeZone={timeZoneOf(r.estateId)} />,
    },
    {
      title: t('callbacks.col.assigned'),
      dataIndex: 'assignments',
      width: 160,
      render: (_, r) =>
        r.assignments.length ? (
          <div className="due-assignments">
            {r.assignments.map((a) => (
              <Tooltip
                key={a.role}
                title={[
                  label(ROLE_LABELS, a.role),
                  a.role !== 'cs_agent' && !a.assigneeName ? t('callbacks.quota.nobody') : null,
                  t(a.status === 'done' ? 'callbacks.assignmentDone' : 'callbacks.assignmentPending'),
                ]
                  .filter(Boolean)
                  .join(' · ')}
              >
                <Tag
                  bordered={false}
                  color={a.status === 'done' ? 'success' : a.role === 'cs_agent' ? 'default' : 'processing'}
                  icon={a.status === 'done' ? <CheckOutlined /> : undefined}
                >
                  {a.role === 'cs_agent'
                    ? t('callbacks.pool')
                    : `${label(ROLE_LABELS, a.role)}${a.assigneeName ? ` ${a.assigneeName}` : ''}`}
                </Tag>
              </Tooltip>
            ))}
          </div>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    {
      title: t('callbacks.col.actions'),
      key: 'actions',
      width: 168,
      fixed: 'right',
      render: (_, r) => {
        const awaiting = r.state === 'done' || r.state === 'confirmed';
        return (
          <Space size={4} direction="vertical" align="start">
            {awaiting || r.mine ? (
              <Button
                size="small"
                type={r.mine ? 'primary' : 'default'}
                icon={<PhoneOutlined />}
                data-testid={`callback-${r.number}`}
                onClick={() => onAct(r, 'callback')}
              >
                {t('callbacks.callBack')}
              </Button>
            ) : null}
            {r.closableAsUnreachable && mayClose ? (
              <Button size="small" danger data-testid={`close-${r.number}`} onClick={() => onAct(r, 'close')}>
                {t('callbacks.closeUnreachable')}
              </Button>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <Table<CallbackDueItem>
      data-testid={`due-${tab}`}
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={items}
      loading={loading}
      scroll={{ x: scrollWidth(columns, estateNameOf ? 110 : 140) }}
      rowClassName={(r) => (r.overdue ? 'due-row-overdue' : r.mine ? 'due-row-mine' : '')}
      locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t(EMPTY[tab])} /> }}
      pagination={{
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        showTotal: (n) => t('common.total', { total: n }),
        onChange: onPage,
      }}
    />
  );
}

function Tries({ item, now, timeZone }: { item: CallbackDueItem; now: number; timeZone?: string }) {
  const { t } = useI18n();
  if (item.tries === 0) return <span className="muted">{t('callbacks.noTries')}</span>;
  const due = item.nextTryAt ? Date.parse(item.nextTryAt) <= now : false;
  return (
    <div className="due-tries">
      <span className={item.closableAsUnreachable ? 'due-tries-used' : 'due-tries-count'}>
        {t('callbacks.tries', { n: item.tries, max: item.maxTries })}
      </span>
      <span className={due ? 'due-tries-next is-due' : 'due-tries-next muted'}>
        {item.closableAsUnreachable
          ? t('callbacks.lastTriesUsed', { max: item.maxTries })
          : item.nextTryAt
            ? due
              ? t('callbacks.nextTryDue')
              : t('callbacks.nextTry', { time: formatDateTime(item.nextTryAt, timeZone).slice(5) })
            : null}
      </span>
    </div>
  );
}
