/**
 * 业委会与发展商: the year plan (committee meetings, developer communication and reception days by
 * month, against the two committee meetings a year), and the two logs with their forms.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Radio,
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
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestLinks } from '../components/RequestLinks';
import { useTargetEstate } from '../lib/estate';
import { showServerErrors } from '../lib/forms';
import {
  type CommitteeMeeting,
  createDeveloperLog,
  createMeeting,
  type DeveloperLog,
  RELATIONS_KEY,
  updateMeeting,
  useDeveloperLogs,
  useMeetings,
  useReceptionDays,
} from '../relations.api';
import '../relations.css';

const WRITERS = ['cs_supervisor', 'manager', 'hq_cs', 'gm'];

export default function LiaisonPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { estateId } = useEstate();
  const { targetEstateId } = useTargetEstate();
  const [year, setYear] = useState(dayjs().year());
  const meetings = useMeetings(estateId, year);
  const logs = useDeveloperLogs(estateId, year);
  const receptions = useReceptionDays(estateId, year);
  const [editing, setEditing] = useState<CommitteeMeeting | 'new'>();
  const [logging, setLogging] = useState(false);
  const canWrite = user.roles.some((r) => WRITERS.includes(r));
  const held = meetings.data?.held ?? 0;
  const target = meetings.data?.target ?? 2;
  const error = meetings.error ?? logs.error;

  return (
    <div>
      <PageHeader
        title={t('liaison.title')}
        subtitle={t('liaison.subtitle')}
        extra={
          <Space>
            <DatePicker
              picker="year"
              value={dayjs(`${year}-01-01`)}
              allowClear={false}
              onChange={(d) => d && setYear(d.year())}
            />
            {canWrite ? (
              <>
                <Button icon={<PlusOutlined />} disabled={!targetEstateId} onClick={() => setEditing('new')}>
                  {t('liaison.newMeeting')}
                </Button>
                <Button icon={<PlusOutlined />} disabled={!targetEstateId} onClick={() => setLogging(true)}>
                  {t('liaison.newLog')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {error ? (
        <QueryError
          error={error}
          onRetry={() => {
            meetings.refetch();
            logs.refetch();
          }}
        />
      ) : null}
      <Tabs
        items={[
          {
            key: 'plan',
            label: t('liaison.plan'),
            children: (
              <>
                <div className="rel-toolbar">
                  <Tag color={held >= target ? 'success' : 'error'}>
                    {t('liaison.heldOf', { held, target })}
                  </Tag>
                </div>
                <div className="rel-year" data-testid="year-plan">
                  {Array.from({ length: 12 }, (_, i) => {
                    const m = `${year}-${String(i + 1).padStart(2, '0')}`;
                    const ms = (meetings.data?.items ?? []).filter((x) => x.date.startsWith(m));
                    const ls = (logs.data?.items ?? []).filter((x) => x.date.startsWith(m));
                    const rs = (receptions.data?.items ?? []).filter((x) => x.date.startsWith(m));
                    const current = dayjs().format('YYYY-MM') === m;
                    return (
                      <div key={m} className={`rel-year-month${current ? ' current' : ''}`}>
                        <h4>{t('liaison.monthN', { n: i + 1 })}</h4>
                        {ms.map((x) => (
                          <div key={x.id} className="rel-year-item">
                            <Tag color={x.status === 'held' ? 'green' : 'blue'}>{t('liaison.committee')}</Tag>
                            {x.date.slice(5)} {x.topics.slice(0, 18)}
                          </div>
                        ))}
                        {ls.map((x) => (
                          <div key={x.id} className="rel-year-item">
                            <Tag color={x.status === 'held' ? 'gold' : 'orange'}>
                              {t('liaison.developer')}
                            </Tag>
                            {x.date.slice(5)} {x.topic.slice(0, 18)}
                          </div>
                        ))}
                        {rs.map((x) => (
                          <div key={x.id} className="rel-year-item">
                            <Tag color="purple">{t('liaison.reception')}</Tag>
                            {x.date.slice(5)} {x.place}
                          </div>
                        ))}
                        {ms.length + ls.length + rs.length === 0 ? (
                          <span className="rel-muted">{t('liaison.nothing')}</span>
                        ) : null}
                      </div>
                    );
                  })}
                </div>
              </>
            ),
          },
          {
            key: 'committee',
            label: t('liaison.committee'),
            children: (
              <Table<CommitteeMeeting>
                rowKey="id"
                loading={meetings.isPending}
                dataSource={meetings.data?.items}
                pagination={false}
                locale={{ emptyText: <Empty /> }}
                expandable={{
                  expandedRowRender: (m) => (
                    <div>
                      <p className="rel-pre">
                        <strong>{t('liaison.minutes')}：</strong>
                        {m.minutes ?? '—'}
                      </p>
                      <p className="rel-pre">
                        <strong>{t('liaison.followUps')}：</strong>
                        {m.followUps ?? '—'}
                      </p>
                    </div>
                  ),
                }}
                columns={[
                  { title: t('rel.date'), dataIndex: 'date', width: 110 },
                  {
                    title: t('rel.status'),
                    width: 90,
                    render: (_, m) => (
                      <Tag color={m.status === 'held' ? 'success' : 'processing'}>
                        {t(`liaison.status.${m.status}`)}
                      </Tag>
                    ),
                  },
                  { title: t('liaison.topics'), dataIndex: 'topics' },
                  { title: t('liaison.attendees'), render: (_, m) => m.attendees ?? '—' },
                  { title: t('rel.createdBy'), dataIndex: 'recordedByName', width: 90 },
                  {
                    title: t('rel.actions'),
                    width: 100,
                    render: (_, m) =>
                      canWrite ? (
                        <Button size="small" type="link" onClick={() => setEditing(m)}>
                          {m.status === 'planned' ? t('liaison.markHeld') : t('liaison.edit')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
            ),
          },
          {
            key: 'developer',
            label: t('liaison.developer'),
            children: (
              <Table<DeveloperLog>
                rowKey="id"
                loading={logs.isPending}
                dataSource={logs.data?.items}
                pagination={false}
                locale={{ emptyText: <Empty /> }}
                columns={[
                  { title: t('rel.date'), dataIndex: 'date', width: 110 },
                  {
                    title: t('rel.status'),
                    width: 90,
                    render: (_, m) => (
                      <Tag color={m.status === 'held' ? 'success' : 'processing'}>
                        {t(`liaison.status.${m.status}`)}
                      </Tag>
                    ),
                  },
                  { title: t('liaison.contact'), dataIndex: 'contact', width: 160 },
                  { title: t('liaison.topic'), dataIndex: 'topic' },
                  { title: t('liaison.outcome'), render: (_, m) => m.outcome ?? '—' },
                  {
                    title: t('liaison.linkedRequests'),
                    width: 160,
                    render: (_, m) => <RequestLinks items={m.requests} />,
                  },
                ]}
              />
            ),
          },
        ]}
      />
      {editing && targetEstateId ? (
        <MeetingModal
          estateId={targetEstateId}
          meeting={editing === 'new' ? undefined : editing}
          onClose={() => setEditing(undefined)}
        />
      ) : null}
      {logging && targetEstateId ? (
        <DeveloperModal estateId={targetEstateId} onClose={() => setLogging(false)} />
      ) : null}
    </div>
  );
}

function MeetingModal({
  estateId,
  meeting,
  onClose,
}: {
  estateId: string;
  meeting?: CommitteeMeeting;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    const body = {
      date: v.date.format('YYYY-MM-DD'),
      status: v.status,
      topics: v.topics,
      ...(v.attendees ? { attendees: v.attendees } : {}),
      ...(v.minutes ? { minutes: v.minutes } : {}),
      ...(v.followUps ? { followUps: v.followUps } : {}),
    };
    try {
      if (meeting) await updateMeeting(meeting.id, { ...body, version: meeting.version });
      else await createMeeting({ estateId, ...body });
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, [
        'date',
        'status',
        'topics',
        'attendees',
        'minutes',
        'followUps',
      ]);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={t('liaison.committee')}
      onCancel={onClose}
      onOk={submit}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={
          meeting
            ? {
                ...meeting,
                date: dayjs(meeting.date),
                status: meeting.status === 'planned' ? 'held' : meeting.status,
              }
            : { status: 'planned', date: dayjs().add(14, 'day') }
        }
      >
        <Space size={16}>
          <Form.Item name="date" label={t('rel.date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="status" label={t('rel.status')}>
            <Radio.Group
              optionType="button"
              options={(['planned', 'held'] as const).map((s) => ({
                value: s,
                label: t(`liaison.status.${s}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="topics"
          label={t('liaison.topics')}
          rules={[{ required: true, message: t('liaison.topics') }]}
        >
          <Input.TextArea rows={2} maxLength={1000} />
        </Form.Item>
        <Form.Item name="attendees" label={t('liaison.attendees')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="minutes" label={t('liaison.minutes')}>
          <Input.TextArea rows={4} maxLength={4000} />
        </Form.Item>
        <Form.Item name="followUps" label={t('liaison.followUps')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function DeveloperModal({ estateId, onClose }: { estateId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [options, setOptions] = useState<{ value: string; label: string }[]>([]);
  const search = async (q: string) => {
    if (!q) return;
    const list = await api.get<{ items: { id: string; number: string; description: string }[] }>(
      '/requests',
      { estateId, q, pageSize: 10 },
    );
    setOptions(list.items.map((r) => ({ value: r.id, label: `${r.number} ${r.description.slice(0, 20)}` })));
  };
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await createDeveloperLog({
        estateId,
        date: v.date.format('YYYY-MM-DD'),
        status: v.status,
        contact: v.contact,
        topic: v.topic,
        ...(v.outcome ? { outcome: v.outcome } : {}),
        requestIds: v.requestIds ?? [],
      });
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['date', 'contact', 'topic', 'outcome', 'requestIds']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open
      width={600}
      title={t('liaison.developer')}
      onCancel={onClose}
      onOk={submit}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ status: 'held', date: dayjs() }}>
        <Space size={16}>
          <Form.Item name="date" label={t('rel.date')} rules={[{ required: true }]}>
            <DatePicker />
          </Form.Item>
          <Form.Item name="status" label={t('rel.status')}>
            <Radio.Group
              optionType="button"
              options={(['planned', 'held'] as const).map((s) => ({
                value: s,
                label: t(`liaison.status.${s}`),
              }))}
            />
          </Form.Item>
        </Space>
        <Form.Item
          name="contact"
          label={t('liaison.contact')}
          rules={[{ required: true, message: t('liaison.contact') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="topic"
          label={t('liaison.topic')}
          rules={[{ required: true, message: t('liaison.topic') }]}
        >
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="outcome" label={t('liaison.outcome')}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="requestIds" label={t('liaison.linkedRequests')} extra={t('liaison.requestIdsHelp')}>
          <Select mode="multiple" showSearch filterOption={false} onSearch={search} options={options} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
