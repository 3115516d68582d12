/** 添加房屋关系 / 结束关系: a unit of the resident's own estate and how they stand to it; ending one keeps it as history. */
import { useQueryClient } from '@tanstack/react-query';
import { RELATION_LABELS, type ResidentRelation } from '@wuye/contracts';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { addRelation, endRelation, type ResidentDetail, storeResident } from '../residents.api';
import { RELATION_LIST } from '../residents.labels';
import { UnitPicker } from './UnitPicker';

/** Puts the server's field errors on the form's fields (`names` maps a server path to a field). */
function placeErrors(
  form: ReturnType<typeof Form.useForm>[0],
  fields: Record<string, string>,
  names: Record<string, string>,
): string[] {
  const loose: string[] = [];
  const placed: { name: string; errors: string[] }[] = [];
  for (const [k, text] of Object.entries(fields)) {
    if (names[k]) placed.push({ name: names[k]!, errors: [text] });
    else loose.push(text);
  }
  form.setFields(placed as never);
  return loose;
}

export function AddRelationDialog({
  resident,
  open,
  onClose,
}: {
  resident: ResidentDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{
    unit?: { id: string; label: string };
    relation?: ResidentRelation;
    since?: Dayjs | null;
  }>();
  const [saving, setSaving] = useState(false);
  const unit = Form.useWatch('unit', form);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let v: Awaited<ReturnType<typeof form.validateFields>>;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = await addRelation(resident.id, {
        unitId: v.unit!.id,
        relation: v.relation!,
        since: v.since ? v.since.format('YYYY-MM-DD') : null,
      });
      storeResident(client, saved);
      message.success(
        t('resident.relationAdded', { unit: v.unit!.label, relation: label(RELATION_LABELS, v.relation!) }),
      );
      onClose();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) {
        const loose = placeErrors(form as never, e.fields, {
          unitId: 'unit',
          relation: 'relation',
          since: 'since',
        });
        if (loose.length) message.error(loose.join('；'));
      } else message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('resident.addRelation')}
      onCancel={onClose}
      onOk={submit}
      okText={t('resident.form.save')}
      cancelText={t('resident.form.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item
          name="unit"
          label={t('resident.unit')}
          rules={[{ required: true, message: t('resident.unitRequired') }]}
        >
          <UnitPicker
            estateId={resident.estateId}
            value={unit?.id}
            valueLabel={unit?.label}
            onChange={(u) => form.setFieldsValue({ unit: u })}
            testId="relation-unit"
            width="100%"
          />
        </Form.Item>
        <Form.Item
          name="relation"
          label={t('resident.relation')}
          rules={[{ required: true, message: t('resident.relationRequired') }]}
        >
          <Select
            data-testid="relation-kind"
            options={RELATION_LIST.map((r) => ({ value: r, label: label(RELATION_LABELS, r) }))}
          />
        </Form.Item>
        <Form.Item name="since" label={t('resident.since')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function EndRelationDialog({
  resident,
  relation,
  onClose,
}: {
  resident: ResidentDetail;
  relation: ResidentDetail['units'][number] | null;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<{ endedOn?: Dayjs; reason?: string }>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (relation) form.setFieldsValue({ endedOn: dayjs(), reason: undefined });
  }, [relation, form]);

  const submit = async () => {
    if (!relation) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    try {
      const saved = await endRelation(resident.id, relation.unitId, {
        endedOn: v.endedOn ? v.endedOn.format('YYYY-MM-DD') : undefined,
        reason: v.reason?.trim() || undefined,
      });
      storeResident(client, saved);
      message.success(t('resident.relationEnded', { unit: relation.unitLabel }));
      onClose();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) {
        const loose = placeErrors(form as never, e.fields, { endedOn: 'endedOn', reason: 'reason' });
        if (loose.length) message.error(loose.join('；'));
      } else message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={Boolean(relation)}
      title={
        relation
          ? t('resident.endRelationTitle', {
              unit: relation.unitLabel,
              relation: label(RELATION_LABELS, relation.relation),
            })
          : ''
      }
      onCancel={onClose}
      onOk={submit}
      okText={t('resident.endRelation')}
      okButtonProps={{ danger: true }}
      cancelText={t('resident.form.cancel')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical">
        <Form.Item name="endedOn" label={t('resident.endedOn')}>
          <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
        </Form.Item>
        <Form.Item name="reason" label={t('resident.endReason')}>
          <Input maxLength={200} placeholder={t('resident.endReasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
