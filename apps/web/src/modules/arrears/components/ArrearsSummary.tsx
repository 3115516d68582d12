/**
 * The whole list at a glance: units owing and the total, then the four age bands (spec 05 §2) with
 * their units and amounts. A band filters the table to it; the totals card shows every band again.
 */
import { ARREARS_AGES, type ArrearsAge, type ArrearsSummary as Summary } from '@wuye/contracts';
import type { CSSProperties } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatMoney } from '../../../shared/format';
import { AGE_COLORS, AGE_LABEL_KEYS } from '../lib/ages';

export function ArrearsSummary({
  summary,
  age,
  onAge,
}: {
  summary: Summary;
  age: ArrearsAge | undefined;
  onAge(age: ArrearsAge | undefined): void;
}) {
  const { t } = useI18n();
  return (
    <div className="arrears-summary" data-testid="arrears-summary">
      <button
        type="button"
        className={`arrears-stat arrears-stat-total${age ? '' : ' active'}`}
        onClick={() => onAge(undefined)}
        aria-pressed={!age}
        data-testid="arrears-summary-total"
      >
        <span className="arrears-stat-part">
          <span className="arrears-stat-label">{t('arrears.units')}</span>
          <span className="arrears-stat-value" data-testid="arrears-summary-units">
            {t('arrears.unitsValue', { n: summary.units })}
          </span>
        </span>
        <span className="arrears-stat-part">
          <span className="arrears-stat-label">{t('arrears.total')}</span>
          <span className="arrears-stat-value arrears-owed" data-testid="arrears-summary-amount">
            {formatMoney(summary.totalFen)}
          </span>
        </span>
      </button>
      {ARREARS_AGES.map((a) => {
        const band = summary.byAge.find((b) => b.age === a) ?? { units: 0, totalFen: 0 };
        return (
          <button
            type="button"
            key={a}
            className={`arrears-stat${age === a ? ' active' : ''}`}
            style={{ '--arrears-age': AGE_COLORS[a].css } as CSSProperties}
            onClick={() => onAge(age === a ? undefined : a)}
            aria-pressed={age === a}
            title={t('arrears.filterByAge')}
            data-testid={`arrears-age-${a}`}
          >
            <span className="arrears-stat-label">
              <span className="arrears-age-dot" />
              {t(AGE_LABEL_KEYS[a])}
            </span>
            <span className="arrears-stat-value">{t('arrears.unitsValue', { n: band.units })}</span>
            <span className="arrears-stat-amount">{formatMoney(band.totalFen)}</span>
          </button>
        );
      })}
    </div>
  );
}
