/** 我的工单: the technician's open orders as cards, the next step of each one tap away. */
import { ReloadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import type { RequestAction } from '@wuye/contracts';
import { Button, Empty, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { QueryError } from '../../../shared/ui/QueryError';
import { TechFees } from '../../payments/components/TechFees';
import { ActionModal } from '../../requests/components/ActionModal';
import { useNow } from '../../requests/components/useNow';
import { fetchRequest, type RequestDetail, requestKey } from '../../requests/requests.api';
import { OrderCard } from '../components/OrderCard';
import { useTechOrders } from '../tech.api';

export default function TechPage() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const { estates } = useEstate();
  const client = useQueryClient();
  const orders = useTechOrders(user);
  const now = useNow(1000);
  const [busy, setBusy] = useState<string | null>(null);
  const [acting, setActing] = useState<{ action: RequestAction; detail: RequestDetail } | null>(null);
  const timeZone = (id: string) => estates.find((e) => e.id === id)?.timeZone;

  const open = async (id: string, action: RequestAction) => {
    setBusy(id);
    try {
      const detail = await client.fetchQuery({
        queryKey: requestKey(id),
        queryFn: ({ signal }) => fetchRequest(id, signal),
        staleTime: 0,
      });
      setActing({ action, detail });
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="tech-page">
      <div className="tech-page-head">
        <div>
          <Typography.Title level={4} style={{ margin: 0 }}>
            {t('tech.myOrders')}
          </Typography.Title>
          <Typography.Text type="secondary" className="tech-updated">
            {orders.updatedAt
              ? `${t('common.lastUpdated', { time: dayjs(orders.updatedAt).format('HH:mm') })} · ${t('common.autoRefresh')}`
              : null}
          </Typography.Text>
        </div>
        <Button
          size="large"
          icon={<ReloadOutlined spin={orders.isFetching} />}
          aria-label={t('common.refresh')}
          onClick={() => orders.refetch()}
        />
      </div>
      {orders.error ? <QueryError error={orders.error} onRetry={() => orders.refetch()} /> : null}
      {orders.isPending ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : orders.items.length === 0 ? (
        <Empty description={t('tech.empty')} className="tech-empty" />
      ) : (
        <div className="tech-list">
          <Typography.Text type="secondary">{t('tech.count', { n: orders.items.length })}</Typography.Text>
          {orders.items.map((o) => (
            <OrderCard
              key={o.id}
              order={o}
              now={now}
              timeZone={timeZone(o.estateId)}
              busy={busy === o.id}
              onAction={(action) => void open(o.id, action)}
            />
          ))}
        </div>
      )}
      <TechFees timeZone={timeZone} />
      {acting ? (
        <ActionModal action={acting.action} detail={acting.detail} onClose={() => setActing(null)} />
      ) : null}
    </div>
  );
}
