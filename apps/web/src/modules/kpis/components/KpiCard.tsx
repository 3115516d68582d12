/**
 * One KPI against its target: the value as a percentage (red when off target), the target, and the
 * numerator over the denominator in words ("回访 12 / 已处理 20"). Clicking opens the records behind it.
 */
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { KPI_LABELS, type KpiItem, kpiMet } from '@wuye/contracts';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { percent } from '../../callbacks/lib/percent';

/** The KPIs shown as cards on the complaint analysis, in their order. */
export const COMPLAINT_KPIS = [
  'complaint_handling_rate',
  'complaint_callback_rate',
  'complaint_timeliness_rate',
  'effective_complaint_rate',
] as const;
export type ComplaintKpi = (typeof COMPLAINT_KPIS)[number];

export function KpiCard({ item, onOpen }: { item: KpiItem & { key: ComplaintKpi }; onOpen: () => void }) {
  const { t, label } = useI18n();
  const met = kpiMet(item.value, item.target, item.direction);
  const state = item.value === null ? 'none' : met ? 'met' : 'off';
  // The bar's scale: 0–100% for "at least" targets; for "below" targets, up to twice the target so
  // a 2% limit is not a sliver.
  const scale = item.direction === 'max' ? Math.max(item.target * 2, item.value ?? 0) : 1;
  const width = (x: number) => `${Math.min(100, Math.max(0, (x / scale) * 100))}%`;
  return (
    <Tooltip title={t('kpi.drill')}>
      <button
        type="button"
        className={`kpi-card is-${state}`}
        onClick={onOpen}
        data-testid={`kpi-${item.key}`}
        data-state={state}
      >
        <div className="kpi-card-head">
          <span className="kpi-card-name">{label(KPI_LABELS, item.key)}</span>
          <Tag bordered={false} color="blue">
            {t(item.direction === 'min' ? 'kpi.target.min' : 'kpi.target.max', { pct: percent(item.target) })}
          </Tag>
        </div>
        <div className="kpi-card-figure">
          <span className="kpi-card-value" data-testid={`kpi-${item.key}-value`}>
            {percent(item.value)}
          </span>
          {state === 'met' ? (
            <span className="kpi-card-flag is-met">
              <CheckCircleFilled /> {t('kpi.met')}
            </span>
          ) : state === 'off' ? (
            <span className="kpi-card-flag is-off">
              <ExclamationCircleFilled /> {t('kpi.notMet')}
            </span>
          ) : (
            <span className="kpi-card-flag">{t('kpi.noData')}</span>
          )}
        </div>
        <div className="kpi-bar" role="presentation">
          <div className="kpi-bar-value" style={{ width: width(item.value ?? 0) }} />
          <div className="kpi-bar-target" style={{ left: width(item.target) }} />
        </div>
        <div className="kpi-card-words" data-testid={`kpi-${item.key}-words`}>
          {t(`kpi.words.${item.key}` as MessageKey, { n: item.numerator, d: item.denominator })}
        </div>
      </button>
    </Tooltip>
  );
}
