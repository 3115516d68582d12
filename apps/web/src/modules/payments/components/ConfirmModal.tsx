/** 确认收款: the cashier checks the money against the record and enters the receipt issued. */
import { Alert, Button, Descriptions, Form, Input, Modal, Tag } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { PAYMENT_METHOD_COLORS, PAYMENT_METHOD_KEYS } from '../lib/payments';
import type { RequestPayment } from '../payments.api';
import { usePaymentAction } from './usePaymentAction';

type Values = { receiptNo?: string; note?: string };

export function ConfirmModal({
  number,
  payment,
  timeZone,
  onClose,
}: {
  number: string;
  payment: RequestPayment;
  timeZone?: string;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const { confirm } = usePaymentAction();
  const [saving, setSaving] = useState(false);
  const differs = payment.expectedFen !== null && payment.expectedFen !== payment.amountFen;

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await confirm(
      payment.requestId,
      payment.id,
      { receiptNo: v.receiptNo!.trim(), note: v.note?.trim() || undefined },
      form,
    );
    setSaving(false);
    if (done) onClose();
  };

  return (
    <Modal
      open
      title={t('payment.confirmTitle', { number })}
      onCancel={onClose}
      width={520}
      destroyOnHidden
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.back')}
        </Button>,
        <Button key="ok" type="primary" loading={saving} data-testid="confirm-submit" onClick={submit}>
          {t('payment.confirm')}
        </Button>,
      ]}
    >
      <Descriptions
        size="small"
        column={2}
        bordered
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'amount',
            label: t('payment.amount'),
            children: <strong>{formatMoney(payment.amountFen)}</strong>,
          },
          {
            key: 'expected',
            label: t('payment.expected'),
            children: payment.expectedFen === null ? t('common.none') : formatMoney(payment.expectedFen),
          },
          {
            key: 'method',
            label: t('payment.method'),
            children: (
              <Tag color={PAYMENT_METHOD_COLORS[payment.method]}>
                {t(PAYMENT_METHOD_KEYS[payment.method])}
              </Tag>
            ),
          },
          { key: 'by', label: t('payment.collectedBy'), children: payment.collectedByName },
          {
            key: 'at',
            label: t('payment.collectedAt'),
            span: 2,
            children: formatDateTime(payment.collectedAt, timeZone),
          },
          ...(payment.note
            ? [{ key: 'note', label: t('payment.note'), span: 2, children: payment.note }]
            : []),
        ]}
      />
      {differs ? (
        <Alert type="warning" showIcon message={t('payment.differs')} style={{ marginBottom: 12 }} />
      ) : null}
      <Alert type="info" showIcon message={t('payment.confirmHint')} style={{ marginBottom: 16 }} />
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ receiptNo: payment.receiptNo ?? undefined }}
      >
        <Form.Item
          name="receiptNo"
          label={t('payment.receiptNo')}
          rules={[{ required: true, whitespace: true, message: t('payment.receiptRequired') }]}
        >
          <Input
            data-testid="confirm-receipt"
            maxLength={40}
            placeholder={t('payment.receiptPlaceholder')}
            autoFocus
          />
        </Form.Item>
        <Form.Item name="note" label={t('payment.note')} style={{ marginBottom: 0 }}>
          <Input.TextArea rows={2} maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
