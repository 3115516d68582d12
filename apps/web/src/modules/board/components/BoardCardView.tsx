/** One order on the board: where, what, the nearest clock counting down, who has it, and what to do. */
import { EnvironmentOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { RequestFlags, RequestStateTag } from '../../../shared/ui/RequestTags';
import { Countdown } from '../../requests/components/Countdown';
import { DEADLINE_KIND_KEYS } from '../../requests/lib/labels';
import type { BoardCard } from '../board.api';

export function BoardCardView({
  card,
  now,
  timeZone,
  canAssign,
  canAccept,
  busy,
  onAssign,
  onAccept,
}: {
  card: BoardCard;
  now: number;
  timeZone?: string;
  canAssign: boolean;
  canAccept: boolean;
  busy: boolean;
  onAssign: () => void;
  onAccept: () => void;
}) {
  const { t } = useI18n();
  const clock = card.clock;
  return (
    <article
      className={`board-card${card.overdue ? ' board-card-overdue' : ''}`}
      data-testid="board-card"
      data-number={card.number}
      data-state={card.state}
    >
      <div className="board-card-top">
        <Link to={`/requests/${card.id}`} className="mono board-card-number">
          {card.number}
        </Link>
        <span className="board-card-flags">
          <RequestFlags vip={card.vip} night={card.night} repeatOf={card.repeatOf} reworkOf={card.reworkOf} />
        </span>
      </div>
      <div className="board-card-place">
        <EnvironmentOutlined /> {card.unitLabel ?? t('common.none')}
        {card.state === 'on_site' || card.state === 'in_progress' ? (
          <span className="board-card-state">
            <RequestStateTag state={card.state} />
          </span>
        ) : null}
      </div>
      <Typography.Paragraph className="board-card-text" ellipsis={{ rows: 2, tooltip: card.description }}>
        {card.description}
      </Typography.Paragraph>
      <div className="board-card-clock">
        {clock ? (
          <>
            <span className="muted">{t(DEADLINE_KIND_KEYS[clock.kind] ?? 'clock.kind.other')}</span>{' '}
            {/* A missed clock not yet met is still running, late: show by how much. */}
            <Countdown
              clock={{ ...clock, status: clock.status === 'missed' ? 'pending' : clock.status }}
              now={now}
            />
          </>
        ) : (
          <span className="muted">{t('board.noClock')}</span>
        )}
        {card.urgency === 'scheduled' && card.appointmentAt ? (
          <span className="muted board-card-appointment">
            {t('board.appointment', { time: formatDateTime(card.appointmentAt, timeZone).slice(5) })}
          </span>
        ) : null}
      </div>
      <div className="board-card-foot">
        <span className="board-card-assignee" data-testid="board-card-assignee">
          {card.assigneeName ? (
            <>
              <UserOutlined /> {card.assigneeName}
            </>
          ) : (
            <Tag color="orange" bordered={false}>
              {t('board.unassigned')}
            </Tag>
          )}
        </span>
        <Space size={4} className="board-card-actions">
          {canAccept ? (
            <Popconfirm
              title={
                card.assigneeName
                  ? t('board.acceptForConfirm', { name: card.assigneeName })
                  : t('board.acceptForNobody')
              }
              okText={t('board.acceptFor')}
              cancelText={t('action.back')}
              onConfirm={onAccept}
            >
              <Button size="small" loading={busy} data-testid="board-accept">
                {t('board.acceptFor')}
              </Button>
            </Popconfirm>
          ) : null}
          {canAssign ? (
            <Button
              size="small"
              type={card.assigneeId ? 'default' : 'primary'}
              data-testid="board-assign"
              onClick={onAssign}
            >
              {card.assigneeId ? t('board.reassign') : t('board.assign')}
            </Button>
          ) : null}
        </Space>
      </div>
    </article>
  );
}
