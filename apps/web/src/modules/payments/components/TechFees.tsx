/** 待收费 on the technician's phone: their completed chargeable jobs with no fee recorded, one tap to record it. */
import { EnvironmentOutlined } from '@ant-design/icons';
import { Button, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { collectMethods } from '../lib/payments';
import { type UncollectedItem, useUncollected } from '../payments.api';
import { CollectModal } from './CollectModal';
import '../payments.css';

export function TechFees({ timeZone }: { timeZone: (estateId: string) => string | undefined }) {
  const { t } = useI18n();
  const user = useCurrentUser();
  const fees = useUncollected(undefined);
  const [collecting, setCollecting] = useState<UncollectedItem | null>(null);
  const methodsFor = (r: UncollectedItem) =>
    collectMethods(
      {
        state: r.state,
        departmentId: r.departmentId,
        assigneeId: r.assigneeId,
        completion: { chargeable: true, completedById: r.completedById ?? undefined },
      },
      user,
    ).filter((m) => m === 'technician_cash' || m === 'technician_scan');
  const items = (fees.data?.items ?? []).filter((r) => methodsFor(r).length > 0);
  if (items.length === 0) return null;

  return (
    <section className="tech-fees" data-testid="tech-fees">
      <div className="tech-fees-head">
        <Typography.Title level={5} style={{ margin: 0 }}>
          {t('payment.toCollect')}
        </Typography.Title>
        <Typography.Text type="secondary">{t('payment.toCollectHint')}</Typography.Text>
      </div>
      {items.map((r) => (
        <article key={r.id} className="tech-fee-card" data-testid="tech-fee" data-number={r.number}>
          <div className="tech-fee-top">
            <Link to={`/tech/${r.id}`} className="mono tech-card-number">
              {r.number}
            </Link>
            <span className="tech-fee-amount">{formatMoney(r.feeFen)}</span>
          </div>
          <div className="tech-card-place">
            <EnvironmentOutlined /> {r.unitLabel ?? t('common.none')}
          </div>
          <div className="tech-fee-text">
            {r.description}
            {r.completedAt ? (
              <span className="muted"> · {formatDateTime(r.completedAt, timeZone(r.estateId))}</span>
            ) : null}
          </div>
          <Button
            type="primary"
            size="large"
            block
            data-testid="tech-fee-collect"
            onClick={() => setCollecting(r)}
          >
            {t('payment.collected')}
          </Button>
        </article>
      ))}
      {collecting ? (
        <CollectModal
          request={{ id: collecting.id, number: collecting.number, feeFen: collecting.feeFen }}
          methods={methodsFor(collecting)}
          large
          onClose={() => setCollecting(null)}
        />
      ) : null}
    </section>
  );
}
