/** 调整客户等级: the four grades with who belongs in each (seed 004 第七条), and the reason, required. */
import { useQueryClient } from '@tanstack/react-query';
import { GRADE_LABELS, type Grade } from '@wuye/contracts';
import { App, Form, Input, Modal, Radio, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { patchResident, type ResidentDetail, storeResident } from '../residents.api';
import { GRADE_COLORS, GRADE_LIST } from '../residents.labels';

type Values = { grade?: Grade; gradeReason?: string };

export function GradeDialog({
  resident,
  open,
  onClose,
  onConflict,
}: {
  resident: ResidentDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    if (open) form.resetFields();
  }, [open, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = await patchResident(resident.id, {
        version: resident.version,
        grade: v.grade,
        gradeReason: v.gradeReason?.trim(),
      });
      storeResident(client, saved);
      message.success(t('resident.gradeSaved', { grade: label(GRADE_LABELS, saved.grade) }));
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') {
        message.warning(t('resident.form.conflict'));
        onConflict();
      } else if (isApiError(e) && Object.keys(e.fields).length) {
        form.setFields(
          Object.entries(e.fields)
            .filter(([k]) => k === 'grade' || k === 'gradeReason')
            .map(([name, text]) => ({ name: name as keyof Values, errors: [text] })),
        );
        message.error(Object.values(e.fields).join('；'));
      } else message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('resident.gradeDialog')}
      onCancel={onClose}
      onOk={submit}
      okText={t('resident.form.save')}
      cancelText={t('resident.form.cancel')}
      confirmLoading={saving}
      okButtonProps={{ 'data-testid': 'grade-save' } as never}
      width={560}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical" data-testid="grade-form">
        <Form.Item label={t('resident.currentGrade')}>
          <Tag color={GRADE_COLORS[resident.grade]}>{label(GRADE_LABELS, resident.grade)}</Tag>
        </Form.Item>
        <Form.Item
          name="grade"
          label={t('resident.newGrade')}
          rules={[
            { required: true, message: t('resident.gradeSame') },
            {
              validator: (_, g) =>
                g === resident.grade ? Promise.reject(new Error(t('resident.gradeSame'))) : Promise.resolve(),
            },
          ]}
        >
          <Radio.Group style={{ width: '100%' }}>
            <Space direction="vertical" style={{ width: '100%' }}>
              {GRADE_LIST.map((g) => (
                <Radio key={g} value={g} disabled={g === resident.grade} data-testid={`grade-${g}`}>
                  <Tag color={GRADE_COLORS[g]}>{label(GRADE_LABELS, g)}</Tag>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t(`resident.gradeHelp.${g}`)}
                  </Typography.Text>
                </Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="gradeReason"
          label={t('resident.gradeReason')}
          rules={[{ required: true, whitespace: true, message: t('resident.gradeReasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('resident.gradeReasonPlaceholder')}
            data-testid="grade-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
