/** 回访: record a callback try — reached or not, satisfaction and stars, the resident's words, problems. */
import { Alert, Button, Checkbox, Form, Input, Modal, Radio, Rate } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { usePaymentLine } from '../../payments/components/PaymentCard';
import { CALLBACK_RETRIES, owesCompanyCallback } from '../lib/actions';
import { CALLBACK_METHOD_KEYS, SATISFACTION_KEYS, SATISFACTIONS, type Satisfaction } from '../lib/labels';
import type { RequestDetail } from '../requests.api';
import { useRequestAction } from './useRequestAction';

type Values = {
  method: 'phone' | 'visit';
  reached: boolean;
  satisfaction?: Satisfaction;
  stars?: number;
  comment?: string;
  problemFound?: boolean;
  feeChecked?: boolean;
};

export function CallbackModal({
  detail,
  onClose,
  onRework,
}: {
  detail: RequestDetail;
  onClose: () => void;
  onRework?: (id: string) => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { callBack } = useRequestAction();
  const [saving, setSaving] = useState(false);
  const reached = Form.useWatch('reached', form);
  const satisfaction = Form.useWatch('satisfaction', form);
  const problemFound = Form.useWatch('problemFound', form);
  // Tries since the last completion (a reopened job starts counting again, as the server does).
  const since = (detail.completion as { completedAt?: string } | null)?.completedAt;
  const tries = detail.callbacks.filter(
    (c) => !c.reached && (!since || Date.parse(c.at) >= Date.parse(since)),
  ).length;
  const fee = detail.completion as { chargeable?: boolean; feeFen?: number } | null;
  const paymentLine = usePaymentLine();
  const user = useCurrentUser();
  const companyCallbackMade = Boolean(
    (detail as { complaint?: { companyCallback?: unknown | null } }).complaint?.companyCallback,
  );
  // The company complaint centre's own callback of a handled complaint (公司回访).
  const companyLevel = owesCompanyCallback({ ...detail, companyCallbackMade }, user);
  const isComplaint = detail.type === 'complaint';

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const outcome = await callBack(
      detail.id,
      {
        method: v.method,
        reached: v.reached,
        satisfaction: v.reached ? v.satisfaction : undefined,
        stars: v.reached && v.stars ? v.stars : undefined,
        comment: v.comment?.trim() || undefined,
        problemFound: v.reached ? Boolean(v.problemFound) : undefined,
        feeChecked: v.reached && fee?.chargeable ? Boolean(v.feeChecked) : undefined,
      },
      form,
    );
    setSaving(false);
    if (outcome.ok) {
      const last = [...outcome.detail.callbacks].sort((a, b) => b.at.localeCompare(a.at))[0];
      if (last?.reworkRequestId) onRework?.(last.reworkRequestId);
      onClose();
    } else if (outcome.conflict) onClose();
  };

  const rework = reached && (satisfaction === 'dissatisfied' || problemFound);

  return (
    <Modal
      open
      title={`${t(companyLevel ? 'callback.companyTitle' : 'callback.title')} · ${detail.number}`}
      onCancel={onClose}
      width={560}
      destroyOnHidden
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.back')}
        </Button>,
        <Button key="ok" type="primary" data-testid="callback-submit" loading={saving} onClick={submit}>
          {t('callback.save')}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ method: 'phone', reached: true, stars: 5, satisfaction: 'satisfied' }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
      >
        <div className="form-row">
          <Form.Item name="method" label={t('callback.method')}>
            <Radio.Group
              optionType="button"
              options={(['phone', 'visit'] as const).map((m) => ({
                value: m,
                label: t(CALLBACK_METHOD_KEYS[m]),
              }))}
            />
          </Form.Item>
          <Form.Item name="reached" label={t('callback.reached')}>
            <Radio.Group
              data-testid="callback-reached"
              optionType="button"
              options={[
                { value: true, label: t('callback.reachedYes') },
                { value: false, label: t('callback.reachedNo') },
              ]}
            />
          </Form.Item>
        </div>
        {reached ? (
          <>
            <Form.Item
              name="satisfaction"
              label={t('callback.satisfaction')}
              rules={[{ required: true, message: t('callback.satisfactionRequired') }]}
            >
              <Radio.Group
                data-testid="callback-satisfaction"
                optionType="button"
                buttonStyle="solid"
                options={SATISFACTIONS.map((s) => ({ value: s, label: t(SATISFACTION_KEYS[s]) }))}
              />
            </Form.Item>
            <Form.Item name="stars" label={t('callback.stars')}>
              <Rate data-testid="callback-stars" allowClear={false} />
            </Form.Item>
            <Form.Item name="comment" label={t('callback.comment')}>
              <Input.TextArea rows={2} maxLength={2000} placeholder={t('callback.commentPlaceholder')} />
            </Form.Item>
            <Form.Item name="problemFound" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t('callback.problemFound')}</Checkbox>
            </Form.Item>
            {fee?.chargeable ? (
              <Form.Item
                name="feeChecked"
                valuePropName="checked"
                extra={<span data-testid="callback-fee-collected">{paymentLine(detail)}</span>}
              >
                <Checkbox>{t('callback.feeChecked', { fee: ((fee.feeFen ?? 0) / 100).toFixed(2) })}</Checkbox>
              </Form.Item>
            ) : null}
            {rework ? (
              <Alert
                type="warning"
                showIcon
                message={t(isComplaint ? 'callback.reComplaintHint' : 'callback.reworkHint')}
              />
            ) : null}
          </>
        ) : (
          <>
            <Form.Item name="comment" label={t('callback.note')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Alert
              type="info"
              showIcon
              message={
                companyLevel
                  ? t('callback.companyUnreachedHint')
                  : t('callback.unreachedHint', { n: tries + 1, max: CALLBACK_RETRIES })
              }
            />
          </>
        )}
      </Form>
    </Modal>
  );
}
