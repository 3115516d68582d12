/**
 * 公司回访 (seed 004 第四十二条: 投诉处理完毕后由公司进行回访): the company complaint centre's list of handled
 * complaints — done, confirmed or already closed by the estate — that it still owes a callback, oldest
 * handled first, and the callbacks it has made with the resident's satisfaction.
 */
import { PhoneOutlined, ReloadOutlined } from '@ant-design/icons';
import type { CompanyCallbackItem, RequestState } from '@wuye/contracts';
import { Badge, Button, Card, Segmented, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestStateTag } from '../../../shared/ui/RequestTags';
import { RequestActionModal } from '../../callbacks/components/RequestActionModal';
import { SATISFACTION_KEYS } from '../../requests/lib/labels';
import { useCompanyCallbacks } from '../complaints.api';
import { GradeTag, ValidityTag } from '../components/ComplaintTags';
import '../complaints.css';

type Status = 'due' | 'done';
const SATISFACTION_COLORS: Record<string, string> = { satisfied: 'green', fair: 'gold', dissatisfied: 'red' };

export default function CompanyCallbacksPage() {
  const { t } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const [status, setStatus] = useState<Status>('due');
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [calling, setCalling] = useState<string | null>(null);
  const list = useCompanyCallbacks({ estateId, status, ...paging });
  const timeZoneOf = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const counts = list.data?.counts;

  const columns: ColumnsType<CompanyCallbackItem> = [
    {
      key: 'number',
      title: t('companyCallback.number'),
      width: 160,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Link to={`/requests/${r.id}`} className="mono">
            {r.number}
          </Link>
          <RequestStateTag state={r.state as RequestState} />
        </Space>
      ),
    },
    ...(multiple && !estateId
      ? [{ key: 'estate', title: t('header.estate'), width: 100, dataIndex: 'estateName' }]
      : []),
    {
      key: 'grade',
      title: t('complaint.grade'),
      width: 130,
      render: (_, r) => (
        <Space size={4} wrap>
          <GradeTag grade={r.grade} />
          <ValidityTag validity={r.validity} />
        </Space>
      ),
    },
    {
      key: 'what',
      title: t('companyCallback.what'),
      render: (_, r) => (
        <div>
          <Space size={6} wrap>
            <strong>{r.unitLabel ?? ''}</strong>
            {r.reporterName ? <Typography.Text type="secondary">{r.reporterName}</Typography.Text> : null}
          </Space>
          <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: 0 }}>
            {r.description}
          </Typography.Paragraph>
          {r.resultText ? (
            <Typography.Text type="secondary" className="complaint-bench-sub">
              {t('companyCallback.result', { text: r.resultText })}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      key: 'handled',
      title: t('companyCallback.handled'),
      width: 150,
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <span>{formatDateTime(r.handledAt, timeZoneOf(r.estateId))}</span>
          <Typography.Text type="secondary" className="complaint-bench-sub">
            {t('complaintBench.owner', { name: r.ownerName })}
          </Typography.Text>
        </Space>
      ),
    },
    status === 'due'
      ? {
          key: 'call',
          title: t('companyCallback.tries'),
          width: 190,
          render: (_, r) => (
            <Space>
              {r.tries ? (
                <Tooltip
                  title={
                    r.lastTryAt
                      ? t('companyCallback.lastTry', {
                          at: formatDateTime(r.lastTryAt, timeZoneOf(r.estateId)),
                        })
                      : undefined
                  }
                >
                  <Tag color="orange">{t('companyCallback.triesCount', { n: r.tries })}</Tag>
                </Tooltip>
              ) : null}
              <Button
                type="primary"
                size="small"
                icon={<PhoneOutlined />}
                data-testid={`company-callback-${r.number}`}
                onClick={() => setCalling(r.id)}
              >
                {t('callback.companyTitle')}
              </Button>
            </Space>
          ),
        }
      : {
          key: 'done',
          title: t('companyCallback.made'),
          width: 240,
          render: (_, r) =>
            r.companyCallback ? (
              <Space direction="vertical" size={0}>
                <Space size={4}>
                  {r.companyCallback.satisfaction ? (
                    <Tag color={SATISFACTION_COLORS[r.companyCallback.satisfaction]}>
                      {t(SATISFACTION_KEYS[r.companyCallback.satisfaction])}
                    </Tag>
                  ) : null}
                  <span>{r.companyCallback.byName}</span>
                </Space>
                <Typography.Text type="secondary" className="complaint-bench-sub">
                  {formatDateTime(r.companyCallback.at, timeZoneOf(r.estateId))}
                </Typography.Text>
                {r.companyCallback.comment ? (
                  <Typography.Text className="complaint-bench-sub">
                    “{r.companyCallback.comment}”
                  </Typography.Text>
                ) : null}
              </Space>
            ) : null,
        },
  ];

  return (
    <>
      <PageHeader
        title={t('companyCallback.title')}
        subtitle={t('companyCallback.subtitle')}
        extra={
          <Tooltip title={t('common.refresh')}>
            <Button icon={<ReloadOutlined spin={list.isFetching} />} onClick={() => list.refetch()} />
          </Tooltip>
        }
      />
      <Card styles={{ body: { paddingTop: 12 } }}>
        <Segmented
          style={{ marginBottom: 12 }}
          value={status}
          onChange={(v) => {
            setStatus(v as Status);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
          options={(['due', 'done'] as const).map((s) => ({
            value: s,
            label: (
              <span data-testid={`company-callbacks-${s}`}>
                {t(`companyCallback.view.${s}` as MessageKey)}
                {counts ? (
                  <Badge
                    count={counts[s]}
                    size="small"
                    showZero
                    color={s === 'due' ? '#d46b08' : '#8c8c8c'}
                    style={{ marginLeft: 6 }}
                  />
                ) : null}
              </span>
            ),
          }))}
        />
        {list.isError ? <QueryError error={list.error} onRetry={() => list.refetch()} /> : null}
        <Table<CompanyCallbackItem>
          rowKey="id"
          size="middle"
          data-testid="company-callbacks"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isPending}
          locale={{ emptyText: t(`companyCallback.empty.${status}` as MessageKey) }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: list.data?.total ?? 0,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
        />
      </Card>
      {calling ? (
        <RequestActionModal requestId={calling} kind="callback" onClose={() => setCalling(null)} />
      ) : null}
    </>
  );
}
