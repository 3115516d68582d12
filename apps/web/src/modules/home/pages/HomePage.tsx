/** 首页: greeting, a live card per estate, and the latest requests. */
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Empty, Result, Row, Skeleton, Space, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { DEFAULT_TIME_ZONE, toZoned } from '../../../shared/format';
import { QueryError } from '../../../shared/ui/QueryError';
import { EstateCard } from '../components/EstateCard';
import { RecentRequestsTable } from '../components/RecentRequestsTable';
import { useHome } from '../hooks/useHome';

function greetingKey(hour: number): MessageKey {
  if (hour < 11) return 'home.morning';
  if (hour < 13) return 'home.noon';
  if (hour < 18) return 'home.afternoon';
  return 'home.evening';
}

export default function HomePage() {
  const user = useCurrentUser();
  const { t, locale } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const home = useHome(estateId);
  const data = home.data;

  const timeZone = (id: string | undefined) => estates.find((e) => e.id === id)?.timeZone;
  // The server's clock, so the date is right even when the browser's clock or zone differs.
  const now = toZoned(data?.now ?? dayjs().toISOString(), timeZone(estateId) ?? DEFAULT_TIME_ZONE).locale(
    locale === 'zh-CN' ? 'zh-cn' : 'en',
  );
  const dateText = now.format(locale === 'zh-CN' ? 'YYYY年M月D日 dddd' : 'dddd, D MMMM YYYY');
  const updatedAt = home.dataUpdatedAt
    ? toZoned(new Date(home.dataUpdatedAt).toISOString(), timeZone(estateId)).format('HH:mm:ss')
    : '';

  return (
    <>
      <div className="home-greeting">
        <div>
          <Typography.Title level={3} style={{ margin: 0 }} data-testid="home-greeting">
            {t('home.greeting', { period: t(greetingKey(now.hour())), name: user.name })}
          </Typography.Title>
          <Typography.Text type="secondary">{t('home.today', { date: dateText })}</Typography.Text>
        </div>
        <Space size={8}>
          {updatedAt ? (
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('common.lastUpdated', { time: updatedAt })} · {t('common.autoRefresh')}
            </Typography.Text>
          ) : null}
          <Tooltip title={t('common.refresh')}>
            <Button
              icon={<ReloadOutlined spin={home.isFetching} />}
              aria-label={t('common.refresh')}
              onClick={() => home.refetch()}
            />
          </Tooltip>
        </Space>
      </div>

      {home.isError && !data ? <QueryError error={home.error} onRetry={() => home.refetch()} /> : null}

      {home.isPending ? (
        <Row gutter={[16, 16]}>
          {[0, 1].map((i) => (
            <Col key={i} xs={24} xl={12}>
              <Card>
                <Skeleton active paragraph={{ rows: 4 }} />
              </Card>
            </Col>
          ))}
        </Row>
      ) : data && data.estates.length === 0 ? (
        <Card>
          <Result status="info" title={t('home.noEstates')} subTitle={t('home.noEstatesHint')} />
        </Card>
      ) : data ? (
        <Row gutter={[16, 16]}>
          {data.estates.map((estate) => (
            <Col key={estate.id} xs={24} xl={data.estates.length === 1 ? 24 : 12}>
              <EstateCard estate={estate} />
            </Col>
          ))}
        </Row>
      ) : null}

      {data && data.estates.length > 0 ? (
        <Card
          title={t('home.recentRequests')}
          extra={<Link to="/requests">{t('home.viewAll')}</Link>}
          style={{ marginTop: 16 }}
          styles={{ body: { padding: 0 } }}
        >
          {data.recentRequests.length === 0 ? (
            <Empty
              image={Empty.PRESENTED_IMAGE_SIMPLE}
              description={t('home.noRequests')}
              style={{ padding: 32 }}
            />
          ) : (
            <RecentRequestsTable
              rows={data.recentRequests}
              loading={false}
              showEstate={multiple && !estateId}
              timeZoneOf={(id) => timeZone(id)}
            />
          )}
        </Card>
      ) : null}
    </>
  );
}
