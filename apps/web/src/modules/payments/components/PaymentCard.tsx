/**
 * 维修收费 on a request: the fee due, what was collected (how, by whom, the receipt) and whether the
 * cashier has confirmed it, with the next step for whoever may take it.
 */
import { Button, Card, Descriptions, Empty, Space, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime, formatMoney } from '../../../shared/format';
import type { RequestDetail } from '../../requests/requests.api';
import {
  canConfirm,
  collectMethods,
  isChargeableDone,
  PAYMENT_METHOD_COLORS,
  PAYMENT_METHOD_KEYS,
  PAYMENT_STATUS_KEYS,
} from '../lib/payments';
import type { RequestPayment } from '../payments.api';
import { CollectModal } from './CollectModal';
import { ConfirmModal } from './ConfirmModal';
import '../payments.css';

type Completion = { chargeable?: boolean; feeFen?: number; completedById?: string } | null;

export function PaymentStatusTag({ payment }: { payment: RequestPayment }) {
  const { t } = useI18n();
  return (
    <Tag
      color={payment.status === 'confirmed' ? 'green' : 'orange'}
      data-testid="payment-status"
      data-status={payment.status}
    >
      {t(PAYMENT_STATUS_KEYS[payment.status])}
    </Tag>
  );
}

export function PaymentCard({
  detail,
  timeZone,
  large,
  className,
  size,
}: {
  detail: RequestDetail;
  timeZone?: string;
  large?: boolean;
  className?: string;
  size?: 'small' | 'default';
}) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const [open, setOpen] = useState<'collect' | RequestPayment | null>(null);
  const completion = detail.completion as Completion;
  if (!completion?.chargeable) return null;
  const fee = completion.feeFen ?? 0;
  const payment = detail.payments[0];
  const methods = isChargeableDone(detail) && !payment ? collectMethods({ ...detail, completion }, user) : [];
  const confirmable = payment?.status === 'collected' && canConfirm(user);

  const items: { key: string; label: string; children: ReactNode }[] = payment
    ? [
        { key: 'fee', label: t('payment.expected'), children: formatMoney(fee) },
        {
          key: 'amount',
          label: t('payment.amount'),
          children: (
            <Space size={6} wrap>
              <strong data-testid="payment-amount-shown">{formatMoney(payment.amountFen)}</strong>
              {payment.amountFen !== fee ? <Tag color="warning">{t('payment.differs')}</Tag> : null}
            </Space>
          ),
        },
        {
          key: 'method',
          label: t('payment.method'),
          children: (
            <Tag color={PAYMENT_METHOD_COLORS[payment.method]}>{t(PAYMENT_METHOD_KEYS[payment.method])}</Tag>
          ),
        },
        {
          key: 'by',
          label: t('payment.collectedBy'),
          children: `${payment.collectedByName} · ${formatDateTime(payment.collectedAt, timeZone)}`,
        },
        ...(payment.receiptNo
          ? [
              {
                key: 'receipt',
                label: t('payment.receiptNo'),
                children: <span className="mono">{payment.receiptNo}</span>,
              },
            ]
          : []),
        ...(payment.note ? [{ key: 'note', label: t('payment.note'), children: payment.note }] : []),
        { key: 'status', label: t('request.state'), children: <PaymentStatusTag payment={payment} /> },
        ...(payment.confirmedAt
          ? [
              {
                key: 'confirmed',
                label: t('payment.confirmedBy'),
                children: `${payment.confirmedByName ?? ''} · ${formatDateTime(payment.confirmedAt, timeZone)}`,
              },
            ]
          : []),
      ]
    : [];

  return (
    <Card
      title={t('payment.title')}
      size={size}
      className={className}
      data-testid="payment-card"
      extra={
        methods.length && !large ? (
          <Button
            type="primary"
            size="small"
            data-testid="payment-collect"
            onClick={() => setOpen('collect')}
          >
            {t('payment.collect')}
          </Button>
        ) : confirmable ? (
          <Button type="primary" size="small" data-testid="payment-confirm" onClick={() => setOpen(payment)}>
            {t('payment.confirm')}
          </Button>
        ) : null
      }
    >
      {payment ? (
        <Descriptions column={1} size="small" items={items} />
      ) : (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          style={{ margin: '4px 0' }}
          description={`${t('payment.expected')} ${formatMoney(fee)} · ${t('payment.none')}`}
        />
      )}
      {methods.length && large ? (
        <Button
          type="primary"
          size="large"
          block
          data-testid="payment-collect"
          onClick={() => setOpen('collect')}
        >
          {t('payment.collected')}
        </Button>
      ) : null}
      {open === 'collect' ? (
        <CollectModal
          request={{ id: detail.id, number: detail.number, feeFen: fee }}
          methods={methods}
          large={large}
          onClose={() => setOpen(null)}
        />
      ) : open ? (
        <ConfirmModal
          number={detail.number}
          payment={open}
          timeZone={timeZone}
          onClose={() => setOpen(null)}
        />
      ) : null}
    </Card>
  );
}

/** One line for the callback's fee check: what was due and what was collected. */
export function usePaymentLine() {
  const { t } = useI18n();
  return (detail: RequestDetail): string => {
    const completion = detail.completion as Completion;
    const fee = formatMoney(completion?.feeFen ?? 0);
    const p = detail.payments[0];
    const paid = p
      ? t('payment.summary', {
          amount: formatMoney(p.amountFen),
          method: t(PAYMENT_METHOD_KEYS[p.method]),
          status: t(PAYMENT_STATUS_KEYS[p.status]),
        })
      : t('payment.summaryNone');
    return `${t('payment.expected')} ${fee} · ${paid}`;
  };
}
