/**
 * 走访: the month's coverage against 85% (per estate and per steward's plan, red below target), the
 * stewards' visit plans with their households, and the visit records (业户访问记录).
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Drawer,
  Empty,
  Form,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { api } from '../../../shared/api/client';
import type { StaffList } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useBuildings } from '../../units/units.api';
import { CoverageBar } from '../components/CoverageBar';
import { VisitDrawer } from '../components/VisitDrawer';
import { visitColumns } from '../components/visitColumns';
import { useTargetEstate } from '../lib/estate';
import { showServerErrors } from '../lib/forms';
import {
  createPlan,
  RELATIONS_KEY,
  useCoverage,
  usePlan,
  usePlans,
  useVisits,
  type Visit,
  type VisitPlanSummary,
} from '../relations.api';
import '../relations.css';

const COVERAGE_ROLES = ['cs_supervisor', 'quality', 'manager', 'hq_cs', 'gm'];
const PLAN_ROLES = ['steward', 'cs_supervisor', 'manager', 'hq_cs', 'gm'];
const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export default function VisitsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { estateId } = useEstate();
  const { targetEstateId } = useTargetEstate();
  const seesCoverage = user.roles.some((r) => COVERAGE_ROLES.includes(r));
  const [tab, setTab] = useState(seesCoverage ? 'coverage' : 'plans');
  // Unset: the server's current month (its clock decides).
  const [month, setMonth] = useState<string | undefined>();
  const coverage = useCoverage(estateId, month ?? '', seesCoverage);
  const shownMonth = month ?? coverage.data?.month;
  const [recording, setRecording] = useState<{ id: string; label: string } | null | undefined>();
  const [planning, setPlanning] = useState(false);
  const [planId, setPlanId] = useState<string>();

  return (
    <div>
      <PageHeader
        title={t('visits.title')}
        subtitle={t('visits.subtitle')}
        extra={
          <Space wrap>
            <DatePicker
              picker="month"
              allowClear
              value={shownMonth ? dayjs(`${shownMonth}-01`) : null}
              onChange={(d) => setMonth(d ? d.format('YYYY-MM') : undefined)}
              aria-label={t('rel.month')}
            />
            {user.roles.some((r) => PLAN_ROLES.includes(r)) ? (
              <Button onClick={() => setPlanning(true)} disabled={!targetEstateId} data-testid="plan-new">
                {t('visits.newPlan')}
              </Button>
            ) : null}
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setRecording(null)}
              disabled={!targetEstateId}
              data-testid="visit-new"
            >
              {t('visits.record')}
            </Button>
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          ...(seesCoverage
            ? [
                {
                  key: 'coverage',
                  label: t('visits.tabCoverage'),
                  children: <CoverageTab query={coverage} onPlan={setPlanId} />,
                },
              ]
            : []),
          {
            key: 'plans',
            label: t('visits.tabPlans'),
            children: <PlansTab month={shownMonth} onOpen={setPlanId} />,
          },
          { key: 'records', label: t('visits.tabRecords'), children: <RecordsTab month={shownMonth} /> },
        ]}
      />
      {targetEstateId && recording !== undefined ? (
        <VisitDrawer
          estateId={targetEstateId}
          open
          initialUnit={recording ?? undefined}
          onClose={() => setRecording(undefined)}
        />
      ) : null}
      {planning && targetEstateId ? (
        <PlanModal estateId={targetEstateId} month={shownMonth} onClose={() => setPlanning(false)} />
      ) : null}
      <PlanDrawer id={planId} onClose={() => setPlanId(undefined)} onRecord={(u) => setRecording(u)} />
    </div>
  );
}

function CoverageTab({
  query,
  onPlan,
}: {
  query: ReturnType<typeof useCoverage>;
  onPlan: (id: string) => void;
}) {
  const { t } = useI18n();
  if (query.error) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  const data = query.data;
  if (!data) return <Card loading />;
  return (
    <>
      <div className="rel-cards" data-testid="coverage-estates">
        {data.estates.map((e) => (
          <Card
            key={e.estateId}
            title={`${e.estateName} · ${t('visits.coverageEstate')}`}
            extra={t('visits.target', { target: pct(data.target) })}
          >
            <div className={`rel-card-figure ${e.belowTarget ? 'bad' : 'good'}`}>{pct(e.rate)}</div>
            <div className="rel-muted">
              {t('visits.coverageOf', { visited: e.visited, households: e.households })}
            </div>
            <CoverageBar rate={e.rate} belowTarget={e.belowTarget} />
          </Card>
        ))}
      </div>
      <Card title={t('visits.coverageSteward')} size="small">
        <Table
          rowKey={(r) => `${r.estateId}:${r.stewardId}`}
          dataSource={data.stewards}
          pagination={false}
          locale={{ emptyText: <Empty description={t('visits.noPlans')} /> }}
          columns={[
            { title: t('visits.steward'), dataIndex: 'stewardName' },
            { title: t('visits.planned'), dataIndex: 'households', width: 110 },
            { title: t('visits.visited'), dataIndex: 'visited', width: 110 },
            {
              title: t('visits.rate'),
              render: (_, r) => <CoverageBar rate={r.rate} belowTarget={r.belowTarget} />,
            },
            {
              title: t('rel.actions'),
              width: 100,
              render: (_, r) =>
                r.planId ? (
                  <Button type="link" onClick={() => onPlan(r.planId!)}>
                    {t('visits.tabPlans')}
                  </Button>
                ) : null,
            },
          ]}
        />
      </Card>
    </>
  );
}

function PlansTab({ month, onOpen }: { month: string | undefined; onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const { estateId } = useEstate();
  const plans = usePlans(estateId, month ?? '');
  if (plans.error) return <QueryError error={plans.error} onRetry={() => plans.refetch()} />;
  return (
    <Table<VisitPlanSummary>
      rowKey="id"
      loading={plans.isPending}
      dataSource={plans.data?.items}
      pagination={false}
      locale={{ emptyText: <Empty description={t('visits.noPlans')} /> }}
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('rel.month'), dataIndex: 'month', width: 100 },
        { title: t('visits.steward'), dataIndex: 'stewardName' },
        { title: t('visits.planned'), dataIndex: 'planned', width: 100 },
        { title: t('visits.carried'), dataIndex: 'carried', width: 100 },
        { title: t('visits.visited'), dataIndex: 'visited', width: 100 },
        {
          title: t('visits.rate'),
          render: (_, r) => <CoverageBar rate={r.rate} belowTarget={r.rate !== null && r.rate < 0.85} />,
        },
      ]}
    />
  );
}

function RecordsTab({ month }: { month: string | undefined }) {
  const { t } = useI18n();
  const { estateId } = useEstate();
  const [page, setPage] = useState(1);
  const visits = useVisits(estateId, month ?? '', page);
  if (visits.error) return <QueryError error={visits.error} onRetry={() => visits.refetch()} />;
  return (
    <Table<Visit>
      rowKey="id"
      data-testid="visit-records"
      loading={visits.isPending}
      dataSource={visits.data?.items}
      locale={{ emptyText: <Empty description={t('visits.empty')} /> }}
      pagination={{
        current: page,
        pageSize: 20,
        total: visits.data?.total,
        onChange: setPage,
        showSizeChanger: false,
      }}
      scroll={{ x: 1000 }}
      columns={visitColumns(t, { unit: true })}
    />
  );
}

function PlanModal({
  estateId,
  month,
  onClose,
}: {
  estateId: string;
  month: string | undefined;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const client = useQueryClient();
  const [form] = Form.useForm<{
    stewardId: string;
    month: dayjs.Dayjs;
    buildingIds: string[];
    carryOver: boolean;
  }>();
  const [saving, setSaving] = useState(false);
  const buildings = useBuildings(estateId);
  // The steward's patch: the buildings of their latest plan, offered again.
  const earlier = usePlans(estateId, '');
  const patchOf = (stewardId: string | undefined) =>
    earlier.data?.items.find((p) => p.stewardId === stewardId)?.buildingIds ?? [];
  const onlySelf = user.roles.every((r) => r === 'steward');
  const stewards = useQuery({
    queryKey: ['staff', 'stewards', estateId],
    queryFn: ({ signal }) =>
      api.get<StaffList>('/staff', { estateId, role: 'steward', pageSize: 100 }, { signal }),
    enabled: !onlySelf,
  });
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await createPlan({
        estateId,
        stewardId: v.stewardId,
        month: v.month.format('YYYY-MM'),
        buildingIds: v.buildingIds ?? [],
        carryOver: v.carryOver,
      });
      message.success(t('rel.saved'));
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['stewardId', 'month', 'buildingIds']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      title={t('visits.newPlan')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          stewardId: onlySelf ? user.id : undefined,
          month: month ? dayjs(`${month}-01`) : dayjs(),
          carryOver: true,
          buildingIds: onlySelf ? patchOf(user.id) : [],
        }}
        onValuesChange={(changed) => {
          if ('stewardId' in changed) form.setFieldsValue({ buildingIds: patchOf(changed.stewardId) });
        }}
      >
        <Form.Item
          name="stewardId"
          label={t('visits.steward')}
          rules={[{ required: true, message: t('visits.steward') }]}
        >
          <Select
            disabled={onlySelf}
            options={
              onlySelf
                ? [{ value: user.id, label: user.name }]
                : (stewards.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))
            }
          />
        </Form.Item>
        <Form.Item name="month" label={t('rel.month')} rules={[{ required: true }]}>
          <DatePicker picker="month" style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="buildingIds" label={t('visits.buildings')} extra={t('visits.buildingsHelp')}>
          <Select
            mode="multiple"
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item name="carryOver" valuePropName="checked">
          <Checkbox>{t('visits.carryOver')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}

function PlanDrawer({
  id,
  onClose,
  onRecord,
}: {
  id: string | undefined;
  onClose: () => void;
  onRecord: (unit: { id: string; label: string }) => void;
}) {
  const { t } = useI18n();
  const plan = usePlan(id);
  const p = plan.data;
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={640}
      title={p ? t('visits.planDetail', { name: p.stewardName, month: p.month }) : ''}
      extra={p ? <CoverageBar rate={p.rate} belowTarget={p.rate !== null && p.rate < 0.85} /> : null}
    >
      {plan.error ? <QueryError error={plan.error} onRetry={() => plan.refetch()} /> : null}
      <Table
        rowKey="unitId"
        size="small"
        loading={plan.isPending && Boolean(id)}
        dataSource={p?.units}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          {
            title: t('rel.unit'),
            render: (_, u) => (
              <>
                {u.unitLabel} {u.carried ? <Tag color="orange">{t('visits.carried')}</Tag> : null}
              </>
            ),
          },
          { title: t('rel.resident'), render: (_, u) => u.residentName ?? '—' },
          {
            title: t('visits.visited'),
            render: (_, u) =>
              u.lastVisitAt ? (
                <Tag color="success">
                  {t(`visits.way.${u.lastVisitWay!}`)} {formatDateTime(u.lastVisitAt)}
                </Tag>
              ) : (
                <Tag color="error">{t('visits.notVisited')}</Tag>
              ),
          },
          {
            title: t('rel.actions'),
            width: 110,
            render: (_, u) =>
              u.lastVisitAt ? null : (
                <Button size="small" onClick={() => onRecord({ id: u.unitId, label: u.unitLabel })}>
                  {t('visits.record')}
                </Button>
              ),
          },
        ]}
      />
    </Drawer>
  );
}
