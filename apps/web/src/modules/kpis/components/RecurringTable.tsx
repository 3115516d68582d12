/**
 * 反复出现的问题: each problem (category × building or public location) with its count this month and in
 * 90 days, households, whether it recurred last month, and the root causes and corrective actions of its
 * closed complaints; a row opens to its complaints, each linking to its request.
 */
import { REQUEST_STATE_LABELS, type RecurringProblem, type RequestState } from '@wuye/contracts';
import { Empty, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { HTMLAttributes } from 'react';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDate, formatDateTime } from '../../../shared/format';

const rowKey = (g: RecurringProblem) =>
  `${g.estateId}:${g.categoryId}:${g.locationKind}:${g.locationLabel ?? ''}`;

function Requests({ group }: { group: RecurringProblem }) {
  const { t, label } = useI18n();
  const { estates } = useEstate();
  const tz = estates.find((e) => e.id === group.estateId)?.timeZone;
  return (
    <div className="analysis-requests" data-testid="recurring-requests">
      <Typography.Text type="secondary">{t('analysis.requests')}</Typography.Text>
      <ul>
        {group.requests.map((r) => (
          <li key={r.id} className={r.inMonth ? '' : 'is-earlier'}>
            <Tag bordered={false} color={r.inMonth ? 'volcano' : 'default'}>
              {t(r.inMonth ? 'analysis.inMonth' : 'analysis.earlier')}
            </Tag>
            <Link to={`/requests/${r.id}`} className="mono" data-testid="recurring-request-link">
              {r.number}
            </Link>
            <span className="analysis-requests-when">{formatDateTime(r.receivedAt, tz)}</span>
            <span className="analysis-requests-unit">{r.unitLabel ?? ''}</span>
            <span className="analysis-requests-text">{r.description}</span>
            <Tag>{label(REQUEST_STATE_LABELS, r.state as RequestState)}</Tag>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function RecurringTable({ items, showEstate }: { items: RecurringProblem[]; showEstate: boolean }) {
  const { t } = useI18n();
  const { estates } = useEstate();
  const columns: ColumnsType<RecurringProblem> = [
    {
      key: 'category',
      title: t('analysis.col.category'),
      width: 130,
      render: (_, g) => <strong>{g.categoryName}</strong>,
    },
    ...(showEstate
      ? [
          {
            key: 'estate',
            title: t('header.estate'),
            width: 96,
            render: (_: unknown, g: RecurringProblem) => g.estateName,
          },
        ]
      : []),
    {
      key: 'location',
      title: t('analysis.col.location'),
      width: 120,
      render: (_, g) => g.locationLabel ?? <span className="muted">{t('analysis.noLocation')}</span>,
    },
    {
      key: 'count',
      title: t('analysis.col.count'),
      width: 80,
      align: 'right',
      render: (_, g) => (
        <span className="analysis-count" data-testid="recurring-count">
          {t('analysis.times', { n: g.count })}
        </span>
      ),
    },
    {
      key: 'last90',
      title: t('analysis.col.last90'),
      width: 84,
      align: 'right',
      render: (_, g) => t('analysis.times', { n: g.countLast90Days }),
    },
    {
      key: 'households',
      title: t('analysis.col.households'),
      width: 84,
      align: 'right',
      render: (_, g) => t('analysis.householdsN', { n: g.households }),
    },
    {
      key: 'lastMonth',
      title: t('analysis.col.lastMonth'),
      width: 140,
      render: (_, g) =>
        g.recurredLastMonth ? (
          <Tag color="red" data-testid="recurring-last-month">
            {t('analysis.lastMonthToo', { n: g.previousMonthCount })}
          </Tag>
        ) : (
          <span className="muted">{t('analysis.lastMonthCount', { n: g.previousMonthCount })}</span>
        ),
    },
    {
      key: 'actions',
      title: t('analysis.col.actions'),
      render: (_, g) => {
        const tz = estates.find((e) => e.id === g.estateId)?.timeZone;
        return g.preventiveActions.length ? (
          <ul className="analysis-actions" data-testid="recurring-actions">
            {g.preventiveActions.map((a) => (
              <li key={a.requestId}>
                {a.correctiveAction ? (
                  <div>
                    <Tag bordered={false} color="green">
                      {t('analysis.action')}
                    </Tag>
                    {a.correctiveAction}
                  </div>
                ) : null}
                {a.rootCause ? (
                  <div className="analysis-actions-cause">
                    <Tag bordered={false}>{t('analysis.rootCause')}</Tag>
                    {a.rootCause}
                  </div>
                ) : null}
                <div className="analysis-actions-source">
                  <Link to={`/requests/${a.requestId}`} className="mono">
                    {a.number}
                  </Link>
                  {a.closedAt ? ` · ${formatDate(a.closedAt, tz)}` : ''}
                </div>
              </li>
            ))}
          </ul>
        ) : (
          <span className="muted">{t('analysis.noActions')}</span>
        );
      },
    },
  ];
  return (
    <Table<RecurringProblem>
      rowKey={rowKey}
      size="middle"
      data-testid="recurring-problems"
      columns={columns}
      dataSource={items}
      pagination={false}
      onRow={() => ({ 'data-testid': 'recurring-problem' }) as HTMLAttributes<HTMLElement>}
      expandable={{
        expandedRowRender: (g) => <Requests group={g} />,
        rowExpandable: (g) => g.requests.length > 0,
      }}
      locale={{
        emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis.noRecurring')} />,
      }}
    />
  );
}
