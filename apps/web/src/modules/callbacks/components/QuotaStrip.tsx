/**
 * The quota strip above the callback list (seed 004): for the manager (≥10%), the CS supervisor (≥30%)
 * and the repair lead (≥60%), the month's callbacks done against the target, and the repair callback
 * rate against 100%.
 */
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { ROLE_LABELS } from '@wuye/contracts';
import { Card, DatePicker, Skeleton, Tag, Tooltip, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { QueryError } from '../../../shared/ui/QueryError';
import type { CallbackQuotas, QuotaProgress } from '../callbacks.api';
import { percent } from '../lib/percent';

function Bar({
  value,
  sampled,
  target,
  met,
  testId,
}: {
  value: number;
  sampled?: number;
  target: number;
  met: boolean;
  testId?: string;
}) {
  const pct = (x: number) => `${Math.min(100, Math.max(0, x * 100))}%`;
  return (
    <div className="quota-bar" data-testid={testId} role="presentation">
      {sampled !== undefined ? <div className="quota-bar-sampled" style={{ width: pct(sampled) }} /> : null}
      <div className={`quota-bar-done ${met ? 'quota-bar-met' : ''}`} style={{ width: pct(value) }} />
      <div className="quota-bar-target" style={{ left: pct(target) }} />
    </div>
  );
}

function RoleTile({ q }: { q: QuotaProgress }) {
  const { t, label } = useI18n();
  const people = q.people.map((p) =>
    t('callbacks.quota.people', { name: p.name, done: p.done, assigned: p.assigned }),
  );
  return (
    <div className="quota-tile" data-testid={`quota-${q.role}`}>
      <div className="quota-tile-head">
        <span className="quota-tile-role">{label(ROLE_LABELS, q.role)}</span>
        <Tag bordered={false} color="blue">
          {t('callbacks.quota.target', { pct: percent(q.quota) })}
        </Tag>
      </div>
      <div className="quota-tile-figure">
        <span
          className={`quota-tile-share ${q.met ? 'is-met' : 'is-behind'}`}
          data-testid={`quota-${q.role}-share`}
        >
          {percent(q.share ?? 0)}
        </span>
        {q.completedRepairs > 0 ? (
          q.met ? (
            <span className="quota-flag is-met">
              <CheckCircleFilled /> {t('callbacks.quota.met')}
            </span>
          ) : (
            <span className="quota-flag is-behind">
              <ExclamationCircleFilled /> {t('callbacks.quota.notMet')}
            </span>
          )
        ) : null}
      </div>
      <Bar value={q.share ?? 0} sampled={q.assignedShare ?? 0} target={q.quota} met={q.met} />
      <div className="quota-tile-lines">
        <span data-testid={`quota-${q.role}-done`}>
          {t('callbacks.quota.done', { done: q.done, required: q.required })}
        </span>
        <span className="muted">
          {t('callbacks.quota.assigned', { assigned: q.assigned, pct: percent(q.assignedShare ?? 0) })}
        </span>
        <Tooltip title={people.length > 1 ? people.join('；') : undefined}>
          <span className="muted quota-tile-people">
            {people.length ? people.join('；') : q.assigned ? t('callbacks.quota.nobody') : '\u00a0'}
          </span>
        </Tooltip>
      </div>
    </div>
  );
}

export function QuotaStrip({
  data,
  loading,
  error,
  onRetry,
  month,
  onMonth,
}: {
  data: CallbackQuotas | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  month: string | undefined;
  onMonth: (month: string) => void;
}) {
  const { t } = useI18n();
  const rate = data?.callbackRate;
  return (
    <Card
      className="quota-strip"
      title={t('callbacks.quota.title', { month: data?.month ?? month ?? '' })}
      extra={
        <DatePicker
          picker="month"
          allowClear={false}
          aria-label={t('callbacks.quota.month')}
          value={month ? dayjs(`${month}-01`) : undefined}
          disabledDate={(d: Dayjs) => d.isAfter(dayjs(), 'month')}
          onChange={(d) => d && onMonth(d.format('YYYY-MM'))}
          data-testid="quota-month"
        />
      }
    >
      {error ? <QueryError error={error} onRetry={onRetry} /> : null}
      {!data && loading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : data ? (
        <>
          <div className="quota-grid">
            {data.roles.map((q) => (
              <RoleTile key={q.role} q={q} />
            ))}
            <div className="quota-tile quota-tile-rate" data-testid="quota-rate">
              <div className="quota-tile-head">
                <span className="quota-tile-role">{t('callbacks.quota.rate')}</span>
                <Tag bordered={false} color="green">
                  {t('callbacks.quota.rateTarget')}
                </Tag>
              </div>
              <div className="quota-tile-figure">
                <span className={`quota-tile-share ${rate?.rate === 1 ? 'is-met' : 'is-behind'}`}>
                  {percent(rate?.rate ?? null)}
                </span>
              </div>
              <Bar value={rate?.rate ?? 0} target={1} met={rate?.rate === 1} />
              <div className="quota-tile-lines">
                <span>
                  {t('callbacks.quota.rateDetail', {
                    called: rate?.called ?? 0,
                    completed: rate?.completed ?? 0,
                  })}
                </span>
              </div>
            </div>
          </div>
          <Typography.Text type="secondary" className="quota-foot">
            {data.completedRepairs === 0
              ? t('callbacks.quota.empty')
              : t('callbacks.quota.agents', {
                  assigned: data.agents.assigned,
                  pct: percent(data.agents.share),
                  done: data.agents.done,
                })}
            {data.mine.assigned > 0 ? (
              <span data-testid="quota-mine">
                {' · '}
                {t('callbacks.quota.mine', { assigned: data.mine.assigned, done: data.mine.done })}
              </span>
            ) : null}
          </Typography.Text>
        </>
      ) : null}
    </Card>
  );
}
