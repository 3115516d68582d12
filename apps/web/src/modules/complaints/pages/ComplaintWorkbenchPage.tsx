/**
 * 投诉工作台: the customer-service supervisor's complaints — the open ones by their nearest complaint
 * clock (missed first), with grade, class, flags, the collective event and same-issue proposals to
 * confirm; counters for what needs the supervisor; the register (投诉记录表) as an xlsx file.
 */
import { ReloadOutlined } from '@ant-design/icons';
import type { ComplaintGrade, ComplaintRegisterItem } from '@wuye/contracts';
import { Badge, Button, Card, Segmented, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { Countdown } from '../../requests/components/Countdown';
import { useNow } from '../../requests/components/useNow';
import { DEADLINE_KIND_KEYS } from '../../requests/lib/labels';
import { type RegisterFilters, useComplaintCount, useComplaintRegister } from '../complaints.api';
import { GradeTag, gradeKey, ValidityTag } from '../components/ComplaintTags';
import '../complaints.css';

type View = 'open' | 'unclassed' | 'proposals' | 'serious' | 'all';
const VIEWS: readonly View[] = ['open', 'unclassed', 'proposals', 'serious', 'all'];

function viewFilters(view: View): Omit<RegisterFilters, 'estateId' | 'grade'> {
  switch (view) {
    case 'open':
      return { open: true };
    case 'unclassed':
      return { open: true, validity: 'none' };
    case 'proposals':
      return { open: true, proposals: true };
    case 'serious':
      return { open: true };
    case 'all':
      return {};
  }
}

export default function ComplaintWorkbenchPage() {
  const { t } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const [view, setView] = useState<View>('open');
  const [grade, setGrade] = useState<ComplaintGrade | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const now = useNow(1000);
  const filters: RegisterFilters = { estateId, ...viewFilters(view), grade };
  const list = useComplaintRegister({ ...filters, ...paging });
  const counts = {
    unclassed: useComplaintCount({ estateId, open: true, validity: 'none' }),
    proposals: useComplaintCount({ estateId, open: true, proposals: true }),
    major: useComplaintCount({ estateId, open: true, grade: 'major' }),
    hot: useComplaintCount({ estateId, open: true, grade: 'hot' }),
  };
  const timeZoneOf = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const none = <span className="muted">{t('common.none')}</span>;

  const columns: ColumnsType<ComplaintRegisterItem> = [
    {
      key: 'number',
      title: t('complaintBench.number'),
      width: 150,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/requests/${r.id}`} className="mono">
            {r.number}
          </Link>
          <Typography.Text type="secondary" className="complaint-bench-sub">
            {formatDateTime(r.receivedAt, timeZoneOf(r.estateId))}
          </Typography.Text>
        </Space>
      ),
    },
    ...(multiple && !estateId
      ? [
          {
            key: 'estate',
            title: t('header.estate'),
            width: 100,
            render: (_: unknown, r: ComplaintRegisterItem) => estates.find((e) => e.id === r.estateId)?.name,
          },
        ]
      : []),
    {
      key: 'grade',
      title: t('complaint.grade'),
      width: 150,
      render: (_, r) => (
        <Space size={4} wrap>
          <GradeTag grade={r.grade} />
          <ValidityTag validity={r.validity} showNone />
          {r.collectiveEventId ? <Tag color="red">{t('complaint.collective')}</Tag> : null}
          {r.flags.map((f) => (
            <Tag key={f} color="magenta">
              {t(`complaint.flag.${f}` as MessageKey)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      key: 'what',
      title: t('complaintBench.what'),
      render: (_, r) => (
        <div>
          <Space size={6} wrap>
            <strong>{r.unitLabel ?? ''}</strong>
            {r.categoryName ? <Typography.Text type="secondary">{r.categoryName}</Typography.Text> : null}
          </Space>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {r.description}
          </Typography.Paragraph>
        </div>
      ),
    },
    {
      key: 'links',
      title: t('complaint.links'),
      width: 110,
      render: (_, r) => (
        <Space size={4} wrap>
          {r.linked ? <Tag color="blue">{t('complaintBench.linked', { count: r.linked })}</Tag> : null}
          {r.proposals ? (
            <Tag color="orange" data-testid="bench-proposals">
              {t('complaintBench.proposals', { count: r.proposals })}
            </Tag>
          ) : null}
          {!r.linked && !r.proposals ? none : null}
        </Space>
      ),
    },
    {
      key: 'people',
      title: t('complaintBench.people'),
      width: 130,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{r.responsibleName ?? t('common.none')}</span>
          <Typography.Text type="secondary" className="complaint-bench-sub">
            {t('complaintBench.owner', { name: r.ownerName })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      key: 'clock',
      title: t('complaintBench.clock'),
      width: 170,
      render: (_, r) =>
        r.nextKind && r.nextDueAt && r.nextStartedAt ? (
          <Space direction="vertical" size={0}>
            <span>{t(DEADLINE_KIND_KEYS[r.nextKind] ?? 'clock.kind.other')}</span>
            <Countdown
              clock={{
                startedAt: r.nextStartedAt,
                dueAt: r.nextDueAt,
                warnAt: r.nextWarnAt,
                status: r.nextStatus ?? 'pending',
              }}
              now={now}
            />
          </Space>
        ) : r.closedAt ? (
          <Typography.Text type="secondary">{t('complaintBench.closed')}</Typography.Text>
        ) : (
          none
        ),
    },
  ];

  const counter = (key: keyof typeof counts, label: MessageKey, color: string, onClick: () => void) => (
    <Card
      size="small"
      hoverable
      onClick={onClick}
      className="complaint-bench-counter"
      data-testid={`bench-${key}`}
    >
      <Typography.Text type="secondary">{t(label)}</Typography.Text>
      <div className="complaint-bench-count" style={{ color }}>
        {counts[key].data ?? '–'}
      </div>
    </Card>
  );

  return (
    <>
      <PageHeader
        title={t('complaintBench.title')}
        subtitle={t('complaintBench.subtitle')}
        extra={
          <Space>
            <ExportButton
              path="/api/complaints/export"
              query={{ ...filters }}
              doneKey="complaintBench.exported"
              testId="complaints-export"
            />
            <Tooltip title={t('common.refresh')}>
              <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => list.refetch()} />
            </Tooltip>
          </Space>
        }
      />
      <div className="complaint-bench-counters">
        {counter('unclassed', 'complaintBench.view.unclassed', '#d46b08', () => setView('unclassed'))}
        {counter('proposals', 'complaintBench.view.proposals', '#d48806', () => setView('proposals'))}
        {counter('hot', 'complaint.grade.hot', '#d4380d', () => {
          setView('serious');
          setGrade('hot');
        })}
        {counter('major', 'complaint.grade.major', '#cf1322', () => {
          setView('serious');
          setGrade('major');
        })}
      </div>
      <Card styles={{ body: { paddingTop: 12 } }}>
        <Space wrap style={{ marginBottom: 12 }}>
          <Segmented
            value={view}
            onChange={(v) => {
              setView(v as View);
              if (v !== 'serious') setGrade(undefined);
              setPaging((p) => ({ ...p, page: 1 }));
            }}
            options={VIEWS.map((v) => ({
              value: v,
              label: (
                <span>
                  {t(`complaintBench.view.${v}` as MessageKey)}
                  {v === 'unclassed' && counts.unclassed.data ? (
                    <Badge count={counts.unclassed.data} size="small" style={{ marginLeft: 6 }} />
                  ) : null}
                </span>
              ),
            }))}
          />
          <Select
            allowClear
            placeholder={t('complaint.grade')}
            value={grade}
            onChange={(g) => setGrade(g)}
            style={{ width: 140 }}
            options={(['major', 'hot', 'important', 'general'] as const).map((g) => ({
              value: g,
              label: t(gradeKey(g)),
            }))}
          />
        </Space>
        {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        <Table<ComplaintRegisterItem>
          rowKey="id"
          size="middle"
          data-testid="complaint-bench"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          rowClassName={(r) => (r.overdue ? 'complaint-bench-overdue' : '')}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
    </>
  );
}
