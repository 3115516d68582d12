/** 工单详情: who, where, what; the clocks; the timeline; callbacks; and the actions valid right now. */
import { ArrowLeftOutlined, PrinterOutlined, ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { CHANNEL_LABELS, REQUEST_STATE_LABELS, RESIDENT_REVEAL_ROLES } from '@wuye/contracts';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Rate,
  Result,
  Row,
  Skeleton,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { ComplaintCard } from '../../complaints/components/ComplaintCard';
import { useDepartments } from '../../organization/organization.api';
import { PaymentCard } from '../../payments/components/PaymentCard';
import { RevealButton } from '../../residents/components/RevealButton';
import { revealReporterPhone } from '../../residents/residents.api';
import { ActionBar } from '../components/ActionBar';
import { RequestClocks } from '../components/RequestClocks';
import { RequestFiles } from '../components/RequestFiles';
import { RequestTimeline } from '../components/RequestTimeline';
import { maskPhone } from '../lib/format';
import {
  CALLBACK_METHOD_KEYS,
  CONFIRMATION_KEYS,
  SATISFACTION_COLORS,
  SATISFACTION_KEYS,
  SIZE_KEYS,
  type Size,
  SUBTYPE_KEYS,
  type Subtype,
  URGENCY_KEYS,
} from '../lib/labels';
import { type RequestDetail, requestKey, useEstateStaff, useRequestDetail } from '../requests.api';
import '../requests.css';

type Completion = {
  workDone?: string;
  materials?: {
    name: string;
    quantity: number;
    unit?: string;
    suppliedByResident?: boolean;
    passedInspection?: boolean;
  }[];
  chargeable?: boolean;
  feeFen?: number;
  completedAt?: string;
  completedById?: string;
  leakTestAt?: string | null;
  residentConfirmation?: {
    method?: 'signature' | 'phone' | 'portal';
    note?: string;
    signatureFileId?: string;
  };
};

export default function RequestPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const query = useRequestDetail(id);
  const detail = query.data;

  if (query.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (!detail) {
    if (isApiError(query.error) && query.error.status === 404)
      return (
        <Result
          status="404"
          title={t('detail.notFound')}
          extra={
            <Link to="/requests">
              <Button>{t('detail.backToList')}</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  }
  return <RequestView detail={detail} refreshing={query.isFetching} onRefresh={() => query.refetch()} />;
}

function RequestView({
  detail,
  refreshing,
  onRefresh,
}: {
  detail: RequestDetail;
  refreshing: boolean;
  onRefresh: () => void;
}) {
  const { t, label } = useI18n();
  const { estates } = useEstate();
  const estate = estates.find((e) => e.id === detail.estateId);
  const timeZone = estate?.timeZone;
  const staff = useEstateStaff(detail.estateId);
  const staffName = (sid: string) => staff.data?.items.find((s) => s.id === sid)?.name;
  const departments = useDepartments(detail.estateId);
  const departmentName = (did: string) => departments.data?.items.find((d) => d.id === did)?.name;
  const none = <span className="muted">{t('common.none')}</span>;
  const completion = detail.completion as Completion | null;
  const receivedBy =
    detail.events.find((e) => e.action === 'created')?.actorName ?? staffName(detail.receivedById);
  const place = detail.unitLabel ?? detail.locationText;
  const user = useCurrentUser();
  const client = useQueryClient();
  const mayReveal =
    user.roles.some((r) => RESIDENT_REVEAL_ROLES.includes(r)) ||
    (user.roles.includes('technician') &&
      detail.assigneeId === user.id &&
      !['closed', 'cancelled'].includes(detail.state));

  const info: { key: string; label: string; children: ReactNode; span?: number }[] = [
    { key: 'estate', label: t('request.estate'), children: estate?.name ?? none },
    { key: 'channel', label: t('request.channel'), children: label(CHANNEL_LABELS, detail.channel) },
    {
      key: 'place',
      label: detail.unitId ? t('detail.unit') : t('detail.location'),
      children: place ?? none,
    },
    {
      key: 'reporter',
      label: t('request.reporter'),
      children: detail.reporterName ? (
        <Space size={8}>
          <span>{detail.reporterName}</span>
          {detail.reporterPhone ? (
            <span data-testid="request-phone">
              <RevealButton
                masked={maskPhone(detail.reporterPhone)}
                allowed={mayReveal}
                reveal={async () => {
                  const value = await revealReporterPhone(detail.id);
                  // The view is on the timeline now.
                  void client.invalidateQueries({ queryKey: requestKey(detail.id) });
                  return value;
                }}
                testId="request-phone-reveal"
              />
            </span>
          ) : null}
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'category',
      label: t('detail.category'),
      children: (
        <Space size={6} wrap>
          {detail.subtype && detail.subtype in SUBTYPE_KEYS ? (
            <Tag>{t(SUBTYPE_KEYS[detail.subtype as Subtype])}</Tag>
          ) : null}
          {detail.size ? <Tag>{t(SIZE_KEYS[detail.size as Size])}</Tag> : null}
          <span>{detail.categoryName ?? t('detail.noCategory')}</span>
        </Space>
      ),
    },
    {
      key: 'urgency',
      label: t('detail.urgency'),
      children:
        detail.urgency === 'scheduled' && detail.appointmentAt
          ? t('detail.appointmentAt', { time: formatDateTime(detail.appointmentAt, timeZone) })
          : t(URGENCY_KEYS[detail.urgency]),
    },
    { key: 'owner', label: t('request.owner'), children: detail.ownerName },
    {
      key: 'received',
      label: t('detail.receivedBy'),
      children: `${receivedBy ?? ''} · ${formatDateTime(detail.receivedAt, timeZone)}`,
    },
    { key: 'department', label: t('detail.department'), children: detail.departmentName ?? none },
    { key: 'assignee', label: t('detail.assignee'), children: detail.assigneeName ?? none },
  ];

  return (
    <div className="request-page">
      <PageHeader
        title={t('detail.heading')}
        subtitle={
          <Link to="/requests" className="back-link">
            <ArrowLeftOutlined /> {t('detail.backToList')}
          </Link>
        }
        extra={
          <Space>
            <Tooltip title={t('common.refresh')}>
              <Button
                icon={<ReloadOutlined spin={refreshing} />}
                aria-label={t('common.refresh')}
                onClick={onRefresh}
              />
            </Tooltip>
            <Link to={`/requests/${detail.id}/print`} target="_blank" rel="noopener">
              <Button icon={<PrinterOutlined />} data-testid="request-print">
                {t('detail.print')}
              </Button>
            </Link>
          </Space>
        }
      />

      <Card className="request-summary">
        <div className="request-heading">
          <span className="request-number mono" data-testid="request-number">
            {detail.number}
          </span>
          <RequestTypeTag type={detail.type} />
          <span data-testid="request-state" data-state={detail.state}>
            <RequestStateTag state={detail.state} />
          </span>
          {detail.emergency ? (
            <Tag color="red" data-testid="request-emergency">
              {t('request.emergency')}
            </Tag>
          ) : null}
          {detail.state === 'on_hold' && detail.stateBeforeHold ? (
            <Typography.Text type="secondary">
              {t('detail.heldFrom', { state: label(REQUEST_STATE_LABELS, detail.stateBeforeHold) })}
            </Typography.Text>
          ) : null}
          {detail.night ? <Tag color="#2f3b66">{t('detail.night')}</Tag> : null}
          {detail.repeatOf ? (
            <Link to={`/requests/${detail.repeatOf}`}>
              <Tag color="volcano">{t('detail.repeatOf')}</Tag>
            </Link>
          ) : null}
          {detail.reworkOf ? (
            <Link to={`/requests/${detail.reworkOf}`}>
              <Tag color="magenta">{t('detail.reworkOf')}</Tag>
            </Link>
          ) : null}
        </div>
        <Typography.Paragraph className="request-description" ellipsis={{ rows: 3, expandable: true }}>
          {detail.description}
        </Typography.Paragraph>
        <ActionBar detail={detail} />
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={15}>
          {detail.complaint ? (
            <Card title={t('complaint.card')} style={{ marginBottom: 16 }}>
              <ComplaintCard detail={detail} timeZone={timeZone} />
            </Card>
          ) : null}
          <Card title={t('detail.info')}>
            <Descriptions
              column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
              size="small"
              items={info}
              className="request-info"
            />
          </Card>
          <Card title={t('detail.timeline')} style={{ marginTop: 16 }}>
            <RequestTimeline
              detail={detail}
              timeZone={timeZone}
              staffName={staffName}
              departmentName={departmentName}
            />
          </Card>
          <Card
            title={`${t('files.title')}${detail.attachments.length ? ` · ${detail.attachments.length}` : ''}`}
            style={{ marginTop: 16 }}
          >
            <RequestFiles files={detail.attachments} />
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={t('detail.clocks')}>
            <RequestClocks detail={detail} timeZone={timeZone} />
          </Card>
          {detail.quote ? (
            <Card title={t('detail.quote')} style={{ marginTop: 16 }}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'm', label: t('quote.materials'), children: formatMoney(detail.quote.materialsFen) },
                  { key: 'l', label: t('quote.labour'), children: formatMoney(detail.quote.labourFen) },
                  ...(detail.quote.outsidePriceList
                    ? [{ key: 'o', label: t('quote.outside'), children: t('quote.outsidePriceList') }]
                    : []),
                  ...(detail.quote.agreementFileId
                    ? [
                        {
                          key: 'g',
                          label: t('quote.agreement'),
                          children: <Tag color="blue">{t('quote.agreementOnFile')}</Tag>,
                        },
                      ]
                    : []),
                  {
                    key: 'a',
                    label: t('quote.approval'),
                    children: detail.quote.needsApproval ? (
                      detail.quote.approvedAt ? (
                        <Tag color="green">
                          {t('quote.approvedAt', { time: formatDateTime(detail.quote.approvedAt, timeZone) })}
                        </Tag>
                      ) : (
                        <Tag color="orange">{t('quote.needsApproval')}</Tag>
                      )
                    ) : (
                      t('quote.noApproval')
                    ),
                  },
                ]}
              />
            </Card>
          ) : null}
          {completion ? (
            <Card title={t('detail.completion')} style={{ marginTop: 16 }}>
              <Descriptions
                column={1}
                size="small"
                items={[
                  { key: 'w', label: t('complete.workDone'), children: completion.workDone ?? none },
                  {
                    key: 'm',
                    label: t('complete.materials'),
                    children: completion.materials?.length
                      ? completion.materials
                          .map((m) => `${m.name} ×${m.quantity}${m.unit ?? ''}`)
                          .join(t('common.listSeparator'))
                      : none,
                  },
                  {
                    key: 'f',
                    label: t('complete.fee'),
                    children: completion.chargeable
                      ? formatMoney(completion.feeFen ?? 0)
                      : t('complete.free'),
                  },
                  {
                    key: 'c',
                    label: t('complete.confirmation'),
                    children: completion.residentConfirmation?.method
                      ? `${t(CONFIRMATION_KEYS[completion.residentConfirmation.method])}${
                          completion.residentConfirmation.note
                            ? t('timeline.paren', { text: completion.residentConfirmation.note })
                            : ''
                        }`
                      : none,
                  },
                  ...(completion.residentConfirmation?.signatureFileId
                    ? [
                        {
                          key: 'sig',
                          label: t('complete.signature'),
                          children: (
                            <a
                              href={`/api/files/${encodeURIComponent(completion.residentConfirmation.signatureFileId)}`}
                              target="_blank"
                              rel="noopener"
                            >
                              <img
                                className="signature-thumb"
                                data-testid="request-signature"
                                alt={t('complete.signature')}
                                src={`/api/files/${encodeURIComponent(completion.residentConfirmation.signatureFileId)}`}
                              />
                            </a>
                          ),
                        },
                      ]
                    : []),
                  {
                    key: 'at',
                    label: t('detail.completedAt'),
                    children: `${completion.completedById ? (staffName(completion.completedById) ?? '') : ''} ${formatDateTime(completion.completedAt, timeZone)}`,
                  },
                ]}
              />
            </Card>
          ) : null}
          <PaymentCard detail={detail} timeZone={timeZone} className="request-side-card" />
          <Card title={t('detail.callbacks')} style={{ marginTop: 16 }}>
            {detail.callbacks.length === 0 ? (
              <Empty
                image={Empty.PRESENTED_IMAGE_SIMPLE}
                description={t('detail.noCallbacks')}
                style={{ margin: '4px 0' }}
              />
            ) : (
              <List
                size="small"
                dataSource={detail.callbacks}
                renderItem={(c) => (
                  <List.Item key={c.id} className="callback-item">
                    <div>
                      <div className="callback-head">
                        <strong>{c.byName}</strong>
                        <span className="muted">{t(CALLBACK_METHOD_KEYS[c.method])}</span>
                        <span className="mono muted">{formatDateTime(c.at, timeZone)}</span>
                      </div>
                      <div className="callback-body">
                        {c.reached ? (
                          <>
                            {c.satisfaction ? (
                              <Tag color={SATISFACTION_COLORS[c.satisfaction]}>
                                {t(SATISFACTION_KEYS[c.satisfaction])}
                              </Tag>
                            ) : null}
                            {c.stars ? <Rate disabled value={c.stars} className="timeline-stars" /> : null}
                          </>
                        ) : (
                          <Tag>{t('callback.reachedNo')}</Tag>
                        )}
                        {c.problemFound ? <Tag color="red">{t('callback.problemFound')}</Tag> : null}
                      </div>
                      {c.comment ? <div className="callback-comment">“{c.comment}”</div> : null}
                      {c.reworkRequestId ? (
                        <Link to={`/requests/${c.reworkRequestId}`}>{t('timeline.reworkCreated')}</Link>
                      ) : null}
                    </div>
                  </List.Item>
                )}
              />
            )}
          </Card>
        </Col>
      </Row>
    </div>
  );
}
