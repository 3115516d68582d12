/** 问候日历: residents' birthdays and the festivals of the coming days, the households to greet, and who greeted. */
import { GiftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { GreetingMethod } from '@wuye/contracts';
import {
  App,
  Button,
  DatePicker,
  Empty,
  Form,
  Input,
  Modal,
  Segmented,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { showServerErrors } from '../lib/forms';
import { type GreetingDue, RELATIONS_KEY, recordGreeting, useGreetings } from '../relations.api';
import '../relations.css';

const WEEK = ['日', '一', '二', '三', '四', '五', '六'];

export default function GreetingsPage() {
  const { t } = useI18n();
  const { estateId } = useEstate();
  const [from, setFrom] = useState(dayjs().format('YYYY-MM-DD'));
  const [days, setDays] = useState(14);
  const [marking, setMarking] = useState<GreetingDue>();
  const cal = useGreetings(estateId, from, days);
  const items = cal.data?.items ?? [];
  const todo = items.filter((i) => !i.greeting).length;
  const occasion = (i: Pick<GreetingDue, 'occasion'>) =>
    i.occasion === 'birthday' ? t('greet.birthday') : t(`greet.festival.${i.occasion}`);

  return (
    <div>
      <PageHeader
        title={t('greet.title')}
        subtitle={t('greet.subtitle')}
        extra={
          <Space>
            <DatePicker
              value={dayjs(from)}
              allowClear={false}
              onChange={(d) => d && setFrom(d.format('YYYY-MM-DD'))}
              aria-label={t('greet.from')}
            />
            <Segmented<number>
              value={days}
              onChange={setDays}
              options={[7, 14, 30].map((n) => ({ value: n, label: t('greet.daysN', { n }) }))}
            />
          </Space>
        }
      />
      <div className="rel-toolbar">
        <strong>{t('greet.festivals')}：</strong>
        {cal.data?.festivals.length ? (
          cal.data.festivals.map((f) => (
            <Tag key={f.festival} color="red" icon={<GiftOutlined />}>
              {t(`greet.festival.${f.festival}`)} {f.date}
            </Tag>
          ))
        ) : (
          <span className="rel-muted">{t('greet.noFestival')}</span>
        )}
        <span style={{ marginLeft: 'auto' }} className="rel-muted">
          {t('greet.count', { todo, total: items.length })}
        </span>
      </div>
      {cal.error ? <QueryError error={cal.error} onRetry={() => cal.refetch()} /> : null}
      <Table<GreetingDue>
        rowKey={(i) => `${i.residentId}:${i.occasion}:${i.year}`}
        data-testid="greetings"
        loading={cal.isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('greet.empty')} /> }}
        pagination={{ pageSize: 50, showSizeChanger: false }}
        columns={[
          {
            title: t('rel.date'),
            width: 150,
            render: (_, i) => `${i.date.slice(5)}（${WEEK[dayjs(i.date).day()]}）`,
          },
          {
            title: t('greet.occasion'),
            width: 110,
            render: (_, i) => <Tag color={i.occasion === 'birthday' ? 'magenta' : 'red'}>{occasion(i)}</Tag>,
          },
          { title: t('rel.resident'), dataIndex: 'residentName', width: 110 },
          { title: t('rel.unit'), width: 110, render: (_, i) => i.unitLabel ?? '—' },
          { title: t('greet.grade'), dataIndex: 'grade', width: 70 },
          {
            title: t('rel.status'),
            render: (_, i) =>
              i.greeting ? (
                <Tag color="success">
                  {t('greet.done')} ·{' '}
                  {t('greet.by', {
                    name: i.greeting.byName,
                    method: t(`greet.method.${i.greeting.method}`),
                    at: formatDateTime(i.greeting.at),
                  })}
                </Tag>
              ) : (
                <Tag color="warning">{t('greet.todo')}</Tag>
              ),
          },
          {
            title: t('rel.actions'),
            width: 110,
            render: (_, i) =>
              i.greeting ? null : (
                <Button size="small" onClick={() => setMarking(i)}>
                  {t('greet.mark')}
                </Button>
              ),
          },
        ]}
      />
      {marking ? (
        <GreetModal item={marking} label={occasion(marking)} onClose={() => setMarking(undefined)} />
      ) : null}
    </div>
  );
}

function GreetModal({ item, label, onClose }: { item: GreetingDue; label: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ method: GreetingMethod; note?: string }>();
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    try {
      await recordGreeting({
        residentId: item.residentId,
        occasion: item.occasion,
        year: item.year,
        method: v.method,
        ...(v.note ? { note: v.note } : {}),
      });
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['method', 'note']);
      if (rest) message.error(rest);
    }
  };
  return (
    <Modal
      open
      title={`${t('greet.mark')} · ${item.residentName} · ${label}`}
      onCancel={onClose}
      onOk={submit}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ method: 'phone' }}>
        <Form.Item name="method" label={t('greet.method')} rules={[{ required: true }]}>
          <Select
            options={GreetingMethod.options.map((m) => ({ value: m, label: t(`greet.method.${m}`) }))}
          />
        </Form.Item>
        <Form.Item name="note" label={t('rel.notes')}>
          <Input maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
