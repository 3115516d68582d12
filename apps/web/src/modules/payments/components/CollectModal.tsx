/** 登记收费 / 已收费: the amount taken (the completion's fee by default), how, a receipt, and why it differs. */
import type { PaymentMethod } from '@wuye/contracts';
import { Alert, Button, Form, Input, InputNumber, Modal, Radio } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatMoney } from '../../../shared/format';
import { fenToYuan, yuanToFen } from '../../requests/lib/format';
import { PAYMENT_METHOD_KEYS } from '../lib/payments';
import { usePaymentAction } from './usePaymentAction';

type Values = { amountYuan?: number; method: PaymentMethod; receiptNo?: string; note?: string };

export function CollectModal({
  request,
  methods,
  onClose,
  large,
}: {
  request: { id: string; number: string; feeFen: number };
  methods: readonly PaymentMethod[];
  onClose: () => void;
  /** Bigger controls for the technician's phone. */
  large?: boolean;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { collect } = usePaymentAction();
  const [saving, setSaving] = useState(false);
  const amount = Form.useWatch('amountYuan', form);
  const differs = amount !== undefined && amount !== null && yuanToFen(amount) !== request.feeFen;

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await collect(
      request.id,
      {
        amountFen: yuanToFen(v.amountYuan),
        method: v.method,
        receiptNo: v.receiptNo?.trim() || undefined,
        note: v.note?.trim() || undefined,
      },
      form,
    );
    setSaving(false);
    if (done) onClose();
  };

  const size = large ? 'large' : 'middle';
  return (
    <Modal
      open
      title={t('payment.collectTitle', { number: request.number })}
      onCancel={onClose}
      width={480}
      destroyOnHidden
      maskClosable={false}
      footer={[
        <Button key="cancel" size={size} onClick={onClose}>
          {t('action.back')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          size={size}
          loading={saving}
          data-testid="payment-submit"
          onClick={submit}
        >
          {t('payment.collect')}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark="optional"
        size={size}
        initialValues={{ amountYuan: fenToYuan(request.feeFen), method: methods[0] }}
      >
        <Form.Item
          name="amountYuan"
          label={`${t('payment.amount')}（${t('payment.expected')} ${formatMoney(request.feeFen)}）`}
          rules={[{ required: true, message: t('payment.amountRequired') }]}
        >
          <InputNumber
            data-testid="payment-amount"
            min={0.01}
            max={1_000_000}
            precision={2}
            prefix="¥"
            style={{ width: 200 }}
            inputMode="decimal"
          />
        </Form.Item>
        <Form.Item name="method" label={t('payment.method')} rules={[{ required: true }]}>
          <Radio.Group
            data-testid="payment-method"
            optionType="button"
            options={methods.map((m) => ({ value: m, label: t(PAYMENT_METHOD_KEYS[m]) }))}
          />
        </Form.Item>
        <Form.Item name="receiptNo" label={t('payment.receiptNo')}>
          <Input maxLength={40} placeholder={t('payment.receiptPlaceholder')} />
        </Form.Item>
        {differs ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            message={t('payment.noteRequired', { fee: formatMoney(request.feeFen) })}
          />
        ) : null}
        <Form.Item
          name="note"
          label={t('payment.note')}
          rules={
            differs
              ? [
                  {
                    required: true,
                    whitespace: true,
                    message: t('payment.noteRequired', { fee: formatMoney(request.feeFen) }),
                  },
                ]
              : []
          }
        >
          <Input.TextArea
            data-testid="payment-note"
            rows={2}
            maxLength={500}
            placeholder={t('payment.notePlaceholder')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
