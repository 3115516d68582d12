/**
 * 集体投诉事件: the collective complaints of the chosen estate(s), newest first, each with its households
 * by building and floor (who to contact to agree a reply) and the complaints it is made of.
 */
import { Card, Empty, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useComplaintEvents } from '../complaints.api';
import { GRADE_COLORS, gradeKey } from '../components/ComplaintTags';
import '../complaints.css';

type Household = { unitId: string; unitLabel: string; buildingName: string; floor: number | null };

/** Households grouped by building, then floor (top floor first, as a building is drawn). */
function byBuilding(households: Household[]) {
  const buildings = new Map<string, Map<number | null, Household[]>>();
  for (const h of households) {
    const floors = buildings.get(h.buildingName) ?? new Map<number | null, Household[]>();
    floors.set(h.floor, [...(floors.get(h.floor) ?? []), h]);
    buildings.set(h.buildingName, floors);
  }
  return [...buildings].map(([name, floors]) => ({
    name,
    floors: [...floors].sort((a, b) => (b[0] ?? 0) - (a[0] ?? 0)),
  }));
}

export default function ComplaintEventsPage() {
  const { t } = useI18n();
  const { estateId, estates } = useEstate();
  const query = useComplaintEvents(estateId);
  const estateName = (id: string) => estates.find((e) => e.id === id)?.name ?? '';

  return (
    <div className="complaint-events-page">
      <PageHeader title={t('complaintEvents.title')} subtitle={t('complaintEvents.subtitle')} />
      {query.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Card>
          <Empty description={t('complaintEvents.none')} />
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {query.data.items.map((e) => {
            const timeZone = estates.find((x) => x.id === e.estateId)?.timeZone;
            return (
              <Card
                key={e.id}
                data-testid="complaint-event"
                title={
                  <Space wrap>
                    <Tag color={GRADE_COLORS[e.grade]}>{t(gradeKey(e.grade))}</Tag>
                    <span>{estateName(e.estateId)}</span>
                    <Tag color="red">{t('complaintEvents.households', { count: e.households.length })}</Tag>
                    <Tag>{t('complaintEvents.people', { count: e.peopleCount })}</Tag>
                  </Space>
                }
                extra={
                  <Typography.Text type="secondary">
                    {t('complaintEvents.createdAt', { time: formatDateTime(e.createdAt, timeZone) })}
                  </Typography.Text>
                }
              >
                <Typography.Paragraph className="complaint-event-summary">{e.summary}</Typography.Paragraph>
                <Typography.Text strong>{t('complaintEvents.byBuilding')}</Typography.Text>
                <div className="complaint-event-buildings">
                  {byBuilding(e.households).map((b) => (
                    <div
                      key={b.name}
                      className="complaint-event-building"
                      data-testid="complaint-event-building"
                    >
                      <div className="complaint-event-building-name">{b.name}</div>
                      {b.floors.map(([floor, list]) => (
                        <div key={String(floor)} className="complaint-event-floor">
                          <span className="complaint-event-floor-label">
                            {floor === null ? t('common.none') : t('complaintEvents.floor', { floor })}
                          </span>
                          <Space size={4} wrap>
                            {list.map((h) => (
                              <Tag key={h.unitId} className="mono" data-testid="complaint-event-unit">
                                {h.unitLabel}
                              </Tag>
                            ))}
                          </Space>
                        </div>
                      ))}
                    </div>
                  ))}
                </div>
                <Typography.Text type="secondary">
                  {t('complaintEvents.requests', { count: e.requestIds.length })}
                </Typography.Text>
                <Space size={8} wrap style={{ marginLeft: 8 }}>
                  {e.requests.map((r) => (
                    <Link key={r.id} to={`/requests/${r.id}`} className="mono">
                      {r.number}
                    </Link>
                  ))}
                </Space>
              </Card>
            );
          })}
        </Space>
      )}
    </div>
  );
}
