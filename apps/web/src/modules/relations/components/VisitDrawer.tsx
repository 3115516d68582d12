/**
 * 业户访问记录: the form a steward fills in at the door or on the phone — unit, who was met, way,
 * topics, opinions, the resident's signature drawn on screen, and follow-ups that become requests.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  REQUEST_TYPE_LABELS,
  REQUEST_TYPES,
  type RequestType,
  VISIT_TOPICS,
  type VisitTopic,
} from '@wuye/contracts';
import { App, Button, Checkbox, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import { useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { api } from '../../../shared/api/client';
import type { ResidentList } from '../../../shared/api/types';
import { SignaturePad, type SignaturePadHandle } from '../../requests/components/SignaturePad';
import { uploadFile } from '../../requests/requests.api';
import { UnitPicker } from '../../residents/components/UnitPicker';
import { showServerErrors } from '../lib/forms';
import { createVisit, RELATIONS_KEY } from '../relations.api';
import '../../requests/requests.css';

type Values = {
  unitId: string;
  residentId?: string;
  metName?: string;
  way: 'visit' | 'phone';
  topics: VisitTopic[];
  opinions?: string;
  followUps?: { type: RequestType; description: string }[];
};

export function VisitDrawer({
  estateId,
  open,
  onClose,
  initialUnit,
  onRecorded,
}: {
  estateId: string;
  open: boolean;
  onClose: () => void;
  initialUnit?: { id: string; label: string };
  /** After a visit is saved (the unit file re-reads itself). */
  onRecorded?: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [unit, setUnit] = useState<{ id: string; label: string } | undefined>(initialUnit);
  const [saving, setSaving] = useState(false);
  const signature = useRef<SignaturePadHandle>(null);
  const way = Form.useWatch('way', form);

  const residents = useQuery({
    queryKey: ['residents', 'of-unit', unit?.id],
    queryFn: ({ signal }) =>
      api.get<ResidentList>('/residents', { unitId: unit!.id, pageSize: 20 }, { signal }),
    enabled: Boolean(unit?.id),
  });

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      let signatureFileId: string | undefined;
      const blob = v.way === 'visit' ? await signature.current?.toBlob() : null;
      if (blob)
        signatureFileId = await uploadFile(client, blob, {
          estateId,
          kind: 'signature',
          name: 'visit-signature.png',
        });
      const visit = await createVisit({
        estateId,
        unitId: v.unitId,
        ...(v.residentId ? { residentId: v.residentId } : {}),
        ...(v.metName ? { metName: v.metName } : {}),
        way: v.way,
        topics: v.topics,
        ...(v.opinions ? { opinions: v.opinions } : {}),
        ...(signatureFileId ? { signatureFileId } : {}),
        followUps: (v.followUps ?? []).filter((f) => f?.description),
      });
      message.success(
        visit.requests.length
          ? t('visits.recordedWith', { numbers: visit.requests.map((r) => r.number).join('、') })
          : t('visits.recorded'),
      );
      await client.invalidateQueries({ queryKey: RELATIONS_KEY });
      onRecorded?.();
      form.resetFields();
      signature.current?.clear();
      setUnit(initialUnit);
      onClose();
    } catch (e) {
      const rest = showServerErrors(form, e, [
        'unitId',
        'residentId',
        'metName',
        'way',
        'topics',
        'opinions',
        'followUps',
      ]);
      if (rest) message.error(rest);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      title={t('visits.record')}
      open={open}
      onClose={onClose}
      width={560}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>{t('rel.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="visit-save">
            {t('rel.save')}
          </Button>
        </Space>
      }
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ way: 'visit', topics: [], unitId: initialUnit?.id }}
        requiredMark
      >
        <Form.Item name="unitId" label={t('rel.unit')} rules={[{ required: true, message: t('rel.unit') }]}>
          <UnitPicker
            value={unit?.id}
            valueLabel={unit?.label}
            onChange={(u) => {
              setUnit(u);
              form.setFieldsValue({ unitId: u?.id, residentId: undefined });
            }}
          />
        </Form.Item>
        <Space.Compact block>
          <Form.Item name="residentId" label={t('rel.resident')} style={{ flex: 1 }}>
            <Select
              allowClear
              data-testid="visit-resident"
              loading={residents.isFetching}
              options={(residents.data?.items ?? []).map((r) => ({ value: r.id, label: r.name }))}
              onChange={(id) => {
                const r = residents.data?.items.find((x) => x.id === id);
                if (r) form.setFieldsValue({ metName: r.name });
              }}
            />
          </Form.Item>
          <Form.Item name="metName" label={t('visits.met')} style={{ flex: 1, marginLeft: 8 }}>
            <Input placeholder={t('visits.metPlaceholder')} maxLength={50} />
          </Form.Item>
        </Space.Compact>
        <Form.Item name="way" label={t('visits.way')} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid">
            <Radio.Button value="visit">{t('visits.way.visit')}</Radio.Button>
            <Radio.Button value="phone">{t('visits.way.phone')}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="topics"
          label={t('visits.topics')}
          rules={[{ required: true, message: t('visits.topics') }]}
        >
          <Checkbox.Group options={VISIT_TOPICS.map((k) => ({ value: k, label: t(`visits.topic.${k}`) }))} />
        </Form.Item>
        <Form.Item name="opinions" label={t('visits.opinions')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('visits.opinionsPlaceholder')}
            data-testid="visit-opinions"
          />
        </Form.Item>
        {way === 'visit' ? (
          <Form.Item label={t('visits.signature')} extra={t('visits.signatureHelp')}>
            <div data-testid="visit-signature">
              <SignaturePad ref={signature} height={150} />
            </div>
          </Form.Item>
        ) : null}
        <Form.Item label={t('visits.followUps')}>
          <Form.List name="followUps">
            {(fields, { add, remove }) => (
              <Space direction="vertical" style={{ width: '100%' }}>
                {fields.map((f) => (
                  <div key={f.key} className="rel-followup">
                    <Form.Item name={[f.name, 'type']} noStyle rules={[{ required: true }]}>
                      <Select
                        aria-label={t('visits.followUpType')}
                        options={REQUEST_TYPES.filter((x) => x !== 'paid_service').map((x) => ({
                          value: x,
                          label: label(REQUEST_TYPE_LABELS, x),
                        }))}
                      />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'description']}
                      noStyle
                      rules={[{ required: true, message: t('visits.followUpText') }]}
                    >
                      <Input
                        placeholder={t('visits.followUpText')}
                        maxLength={2000}
                        data-testid="visit-followup-text"
                      />
                    </Form.Item>
                    <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label="remove" />
                  </div>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ type: 'repair', description: '' })}
                  data-testid="visit-add-followup"
                >
                  {t('visits.addFollowUp')}
                </Button>
              </Space>
            )}
          </Form.List>
        </Form.Item>
      </Form>
    </Drawer>
  );
}
