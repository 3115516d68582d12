/** A clock's time left (or overdue), coloured by its tone. */
import { useI18n } from '../../../app/i18n/I18nProvider';
import { type ClockLike, clockTone, splitDuration } from '../lib/clock';

export function useDurationText() {
  const { t } = useI18n();
  return (ms: number) => {
    const { days, clock } = splitDuration(ms);
    return days > 0 ? t('clock.daysAnd', { days, clock }) : clock;
  };
}

export function Countdown({ clock, now }: { clock: ClockLike; now: number }) {
  const { t } = useI18n();
  const duration = useDurationText();
  const tone = clockTone(clock, now);
  const left = Date.parse(clock.dueAt) - now;
  let text: string;
  if (tone === 'paused') text = t('clock.paused');
  else if (tone === 'met') text = t('clock.met');
  else if (tone === 'missed') text = t('clock.missed');
  else if (tone === 'cancelled') text = t('clock.cancelled');
  else if (tone === 'overdue') text = t('clock.overdueBy', { time: duration(left) });
  else text = t('clock.left', { time: duration(left) });
  return <span className={`countdown countdown-${tone}`}>{text}</span>;
}
