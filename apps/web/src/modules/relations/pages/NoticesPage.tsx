/** 通知公告: notices to every household of an estate or to some buildings — draft, publish, withdraw, print. */
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Empty, Form, Input, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useBuildings } from '../../units/units.api';
import { useTargetEstate } from '../lib/estate';
import { showServerErrors } from '../lib/forms';
import { createNotice, type Notice, RELATIONS_KEY, updateNotice, useNotices } from '../relations.api';
import '../relations.css';

const WRITERS = ['cs_agent', 'cs_supervisor', 'manager', 'hq_cs', 'gm'];
const STATUS_COLOR = { draft: 'default', published: 'success', withdrawn: 'warning' } as const;

export default function NoticesPage() {
  const { t } = useI18n();
  const { message } = App.useApp();
  const user = useCurrentUser();
  const client = useQueryClient();
  const { estateId } = useEstate();
  const { targetEstateId } = useTargetEstate();
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const notices = useNotices(estateId, page);
  const canWrite = user.roles.some((r) => WRITERS.includes(r));

  const setStatus = async (n: Notice, status: Notice['status']) => {
    try {
      await updateNotice(n.id, { version: n.version, status });
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <div>
      <PageHeader
        title={t('notices.title')}
        subtitle={t('notices.subtitle')}
        extra={
          canWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!targetEstateId}
              onClick={() => setCreating(true)}
            >
              {t('notices.new')}
            </Button>
          ) : null
        }
      />
      {notices.error ? <QueryError error={notices.error} onRetry={() => notices.refetch()} /> : null}
      <Table<Notice>
        rowKey="id"
        data-testid="notices"
        loading={notices.isPending}
        dataSource={notices.data?.items}
        locale={{ emptyText: <Empty description={t('notices.empty')} /> }}
        pagination={{
          current: page,
          pageSize: 20,
          total: notices.data?.total,
          onChange: setPage,
          showSizeChanger: false,
        }}
        expandable={{ expandedRowRender: (n) => <p className="rel-pre">{n.body}</p> }}
        columns={[
          {
            title: t('notices.titleField'),
            render: (_, n) => (
              <Space>
                {n.title}
                {n.receptionDayId ? <Tag color="purple">{t('notices.reception')}</Tag> : null}
              </Space>
            ),
          },
          {
            title: t('notices.audience'),
            width: 200,
            render: (_, n) =>
              `${n.estateName} · ${n.buildingNames.length ? n.buildingNames.join('、') : t('notices.wholeEstate')}`,
          },
          {
            title: t('notices.from'),
            width: 230,
            render: (_, n) =>
              `${formatDateTime(n.publishFrom)}${n.publishUntil ? ` ~ ${formatDateTime(n.publishUntil)}` : ''}`,
          },
          {
            title: t('rel.status'),
            width: 90,
            render: (_, n) => <Tag color={STATUS_COLOR[n.status]}>{t(`notices.status.${n.status}`)}</Tag>,
          },
          { title: t('rel.createdBy'), dataIndex: 'createdByName', width: 90 },
          {
            title: t('rel.actions'),
            width: 200,
            render: (_, n) => (
              <Space>
                <Link to={`/relations/notices/${n.id}/print`} target="_blank">
                  <PrinterOutlined /> {t('notices.print')}
                </Link>
                {canWrite && n.status !== 'published' ? (
                  <Button size="small" type="link" onClick={() => setStatus(n, 'published')}>
                    {t('notices.publish')}
                  </Button>
                ) : null}
                {canWrite && n.status === 'published' && !n.receptionDayId ? (
                  <Button size="small" type="link" danger onClick={() => setStatus(n, 'withdrawn')}>
                    {t('notices.withdraw')}
                  </Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      {creating && targetEstateId ? (
        <NoticeModal estateId={targetEstateId} onClose={() => setCreating(false)} />
      ) : null}
    </div>
  );
}

function NoticeModal({ estateId, onClose }: { estateId: string; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const buildings = useBuildings(estateId);
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      await createNotice({
        estateId,
        buildingIds: v.buildingIds ?? [],
        title: v.title,
        body: v.body,
        publishFrom: v.range[0].format(),
        ...(v.range[1] ? { publishUntil: v.range[1].format() } : {}),
        publish: v.publish,
      });
      message.success(t('rel.saved'));
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, ['title', 'body', 'buildingIds']);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open
      width={640}
      title={t('notices.new')}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      okText={t('rel.save')}
      cancelText={t('rel.cancel')}
    >
      <Form form={form} layout="vertical" initialValues={{ publish: true, range: [dayjs(), null] }}>
        <Form.Item name="buildingIds" label={t('notices.audience')}>
          <Select
            mode="multiple"
            placeholder={t('notices.buildingsPlaceholder')}
            options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('notices.titleField')}
          rules={[{ required: true, message: t('notices.titleField') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="body"
          label={t('notices.body')}
          rules={[{ required: true, message: t('notices.body') }]}
        >
          <Input.TextArea rows={8} maxLength={4000} />
        </Form.Item>
        <Form.Item
          name="range"
          label={`${t('notices.from')} ~ ${t('notices.until')}`}
          rules={[{ required: true }]}
        >
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            allowEmpty={[false, true]}
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="publish" label={t('notices.publishNow')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Modal>
  );
}
