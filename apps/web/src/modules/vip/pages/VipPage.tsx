/**
 * VIP 客户管理 (/vip): applications waiting for the company, the cards, cards ending within 90 days,
 * the assistant's birthday and festival reminders (3 days ahead) and the service log.
 */
import { CrownOutlined, GiftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  type Role,
  VIP_ASSISTANT_ROLES,
  VIP_CARD_STATUS_LABELS,
  VIP_ISSUE_ROLES,
  VIP_SERVICE_LABELS,
  VIP_SERVICE_TYPES,
  type VipApplication,
  type VipCard,
  type VipServiceType,
} from '@wuye/contracts';
import {
  App,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  List,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useStaff } from '../../organization/organization.api';
import { ReasonDialog } from '../components/VipDialogs';
import {
  addVipService,
  approveVipApplication,
  refreshVip,
  rejectVipApplication,
  setVipAssistant,
  useVipApplications,
  useVipAssistants,
  useVipCards,
  useVipReminders,
  useVipServices,
} from '../vip.api';
import { levelKey, VIP_LEVEL_TEXT, VIP_STATUS_COLORS } from '../vip.labels';

const can = (roles: readonly Role[], list: readonly Role[]) => roles.some((r) => list.includes(r));

export default function VipPage() {
  const { t } = useI18n();
  const { estateId } = useEstate();
  // ?tab=reminders opens a tab directly (the inbox's VIP reminders link there).
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'applications';
  const setTab = (key: string) => setParams({ tab: key }, { replace: true });
  return (
    <div data-testid="vip-page">
      <PageHeader title={t('vip.title')} subtitle={t('vip.subtitle')} />
      <Assistants estateId={estateId} />
      <Card style={{ marginTop: 16 }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'applications',
              label: t('vip.tab.applications'),
              children: <Applications estateId={estateId} />,
            },
            { key: 'cards', label: t('vip.tab.cards'), children: <Cards estateId={estateId} /> },
            {
              key: 'expiring',
              label: t('vip.tab.expiring'),
              children: <Cards estateId={estateId} expiring />,
            },
            {
              key: 'reminders',
              label: t('vip.tab.reminders'),
              children: <Reminders estateId={estateId} />,
            },
            { key: 'services', label: t('vip.tab.services'), children: <Services estateId={estateId} /> },
          ]}
        />
      </Card>
    </div>
  );
}

function Assistants({ estateId }: { estateId?: string }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const client = useQueryClient();
  const query = useVipAssistants({ estateId });
  const mayName = can(user.roles, VIP_ASSISTANT_ROLES);
  const staff = useStaff({ estateId, page: 1, pageSize: 200 }, mayName && Boolean(estateId));
  const items = query.data?.items ?? [];
  return (
    <Card size="small" style={{ marginTop: 16 }} data-testid="vip-assistants">
      <Space wrap size={24}>
        {items.map((a) => (
          <Space key={a.estateId}>
            <Typography.Text type="secondary">
              {a.estateName} · {t('vip.assistant')}
            </Typography.Text>
            {mayName && estateId === a.estateId ? (
              <Select
                style={{ minWidth: 160 }}
                size="small"
                value={a.userId ?? undefined}
                placeholder={t('vip.assistantNone')}
                options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
                onChange={(userId: string) =>
                  setVipAssistant(a.estateId, userId).then(
                    () => refreshVip(client),
                    (e: Error) => message.error(e.message),
                  )
                }
              />
            ) : (
              <Typography.Text strong>{a.userName ?? t('vip.assistantNone')}</Typography.Text>
            )}
          </Space>
        ))}
      </Space>
    </Card>
  );
}

function Applications({ estateId }: { estateId?: string }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const client = useQueryClient();
  const company = can(user.roles, VIP_ISSUE_ROLES);
  const query = useVipApplications({ estateId, status: 'pending', pageSize: 100 });
  const [rejecting, setRejecting] = useState<VipApplication | null>(null);
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      <Table<VipApplication>
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('vip.noApplications')} /> }}
        data-testid="vip-applications"
        columns={[
          {
            title: t('vip.resident'),
            render: (_, a) => <Link to={`/residents/${a.residentId}`}>{a.residentName}</Link>,
          },
          { title: t('vip.estate'), dataIndex: 'estateName' },
          { title: t('vip.level'), render: (_, a) => label(VIP_LEVEL_TEXT, levelKey(a.level)) },
          {
            title: t('vip.qualification'),
            render: (_, a) => (
              <div>
                <div>{a.form.qualification}</div>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {[a.form.workplace, a.form.position].filter(Boolean).join(' · ')}
                </Typography.Text>
              </div>
            ),
          },
          { title: t('vip.requestedBy'), dataIndex: 'requestedByName' },
          { title: t('vip.requestedAt'), render: (_, a) => formatDateTime(a.requestedAt) },
          ...(company
            ? [
                {
                  title: t('vip.actions'),
                  render: (_: unknown, a: VipApplication) => (
                    <Space>
                      <Button
                        size="small"
                        type="primary"
                        data-testid="vip-approve"
                        onClick={() =>
                          approveVipApplication(a.id).then(
                            (r) => {
                              message.success(t('vip.approved', { number: r.cardNumber ?? '' }));
                              refreshVip(client, a.residentId);
                            },
                            (e: Error) => message.error(e.message),
                          )
                        }
                      >
                        {t('vip.approve')}
                      </Button>
                      <Button size="small" danger onClick={() => setRejecting(a)}>
                        {t('vip.reject')}
                      </Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <ReasonDialog
        open={rejecting !== null}
        title={t('vip.rejectTitle')}
        onClose={() => setRejecting(null)}
        onSubmit={async (reason) => {
          await rejectVipApplication(rejecting!.id, reason);
          message.success(t('vip.rejected'));
          refreshVip(client, rejecting!.residentId);
        }}
      />
    </>
  );
}

function Cards({ estateId, expiring }: { estateId?: string; expiring?: boolean }) {
  const { t, label } = useI18n();
  const [page, setPage] = useState(1);
  const query = useVipCards({
    estateId,
    page,
    pageSize: 20,
    ...(expiring ? { expiringWithinDays: 90 } : {}),
  });
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <Table<VipCard>
      rowKey="id"
      size="small"
      loading={query.isPending}
      dataSource={query.data?.items ?? []}
      data-testid={expiring ? 'vip-expiring' : 'vip-cards'}
      locale={{ emptyText: <Empty description={t('vip.noCards')} /> }}
      pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage }}
      columns={[
        { title: t('vip.number'), render: (_, c) => <span className="mono">{c.number}</span> },
        {
          title: t('vip.resident'),
          render: (_, c) => <Link to={`/residents/${c.residentId}`}>{c.residentName}</Link>,
        },
        { title: t('vip.estate'), dataIndex: 'estateName' },
        { title: t('vip.level'), render: (_, c) => label(VIP_LEVEL_TEXT, levelKey(c.level)) },
        { title: t('vip.validity'), render: (_, c) => `${c.validFrom} ~ ${c.validUntil}` },
        {
          title: t('vip.status'),
          render: (_, c) => (
            <Space size={4}>
              <Tag color={VIP_STATUS_COLORS[c.status]}>{label(VIP_CARD_STATUS_LABELS, c.status)}</Tag>
              {c.replacedByNumber ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('vip.replacedBy', { number: c.replacedByNumber })}
                </Typography.Text>
              ) : null}
              {c.status === 'revoked' && c.revokedReason ? (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('vip.revokedReason', { reason: c.revokedReason })}
                </Typography.Text>
              ) : null}
            </Space>
          ),
        },
      ]}
    />
  );
}

function Reminders({ estateId }: { estateId?: string }) {
  const { t } = useI18n();
  const query = useVipReminders({ estateId });
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  return (
    <div data-testid="vip-reminders">
      <Typography.Paragraph type="secondary">{t('vip.reminders.help')}</Typography.Paragraph>
      <List
        loading={query.isPending}
        dataSource={data?.items ?? []}
        locale={{ emptyText: <Empty description={t('vip.reminders.empty')} /> }}
        renderItem={(r) => (
          <List.Item>
            <Space>
              <GiftOutlined style={{ color: r.kind === 'birthday' ? '#eb2f96' : '#fa8c16' }} />
              <span>{r.date}</span>
              <Tag>
                {r.daysAhead === 0 ? t('vip.reminders.today') : t('vip.reminders.days', { n: r.daysAhead })}
              </Tag>
              {r.kind === 'birthday' && r.residentId ? (
                <Link to={`/residents/${r.residentId}`}>
                  {r.familyOf
                    ? t('vip.reminders.familyBirthday', { name: r.title, holder: r.familyOf.name })
                    : t('vip.reminders.birthday', { name: r.title })}
                </Link>
              ) : (
                <span>{t('vip.reminders.festival', { name: r.title, count: data?.vipCount ?? 0 })}</span>
              )}
              {r.cardNumber ? <span className="mono muted">{r.cardNumber}</span> : null}
            </Space>
          </List.Item>
        )}
      />
    </div>
  );
}

type ServiceValues = { residentId: string; date: dayjs.Dayjs; serviceType: VipServiceType; note?: string };

function Services({ estateId }: { estateId?: string }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [page, setPage] = useState(1);
  const query = useVipServices({ estateId, page, pageSize: 20 });
  const holders = useVipCards({ estateId, status: 'active', pageSize: 200 });
  const [form] = Form.useForm<ServiceValues>();
  const [saving, setSaving] = useState(false);
  const submit = async (v: ServiceValues) => {
    setSaving(true);
    try {
      await addVipService({
        residentId: v.residentId,
        date: v.date.format('YYYY-MM-DD'),
        serviceType: v.serviceType,
        note: v.note?.trim() || undefined,
      });
      message.success(t('vip.service.saved'));
      form.resetFields();
      refreshVip(client, v.residentId);
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <div data-testid="vip-services">
      <Form<ServiceValues>
        form={form}
        layout="inline"
        onFinish={submit}
        initialValues={{ date: dayjs() }}
        style={{ marginBottom: 16, rowGap: 8 }}
      >
        <Form.Item name="residentId" rules={[{ required: true, message: t('vip.form.required') }]}>
          <Select
            style={{ width: 200 }}
            placeholder={t('vip.service.resident')}
            showSearch
            optionFilterProp="label"
            options={(holders.data?.items ?? []).map((c) => ({
              value: c.residentId,
              label: `${c.residentName} · ${c.number}`,
            }))}
          />
        </Form.Item>
        <Form.Item name="date" rules={[{ required: true }]}>
          <DatePicker disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="serviceType" rules={[{ required: true, message: t('vip.form.required') }]}>
          <Select
            style={{ width: 180 }}
            placeholder={t('vip.service.type')}
            options={VIP_SERVICE_TYPES.map((s) => ({ value: s, label: label(VIP_SERVICE_LABELS, s) }))}
          />
        </Form.Item>
        <Form.Item name="note">
          <Input placeholder={t('vip.service.note')} maxLength={500} style={{ width: 220 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={saving} icon={<CrownOutlined />}>
          {t('vip.service.add')}
        </Button>
      </Form>
      <Table
        rowKey="id"
        size="small"
        loading={query.isPending}
        dataSource={query.data?.items ?? []}
        locale={{ emptyText: <Empty description={t('vip.service.empty')} /> }}
        pagination={{ current: page, pageSize: 20, total: query.data?.total ?? 0, onChange: setPage }}
        columns={[
          { title: t('vip.service.date'), dataIndex: 'date' },
          {
            title: t('vip.resident'),
            render: (_, s) => <Link to={`/residents/${s.residentId}`}>{s.residentName}</Link>,
          },
          { title: t('vip.service.card'), render: (_, s) => <span className="mono">{s.cardNumber}</span> },
          { title: t('vip.service.type'), render: (_, s) => label(VIP_SERVICE_LABELS, s.serviceType) },
          { title: t('vip.service.by'), dataIndex: 'byName' },
          { title: t('vip.service.note'), dataIndex: 'note' },
        ]}
      />
    </div>
  );
}
