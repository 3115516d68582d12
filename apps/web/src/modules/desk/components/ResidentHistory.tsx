/**
 * The picked resident at a glance, from the look-up itself (no second request): notes, arrears (from
 * the estate's latest arrears list, with its date; unknown where the estate loaded none — said so, never
 * shown as "nothing owed"), open requests and the last five closed ones.
 */
import { ClockCircleFilled } from '@ant-design/icons';
import type { ArrearsFlag, LookupRequest, LookupResident } from '@wuye/contracts';
import { Tooltip, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDate, formatMoney } from '../../../shared/format';
import { RequestStateTag } from '../../../shared/ui/RequestTags';
import { PriorityMarks } from '../../requests/components/PriorityMarks';

export function ResidentHistory({ resident }: { resident: LookupResident }) {
  const { t } = useI18n();
  const open = resident.openRequests;
  const closed = resident.recentClosed;

  const row = (r: LookupRequest) => (
    <li key={r.id}>
      <Link to={`/requests/${r.id}`} className="mono">
        {r.number}
      </Link>
      <RequestStateTag state={r.state} />
      {r.emergency ? <PriorityMarks emergency vip={false} /> : null}
      {r.overdue ? (
        <Tooltip title={t('desk.overdue')}>
          <ClockCircleFilled className="desk-overdue-icon" aria-label={t('desk.overdue')} />
        </Tooltip>
      ) : null}
      <Typography.Text ellipsis={{ tooltip: r.description }} className="desk-history-text">
        {r.description}
      </Typography.Text>
      <span className="muted desk-history-date">{formatDate(r.closedAt ?? r.receivedAt)}</span>
    </li>
  );

  return (
    <div className="desk-history" data-testid="desk-history">
      <dl className="desk-resident-facts">
        {resident.notes ? (
          <>
            <dt>{t('desk.notes')}</dt>
            <dd data-testid="desk-notes">{resident.notes}</dd>
          </>
        ) : null}
        <dt>{t('desk.arrears')}</dt>
        <ArrearsFact arrears={resident.arrears} />
      </dl>
      <div className="desk-history-title">
        {t('desk.openRequests', { n: resident.openTotal })}
        {open.length ? null : <span className="muted"> · {t('desk.noneOpen')}</span>}
      </div>
      {open.length ? <ul>{open.map(row)}</ul> : null}
      {resident.openTotal > open.length ? (
        <div className="muted">{t('desk.openMore', { n: resident.openTotal - open.length })}</div>
      ) : null}
      <div className="desk-history-title">{t('desk.recentClosed')}</div>
      {closed.length ? <ul>{closed.map(row)}</ul> : <div className="muted">{t('desk.noHistory')}</div>}
    </div>
  );
}

/** What the resident owes on the estate's latest list, as of its date; owing is what the agent must see. */
function ArrearsFact({ arrears }: { arrears: ArrearsFlag | null }) {
  const { t } = useI18n();
  if (arrears === null)
    return (
      <dd data-testid="desk-arrears" className="muted">
        {t('desk.arrearsUnknown')}
      </dd>
    );
  if (arrears.amountFen <= 0)
    return <dd data-testid="desk-arrears">{t('desk.arrearsNone', { asOf: arrears.asOf })}</dd>;
  return (
    <dd data-testid="desk-arrears" className="desk-arrears-owing">
      <strong>
        {t('desk.arrearsOwing', { amount: formatMoney(arrears.amountFen), months: arrears.months })}
      </strong>
      <span className="desk-arrears-asof"> · {t('desk.arrearsAsOf', { asOf: arrears.asOf })}</span>
    </dd>
  );
}
