/**
 * Where an alert stands on the escalation ladder (spec 01 §4): owner → CS supervisor → department
 * lead → estate manager → company customer service. Level 0 is the 75% warning to the owner.
 */
import { Tooltip } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import type { AlertKind } from '../alerts.api';

/** LADDER of apps/server/src/modules/requests/requests.sweeper.ts: level n is handled by LADDER[n - 1]. */
export const LADDER_KEYS: readonly MessageKey[] = [
  'alerts.ladder.owner',
  'alerts.ladder.cs_supervisor',
  'alerts.ladder.dept_lead',
  'alerts.ladder.manager',
  'alerts.ladder.hq_cs',
];

export function AlertLadder({ level, kind }: { level: number; kind: AlertKind }) {
  const { t } = useI18n();
  const steps = LADDER_KEYS.map((k) => t(k));
  const warning = kind === 'warning';
  const current = warning ? steps[0] : (steps[level - 1] ?? steps.at(-1));
  return (
    <Tooltip title={steps.join(' → ')}>
      <div className={`alert-ladder ${warning ? 'is-warning' : ''}`} data-testid="alert-ladder">
        <div className="alert-ladder-steps" aria-hidden>
          {steps.map((s, i) => (
            <span
              key={s}
              className={`alert-ladder-step ${i < Math.max(level, 1) ? 'is-reached' : ''} ${i === Math.max(level, 1) - 1 ? 'is-current' : ''}`}
            />
          ))}
        </div>
        <div className="alert-ladder-text">
          <span className="alert-ladder-level">
            {warning ? t('alerts.level.0') : t('alerts.level.n', { n: level })}
          </span>
          <span className="alert-ladder-who">{current}</span>
        </div>
      </div>
    </Tooltip>
  );
}
