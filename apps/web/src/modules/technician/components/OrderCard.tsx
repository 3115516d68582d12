/** One order on the technician's phone: where, what, how long is left, and the next step as a big button. */
import { EnvironmentOutlined, MoonFilled, RightOutlined } from '@ant-design/icons';
import type { RequestAction } from '@wuye/contracts';
import { Button, Tag } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { RequestListItem } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { Countdown } from '../../requests/components/Countdown';
import { useActionLabel } from '../../requests/components/useActionLabel';
import { DEADLINE_KIND_KEYS } from '../../requests/lib/labels';

/** The next step of the work for an order in this state. */
export function nextWorkAction(state: RequestListItem['state']): RequestAction | null {
  switch (state) {
    case 'dispatched':
      return 'accept';
    case 'accepted':
      return 'arrive';
    case 'on_site':
      return 'start';
    case 'in_progress':
      return 'complete';
    case 'on_hold':
      return 'resume';
    default:
      return null;
  }
}

export function OrderCard({
  order,
  now,
  timeZone,
  busy,
  onAction,
}: {
  order: RequestListItem;
  now: number;
  timeZone?: string;
  busy: boolean;
  onAction: (action: RequestAction) => void;
}) {
  const { t } = useI18n();
  const actionLabel = useActionLabel();
  const next = nextWorkAction(order.state);
  const due = order.nextDue;

  return (
    <article
      className={`tech-card tech-card-${order.state}${order.overdue ? ' tech-card-overdue' : ''}`}
      data-testid="tech-order"
      data-number={order.number}
      data-state={order.state}
    >
      <Link to={`/tech/${order.id}`} className="tech-card-link">
        <div className="tech-card-top">
          <span className="mono tech-card-number">{order.number}</span>
          <span className="tech-card-tags">
            {order.night ? <MoonFilled className="desk-night-icon" aria-label={t('detail.night')} /> : null}
            <RequestTypeTag type={order.type} />
            <RequestStateTag state={order.state} />
          </span>
        </div>
        <div className="tech-card-place">
          <EnvironmentOutlined /> {order.unitLabel ?? t('common.none')}
        </div>
        <div className="tech-card-text">{order.description}</div>
        <div className="tech-card-meta">
          {due ? (
            <span>
              {t(DEADLINE_KIND_KEYS[due.kind] ?? 'clock.kind.other')}{' '}
              <Countdown
                clock={{ startedAt: order.receivedAt, dueAt: due.dueAt, status: 'pending' }}
                now={now}
              />
            </span>
          ) : (
            <span className="muted">{formatDateTime(order.receivedAt, timeZone)}</span>
          )}
          {order.assigneeId ? null : <Tag color="orange">{t('tech.unassigned')}</Tag>}
          <RightOutlined className="tech-card-chevron" />
        </div>
      </Link>
      {next ? (
        <div className="tech-card-actions">
          {next === 'complete' ? (
            <Link to={`/tech/${order.id}?complete=1`} className="tech-big-link">
              <Button type="primary" size="large" block data-testid="action-complete">
                {actionLabel('complete')}
              </Button>
            </Link>
          ) : (
            <Button
              type="primary"
              size="large"
              block
              loading={busy}
              data-testid={`action-${next}`}
              onClick={() => onAction(next)}
            >
              {actionLabel(next)}
            </Button>
          )}
          {order.state === 'on_site' ? (
            <Link to={`/tech/${order.id}?complete=1`} className="tech-big-link">
              <Button size="large" block data-testid="action-complete">
                {actionLabel('complete')}
              </Button>
            </Link>
          ) : null}
        </div>
      ) : null}
    </article>
  );
}
