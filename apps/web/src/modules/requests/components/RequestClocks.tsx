/** 时限: each clock of the request with a live countdown, amber at 75% of its window, red when overdue. */
import { Empty, Progress } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../shared/format';
import { clockProgress, clockTone } from '../lib/clock';
import { DEADLINE_KIND_KEYS } from '../lib/labels';
import type { RequestDetail } from '../requests.api';
import { Countdown } from './Countdown';
import { useNow } from './useNow';

const STROKE: Record<string, string> = {
  normal: '#1f6feb',
  warning: '#faad14',
  overdue: '#ff4d4f',
  paused: '#bfbfbf',
};

export function RequestClocks({ detail, timeZone }: { detail: RequestDetail; timeZone?: string }) {
  const { t } = useI18n();
  const now = useNow(1000);
  // Live clocks first, then the settled ones, each by due time.
  const rank = (s: string) => (s === 'pending' ? 0 : s === 'paused' ? 1 : 2);
  const clocks = [...detail.deadlines].sort(
    (a, b) => rank(a.status) - rank(b.status) || a.dueAt.localeCompare(b.dueAt),
  );
  if (clocks.length === 0)
    return (
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('clock.none')} style={{ margin: '8px 0' }} />
    );

  return (
    <ul className="clock-list" data-testid="request-clocks">
      {clocks.map((d) => {
        const tone = clockTone(d, now);
        const live = tone === 'normal' || tone === 'warning' || tone === 'overdue' || tone === 'paused';
        return (
          <li key={d.id} className={`clock-item clock-${tone}`} data-kind={d.kind} data-tone={tone}>
            <div className="clock-head">
              <span className="clock-kind">{t(DEADLINE_KIND_KEYS[d.kind] ?? 'clock.kind.other')}</span>
              <Countdown clock={d} now={now} />
            </div>
            {live ? (
              <Progress
                percent={Math.round(clockProgress(d, now) * 100)}
                showInfo={false}
                size="small"
                strokeColor={STROKE[tone]}
              />
            ) : null}
            <div className="clock-meta">
              {t('clock.due', { time: formatDateTime(d.dueAt, timeZone) })}
              {d.metAt ? ` · ${t('clock.metAt', { time: formatDateTime(d.metAt, timeZone) })}` : ''}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
