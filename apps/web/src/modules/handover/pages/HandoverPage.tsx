/**
 * 夜间交接 (spec 01 §7): the requests the night shift took (18:30–08:30) and older night requests still
 * undispatched; the morning dispatches each from its row, then records who handed over what to whom.
 */
import { CheckCircleFilled, LeftOutlined, ReloadOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, DatePicker, Empty, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { addDaysToDate, formatDateTime, toZoned } from '../../../shared/format';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestFlags, RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { useDepartments } from '../../organization/organization.api';
import { HandoverForm } from '../components/HandoverForm';
import { QuickDispatch } from '../components/QuickDispatch';
import { type NightRequest, useNightShift } from '../handover.api';
import '../handover.css';

export default function HandoverPage() {
  const { t } = useI18n();
  const { estateId, estate } = useEstate();
  const [date, setDate] = useState<string | undefined>();
  const shift = useNightShift(estateId, date);
  const departments = useDepartments(estateId);
  const tz = estate?.timeZone;
  const data = shift.data;

  if (!estateId)
    return (
      <div className="handover-page">
        <PageHeader title={t('handover.title')} />
        <Card>
          <Empty description={t('handover.chooseEstate')} />
        </Card>
      </div>
    );

  const fmt = (iso: string) => toZoned(iso, tz).format('MM-DD HH:mm');
  const items = data?.items ?? [];
  const waiting = items.filter((i) => i.state === 'new').length;
  const carried = items.filter((i) => i.carriedOver).length;
  const shiftDate = data?.shiftDate;
  const move = (days: number) => shiftDate && setDate(addDaysToDate(shiftDate, days));

  const columns: ColumnsType<NightRequest> = [
    {
      title: t('request.number'),
      dataIndex: 'number',
      width: 170,
      render: (v: string, r) => (
        <div className="handover-number">
          <Link to={`/requests/${r.id}`} className="mono">
            {v}
          </Link>
          <span className="handover-flags">
            {r.carriedOver ? (
              <Tag color="red" bordered={false} className="flag-tag">
                {t('handover.carriedOver')}
              </Tag>
            ) : null}
            <RequestFlags vip={r.vip} repeatOf={r.repeatOf} reworkOf={r.reworkOf} />
          </span>
        </div>
      ),
    },
    {
      title: t('handover.receivedAt'),
      dataIndex: 'receivedAt',
      width: 104,
      render: (v: string, r) => (
        <div>
          <div className="mono">{r.carriedOver ? fmt(v) : formatDateTime(v, tz).slice(11)}</div>
          <div className="muted handover-small">{r.receivedByName}</div>
        </div>
      ),
    },
    {
      title: t('request.type'),
      dataIndex: 'type',
      width: 76,
      render: (_, r) => <RequestTypeTag type={r.type} />,
    },
    {
      title: t('request.unit'),
      dataIndex: 'unitLabel',
      width: 120,
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
      title: t('request.state'),
      dataIndex: 'state',
      width: 96,
      render: (_, r) => <RequestStateTag state={r.state} />,
    },
    {
      title: t('handover.dispatchTo'),
      key: 'dispatch',
      width: 330,
      render: (_, r) =>
        r.state === 'new' ? (
          <QuickDispatch row={r} departments={departments.data?.items ?? []} />
        ) : (
          <span data-testid="handover-dispatched">
            {[r.departmentName, r.assigneeName].filter(Boolean).join(' / ') || t('common.none')}
          </span>
        ),
    },
  ];

  return (
    <div className="handover-page">
      <PageHeader
        title={t('handover.title')}
        subtitle={
          data
            ? `${t('handover.window', { from: fmt(data.from), to: fmt(data.to) })} · ${estate?.name ?? ''}`
            : undefined
        }
        extra={
          <Space>
            <Button icon={<LeftOutlined />} onClick={() => move(-1)} disabled={!shiftDate}>
              {t('handover.prevNight')}
            </Button>
            <DatePicker
              value={shiftDate ? dayjs(shiftDate) : undefined}
              allowClear={false}
              onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
            />
            <Button onClick={() => move(1)} disabled={!shiftDate || date === undefined}>
              {t('handover.nextNight')} <RightOutlined />
            </Button>
            <Button onClick={() => setDate(undefined)} disabled={date === undefined}>
              {t('handover.tonight')}
            </Button>
            <ExportButton
              path="/api/handovers/night/export"
              query={{ estateId, date: shiftDate }}
              doneKey="handover.exported"
              disabled={!estateId || !shiftDate}
              testId="handover-export"
            />
            <Button
              icon={<ReloadOutlined spin={shift.isFetching} />}
              aria-label={t('common.refresh')}
              onClick={() => shift.refetch()}
            />
          </Space>
        }
      />
      {shift.isError ? <QueryError error={shift.error} onRetry={() => shift.refetch()} /> : null}
      {data?.handover ? (
        <Alert
          className="handover-record"
          data-testid="handover-record"
          type="success"
          showIcon
          icon={<CheckCircleFilled />}
          message={
            <span>
              <strong>{t('handover.done')}</strong>
              {'：'}
              {t('handover.doneBy', {
                from: data.handover.handedOverByName,
                to: data.handover.receivedByName,
              })}
              <span className="muted">
                {' · '}
                {formatDateTime(data.handover.at, tz)}
                {' · '}
                {t('handover.count', { n: data.handover.requestIds.length })}
              </span>
            </span>
          }
          description={data.handover.notes ?? undefined}
        />
      ) : null}
      <Card
        className="handover-table"
        title={
          data ? (
            <span data-testid="handover-stats">
              {t('handover.stats', { total: items.length - carried, waiting, carried })}
            </span>
          ) : null
        }
        styles={{ body: { padding: 0 } }}
      >
        <Table<NightRequest>
          data-testid="handover-list"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={items}
          loading={shift.isPending}
          pagination={false}
          scroll={{ x: 1080 }}
          rowClassName={(r) => (r.carriedOver ? 'handover-row-carried' : '')}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('handover.empty')} />,
          }}
        />
      </Card>
      {data && !data.handover ? <HandoverForm key={data.shiftDate} shift={data} /> : null}
    </div>
  );
}
