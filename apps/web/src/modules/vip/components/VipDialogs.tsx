/** The VIP registration form (申请 VIP 卡 / 直接发卡) and the reason dialog (驳回, 取消资格). */
import { VIP_LEVELS, type VipLevel } from '@wuye/contracts';
import { App, Form, Input, Modal, Radio } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { levelKey, VIP_LEVEL_TEXT } from '../vip.labels';

type FormValues = {
  level: VipLevel;
  workplace?: string;
  position?: string;
  qualification?: string;
  hobbies?: string;
  preferredContact?: string;
  specialNeeds?: string;
};

/** With `withForm` the registration form (an estate's application); without it only the level (an issue). */
export function VipApplyDialog({
  open,
  withForm,
  title,
  onClose,
  onSubmit,
}: {
  open: boolean;
  withForm: boolean;
  title: string;
  onClose: () => void;
  onSubmit: (v: FormValues) => Promise<void>;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    let v: FormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onSubmit(v);
      onClose();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length)
        form.setFields(
          Object.entries(e.fields).map(([k, text]) => ({
            name: k.replace(/^form\./, '') as keyof FormValues,
            errors: [text],
          })),
        );
      else message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      onOk={submit}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form form={form} layout="vertical" initialValues={{ level: 2 }} data-testid="vip-apply-form">
        <Form.Item name="level" label={t('vip.level')} rules={[{ required: true }]}>
          <Radio.Group>
            {VIP_LEVELS.map((l) => (
              <Radio.Button key={l} value={l}>
                {l} · {label(VIP_LEVEL_TEXT, levelKey(l))}
              </Radio.Button>
            ))}
          </Radio.Group>
        </Form.Item>
        {withForm ? (
          <>
            <Form.Item name="workplace" label={t('vip.form.workplace')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="position" label={t('vip.form.position')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item
              name="qualification"
              label={t('vip.form.qualification')}
              extra={t('vip.form.qualificationHelp')}
              rules={[{ required: true, min: 2, message: t('vip.form.required') }]}
            >
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
            <Form.Item name="hobbies" label={t('vip.form.hobbies')}>
              <Input maxLength={300} />
            </Form.Item>
            <Form.Item name="preferredContact" label={t('vip.form.preferredContact')}>
              <Input maxLength={100} />
            </Form.Item>
            <Form.Item name="specialNeeds" label={t('vip.form.specialNeeds')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}

export function ReasonDialog({
  open,
  title,
  placeholder,
  onClose,
  onSubmit,
}: {
  open: boolean;
  title: string;
  placeholder?: string;
  onClose: () => void;
  onSubmit: (reason: string) => Promise<void>;
}) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);
  const submit = async () => {
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      await onSubmit(v.reason.trim());
      onClose();
    } catch (e) {
      message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal open={open} title={title} onCancel={onClose} onOk={submit} confirmLoading={saving} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('vip.reasonTitle')}
          rules={[{ required: true, min: 2, whitespace: true, message: t('vip.form.required') }]}
        >
          <Input.TextArea rows={3} maxLength={500} placeholder={placeholder} data-testid="vip-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The registration form's fields without the empty ones. */
export function registrationForm(v: FormValues) {
  const clean = (s?: string) => (s?.trim() ? s.trim() : undefined);
  return {
    workplace: clean(v.workplace),
    position: clean(v.position),
    qualification: v.qualification?.trim() ?? '',
    hobbies: clean(v.hobbies),
    preferredContact: clean(v.preferredContact),
    specialNeeds: clean(v.specialNeeds),
  };
}
