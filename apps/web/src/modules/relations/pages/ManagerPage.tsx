/**
 * 接待日与信箱: the manager's reception days (scheduled on a weekend or holiday with a notice at least a
 * week ahead, the 经理接待记录表 whose issues become the manager's requests) and the manager mailbox
 * (weekly openings with a witness; each letter a request owned by the manager, and its reply 回函).
 */
import { DeleteOutlined, MailOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { REQUEST_TYPE_LABELS, REQUEST_TYPES, type RequestType } from '@wuye/contracts';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Form,
  Input,
  Modal,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
  TimePicker,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { UnitPicker } from '../../residents/components/UnitPicker';
import { RequestLinks } from '../components/RequestLinks';
import { useTargetEstate } from '../lib/estate';
import { showServerErrors } from '../lib/forms';
import {
  addReceptionEntry,
  type MailboxLetter,
  openMailbox,
  RELATIONS_KEY,
  type ReceptionDay,
  replyLetter,
  scheduleReception,
  useMailbox,
  useReceptionDay,
  useReceptionDays,
} from '../relations.api';
import '../relations.css';

const MANAGERS = ['manager', 'hq_cs', 'gm'];
const TYPES = REQUEST_TYPES.filter((x) => x !== 'paid_service');

export default function ManagerPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { targetEstateId } = useTargetEstate();
  const canRun = user.roles.some((r) => MANAGERS.includes(r));
  const [tab, setTab] = useState('reception');
  const [scheduling, setScheduling] = useState(false);
  const [opening, setOpening] = useState(false);
  const [dayId, setDayId] = useState<string>();
  return (
    <div>
      <PageHeader
        title={t('mgr.title')}
        subtitle={t('mgr.subtitle')}
        extra={
          canRun ? (
            tab === 'reception' ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                disabled={!targetEstateId}
                onClick={() => setScheduling(true)}
                data-testid="reception-new"
              >
                {t('mgr.schedule')}
              </Button>
            ) : (
              <Button
                type="primary"
                icon={<MailOutlined />}
                disabled={!targetEstateId}
                onClick={() => setOpening(true)}
                data-testid="mailbox-open"
              >
                {t('mgr.open')}
              </Button>
            )
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'reception', label: t('mgr.tabReception'), children: <ReceptionList onOpen={setDayId} /> },
          { key: 'mailbox', label: t('mgr.tabMailbox'), children: <MailboxTab canReply={canRun} /> },
        ]}
      />
      {scheduling && targetEstateId ? (
        <ScheduleModal estateId={targetEstateId} onClose={() => setScheduling(false)} />
      ) : null}
      {opening && targetEstateId ? (
        <OpeningModal estateId={targetEstateId} onClose={() => setOpening(false)} />
      ) : null}
      <ReceptionDrawer id={dayId} canRecord={canRun} onClose={() => setDayId(undefined)} />
    </div>
  );
}

function ReceptionList({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useI18n();
  const { estateId } = useEstate();
  const days = useReceptionDays(estateId);
  if (days.error) return <QueryError error={days.error} onRetry={() => days.refetch()} />;
  return (
    <Table<ReceptionDay>
      rowKey="id"
      data-testid="reception-days"
      loading={days.isPending}
      dataSource={days.data?.items}
      pagination={false}
      locale={{ emptyText: <Empty description={t('mgr.empty')} /> }}
      columns={[
        {
          title: t('rel.date'),
          width: 230,
          render: (_, d) => (
            <Space style={{ whiteSpace: 'nowrap' }}>
              <strong>{d.date}</strong>
              {d.startTime}–{d.endTime}
            </Space>
          ),
        },
        {
          title: t('rel.status'),
          width: 90,
          render: (_, d) =>
            new Date(d.startsAt) > new Date() ? (
              <Tag color="processing">{t('mgr.upcoming')}</Tag>
            ) : (
              <Tag>{t('mgr.past')}</Tag>
            ),
        },
        { title: t('mgr.place'), dataIndex: 'place' },
        { title: t('mgr.host'), dataIndex: 'hostName', width: 100 },
        {
          title: t('mgr.notice'),
          width: 200,
          render: (_, d) =>
            d.noticePublishedAt ? t('mgr.noticePublished', { at: formatDateTime(d.noticePublishedAt) }) : '—',
        },
        {
          title: t('mgr.entries'),
          width: 90,
          render: (_, d) => t('mgr.entryCount', { n: d.entries.length }),
        },
        {
          title: t('rel.actions'),
          width: 250,
          render: (_, d) => (
            <Space style={{ whiteSpace: 'nowrap' }}>
              <Button size="small" onClick={() => onOpen(d.id)}>
                {t('mgr.record')}
              </Button>
              <Link to={`/relations/notices/${d.noticeId}/print`} target="_blank">
                <PrinterOutlined /> {t('mgr.printNotice')}
              </Link>
            </Space>
          ),
        },
      ]}
    />
  );
}

function ScheduleModal({ estateId, onClose }: { estateId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await scheduleReception({
        estateId,
        date: v.date.format('YYYY-MM-DD'),
        startTime: v.time[0].format('HH:mm'),
        endTime: v.time[1].format('HH:mm'),
        place: v.place,
        ...(v.noticeTitle ? { noticeTitle: v.noticeTitle } : {}),
        ...(v.noticeBody ? { noticeBody: v.noticeBody } : {}),
      });
      message.success(t('mgr.scheduled'));
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['date', 'place', 'noticeTitle', 'noticeBody']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={560}
      title={t('mgr.schedule')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <p className="rel-muted">{t('mgr.noticeRule')}</p>
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          place: t('mgr.placeDefault'),
          time: [dayjs('09:00', 'HH:mm'), dayjs('11:30', 'HH:mm')],
        }}
      >
        <Space.Compact block>
          <Form.Item
            name="date"
            label={t('rel.date')}
            rules={[{ required: true, message: t('rel.date') }]}
            style={{ flex: 1 }}
          >
            <DatePicker style={{ width: '100%' }} data-testid="reception-date" />
          </Form.Item>
          <Form.Item
            name="time"
            label={t('mgr.time')}
            rules={[{ required: true }]}
            style={{ flex: 1, marginLeft: 8 }}
          >
            <TimePicker.RangePicker format="HH:mm" minuteStep={5} style={{ width: '100%' }} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="place" label={t('mgr.place')} rules={[{ required: true }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="noticeTitle" label={t('mgr.noticeTitle')}>
          <Input maxLength={100} placeholder={t('mgr.noticeTitlePlaceholder')} />
        </Form.Item>
        <Form.Item name="noticeBody" label={t('mgr.noticeBody')}>
          <Input.TextArea rows={4} maxLength={4000} placeholder={t('mgr.noticeBodyPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function ReceptionDrawer({
  id,
  canRecord,
  onClose,
}: {
  id: string | undefined;
  canRecord: boolean;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const day = useReceptionDay(id);
  const [form] = Form.useForm();
  const [unit, setUnit] = useState<{ id: string; label: string }>();
  const [saving, setSaving] = useState(false);
  const toRequest = Form.useWatch('toRequest', form);
  const d = day.data;
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v || !d) return;
    setSaving(true);
    try {
      await addReceptionEntry(d.id, {
        visitorName: v.visitorName,
        ...(unit ? { unitId: unit.id } : {}),
        ...(v.phone ? { phone: v.phone } : {}),
        issue: v.issue,
        ...(v.answer ? { answer: v.answer } : {}),
        ...(v.toRequest ? { followUp: { type: v.type as RequestType } } : {}),
      });
      form.resetFields();
      setUnit(undefined);
      message.success(t('rel.saved'));
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
    } catch (e) {
      const rest = showServerErrors(form, e, ['visitorName', 'phone', 'issue', 'answer', 'unitId']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Drawer
      open={Boolean(id)}
      onClose={onClose}
      width={720}
      title={d ? `${t('mgr.record')} · ${d.date}` : ''}
    >
      {day.error ? <QueryError error={day.error} onRetry={() => day.refetch()} /> : null}
      {d ? (
        <>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('rel.estate')}>{d.estateName}</Descriptions.Item>
            <Descriptions.Item label={t('mgr.host')}>{d.hostName}</Descriptions.Item>
            <Descriptions.Item
              label={t('mgr.time')}
            >{`${d.date} ${d.startTime}–${d.endTime}`}</Descriptions.Item>
            <Descriptions.Item label={t('mgr.place')}>{d.place}</Descriptions.Item>
          </Descriptions>
          <Table
            style={{ marginTop: 16 }}
            rowKey="id"
            size="small"
            dataSource={d.entries}
            pagination={false}
            columns={[
              { title: t('mgr.visitor'), dataIndex: 'visitorName', width: 90 },
              { title: t('rel.unit'), width: 90, render: (_, e) => e.unitLabel ?? '—' },
              { title: t('mgr.issue'), dataIndex: 'issue' },
              { title: t('mgr.answer'), render: (_, e) => e.answer ?? '—' },
              {
                title: t('rel.requests'),
                width: 150,
                render: (_, e) => <RequestLinks items={e.request ? [e.request] : []} />,
              },
            ]}
          />
          {canRecord ? (
            <Card size="small" title={t('mgr.addEntry')} style={{ marginTop: 16 }}>
              <Form form={form} layout="vertical" initialValues={{ toRequest: false, type: 'repair' }}>
                <Space.Compact block>
                  <Form.Item
                    name="visitorName"
                    label={t('mgr.visitor')}
                    rules={[{ required: true, message: t('mgr.visitor') }]}
                    style={{ flex: 1 }}
                  >
                    <Input maxLength={50} />
                  </Form.Item>
                  <Form.Item label={t('rel.unit')} style={{ flex: 1, marginLeft: 8 }}>
                    <UnitPicker value={unit?.id} valueLabel={unit?.label} onChange={setUnit} />
                  </Form.Item>
                  <Form.Item name="phone" label={t('mgr.phone')} style={{ flex: 1, marginLeft: 8 }}>
                    <Input maxLength={13} />
                  </Form.Item>
                </Space.Compact>
                <Form.Item
                  name="issue"
                  label={t('mgr.issue')}
                  rules={[{ required: true, message: t('mgr.issue') }]}
                >
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Form.Item name="answer" label={t('mgr.answer')}>
                  <Input.TextArea rows={2} maxLength={2000} />
                </Form.Item>
                <Space align="start">
                  <Form.Item name="toRequest" valuePropName="checked">
                    <Checkbox>{t('mgr.toRequest')}</Checkbox>
                  </Form.Item>
                  {toRequest ? (
                    <Form.Item name="type">
                      <Select
                        style={{ width: 140 }}
                        options={TYPES.map((x) => ({ value: x, label: label(REQUEST_TYPE_LABELS, x) }))}
                      />
                    </Form.Item>
                  ) : null}
                  <Button type="primary" loading={saving} onClick={submit}>
                    {t('rel.save')}
                  </Button>
                </Space>
              </Form>
            </Card>
          ) : null}
        </>
      ) : null}
    </Drawer>
  );
}

function MailboxTab({ canReply }: { canReply: boolean }) {
  const { t } = useI18n();
  const { estateId } = useEstate();
  const mailbox = useMailbox(estateId);
  const [replying, setReplying] = useState<MailboxLetter>();
  if (mailbox.error) return <QueryError error={mailbox.error} onRetry={() => mailbox.refetch()} />;
  const data = mailbox.data;
  return (
    <>
      <div className="rel-mailbox-state" data-testid="mailbox-state">
        {(data?.estates ?? []).map((e) => (
          <Card key={e.estateId} size="small" title={e.estateName}>
            <div>
              {t('mgr.lastOpened')}：{e.lastOpenedAt ? formatDateTime(e.lastOpenedAt) : t('mgr.never')}
            </div>
            {e.overdue ? (
              <Tag color="error">{t('mgr.overdue')}</Tag>
            ) : (
              <Tag color="success">{t('mgr.due', { at: formatDateTime(e.dueAt) })}</Tag>
            )}
          </Card>
        ))}
      </div>
      <Table
        rowKey="id"
        loading={mailbox.isPending}
        dataSource={data?.openings}
        pagination={false}
        locale={{ emptyText: <Empty /> }}
        columns={[
          { title: t('mgr.openedAt'), width: 150, render: (_, o) => formatDateTime(o.openedAt) },
          { title: t('mgr.openedBy'), dataIndex: 'openedByName', width: 90 },
          { title: t('mgr.witness'), dataIndex: 'witnessName', width: 90 },
          {
            title: t('mgr.letters'),
            width: 80,
            render: (_, o) => t('mgr.letterCount', { n: o.letterCount }),
          },
          {
            title: t('mgr.content'),
            render: (_, o) =>
              o.letters.length === 0 ? (
                <span className="rel-muted">{o.notes ?? t('mgr.noLetters')}</span>
              ) : (
                o.letters.map((l) => (
                  <div key={l.id} className="rel-letter">
                    <div>
                      {l.unitLabel ?? l.writerName ?? ''} {l.content}
                    </div>
                    <Space size={8} wrap>
                      <RequestLinks items={[l.request]} />
                      {l.reply ? (
                        <Tag color="success">{t('mgr.replied', { at: formatDateTime(l.repliedAt) })}</Tag>
                      ) : (
                        <Tag color="warning">{t('mgr.notReplied')}</Tag>
                      )}
                      {canReply && !l.reply ? (
                        <Button size="small" onClick={() => setReplying(l)}>
                          {t('mgr.replyNow')}
                        </Button>
                      ) : null}
                    </Space>
                    {l.reply ? (
                      <div className="rel-muted">
                        {t('mgr.reply')}：{l.reply}
                      </div>
                    ) : null}
                  </div>
                ))
              ),
          },
        ]}
      />
      {replying ? <ReplyModal letter={replying} onClose={() => setReplying(undefined)} /> : null}
    </>
  );
}

function ReplyModal({ letter, onClose }: { letter: MailboxLetter; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ reply: string }>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await replyLetter(letter.id, v.reply, letter.version);
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['reply']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open
      title={t('mgr.replyNow')}
      onCancel={onClose}
      onOk={submit}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <p>{letter.content}</p>
      <Form form={form} layout="vertical">
        <Form.Item name="reply" label={t('mgr.reply')} rules={[{ required: true, message: t('mgr.reply') }]}>
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type LetterValues = { type: RequestType; content: string; writerName?: string; phone?: string };

function OpeningModal({ estateId, onClose }: { estateId: string; onClose: () => void }) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const client = useQueryClient();
  const [form] = Form.useForm<{ witnessName: string; notes?: string; letters?: LetterValues[] }>();
  const [units, setUnits] = useState<Record<number, { id: string; label: string } | undefined>>({});
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await openMailbox({
        estateId,
        witnessName: v.witnessName,
        ...(v.notes ? { notes: v.notes } : {}),
        letters: (v.letters ?? []).map((l, i) => ({
          type: l.type,
          content: l.content,
          ...(units[i] ? { unitId: units[i]!.id } : {}),
          ...(l.writerName ? { writerName: l.writerName } : {}),
          ...(l.phone ? { phone: l.phone } : {}),
        })),
      });
      message.success(t('mgr.opened'));
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['witnessName', 'letters', 'notes']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={720}
      title={t('mgr.open')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <Form form={form} layout="vertical">
        <Descriptions size="small" column={2}>
          <Descriptions.Item label={t('mgr.openedBy')}>{user.name}</Descriptions.Item>
          <Descriptions.Item label={t('mgr.openedAt')}>
            {formatDateTime(new Date().toISOString())}
          </Descriptions.Item>
        </Descriptions>
        <Form.Item
          name="witnessName"
          label={t('mgr.witness')}
          rules={[{ required: true, message: t('mgr.witness') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.List name="letters">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Card
                  key={f.key}
                  size="small"
                  style={{ marginBottom: 8 }}
                  title={`${t('mgr.letters')} ${f.name + 1}`}
                  extra={<Button size="small" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}
                >
                  <Space.Compact block>
                    <Form.Item label={t('rel.unit')} style={{ flex: 1 }} extra={t('mgr.writerOrUnit')}>
                      <UnitPicker
                        value={units[f.name]?.id}
                        valueLabel={units[f.name]?.label}
                        onChange={(u) => setUnits((m) => ({ ...m, [f.name]: u }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'writerName']}
                      label={t('mgr.writer')}
                      style={{ flex: 1, marginLeft: 8 }}
                    >
                      <Input maxLength={50} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'phone']}
                      label={t('mgr.phone')}
                      style={{ flex: 1, marginLeft: 8 }}
                    >
                      <Input maxLength={13} />
                    </Form.Item>
                  </Space.Compact>
                  <div className="rel-followup" style={{ gridTemplateColumns: '140px 1fr' }}>
                    <Form.Item name={[f.name, 'type']} rules={[{ required: true }]} initialValue="suggestion">
                      <Select
                        options={TYPES.map((x) => ({ value: x, label: label(REQUEST_TYPE_LABELS, x) }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'content']}
                      rules={[{ required: true, message: t('mgr.content') }]}
                    >
                      <Input.TextArea rows={2} maxLength={2000} placeholder={t('mgr.content')} />
                    </Form.Item>
                  </div>
                </Card>
              ))}
              <Button icon={<PlusOutlined />} onClick={() => add()} block>
                {t('mgr.addLetter')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="notes" label={t('rel.notes')} style={{ marginTop: 12 }}>
          <Input maxLength={1000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
