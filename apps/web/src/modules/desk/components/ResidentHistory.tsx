/**
 * The picked resident at a glance, from the look-up itself (no second request): notes, arrears (unknown
 * until the fees module exists — said so, never shown as "nothing owed"), open requests and the last
 * five closed ones.
 */
import { ClockCircleFilled } from '@ant-design/icons';
import type { LookupRequest, LookupResident } from '@wuye/contracts';
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
        <dd data-testid="desk-arrears" className={resident.arrears ? undefined : 'muted'}>
          {resident.arrears === null
            ? t('desk.arrearsUnknown')
            : resident.arrears.amountFen > 0
              ? t('desk.arrearsOwing', {
                  amount: formatMoney(resident.arrears.amountFen),
                  months: resident.arrears.months,
                })
              : t('desk.arrearsNone')}
        </dd>
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
