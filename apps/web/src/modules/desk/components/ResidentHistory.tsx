/**
 * The picked resident's requests: open ones and the last five closed. There is no look-up endpoint
 * yet, so this searches the request list by the unit's label (or the resident's name).
 */
import { Empty, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { RequestListItem, ResidentListItem } from '../../../shared/api/types';
import { formatDate } from '../../../shared/format';
import { RequestStateTag } from '../../../shared/ui/RequestTags';
import { OPEN_STATES } from '../../requests/lib/actions';
import { useRequestList } from '../../requests/requests.api';
import type { PickedUnit } from './ResidentLookup';

export function ResidentHistory({
  estateId,
  resident,
  unit,
}: {
  estateId: string | undefined;
  resident: ResidentListItem;
  unit: PickedUnit | null;
}) {
  const { t } = useI18n();
  const q = unit?.label ?? resident.units[0]?.unitLabel ?? resident.name;
  const list = useRequestList({ estateId, q, page: 1, pageSize: 30 });
  const items = list.data?.items ?? [];
  const open = items.filter((r) => OPEN_STATES.includes(r.state));
  const closed = items.filter((r) => !OPEN_STATES.includes(r.state)).slice(0, 5);

  if (list.isPending) return <Spin size="small" />;
  if (items.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={t('desk.noHistory')}
        className="desk-history-empty"
      />
    );

  const row = (r: RequestListItem) => (
    <li key={r.id}>
      <Link to={`/requests/${r.id}`} className="mono">
        {r.number}
      </Link>
      <RequestStateTag state={r.state} />
      <Typography.Text ellipsis={{ tooltip: r.description }} className="desk-history-text">
        {r.description}
      </Typography.Text>
      <span className="muted desk-history-date">{formatDate(r.receivedAt)}</span>
    </li>
  );

  return (
    <div className="desk-history">
      <div className="desk-history-title">
        {t('desk.openRequests', { n: open.length })}
        {open.length ? null : <span className="muted"> · {t('desk.noneOpen')}</span>}
      </div>
      {open.length ? <ul>{open.map(row)}</ul> : null}
      {closed.length ? (
        <>
          <div className="desk-history-title">{t('desk.recentClosed')}</div>
          <ul>{closed.map(row)}</ul>
        </>
      ) : null}
    </div>
  );
}
