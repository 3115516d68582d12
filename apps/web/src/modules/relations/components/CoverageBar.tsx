/** A coverage figure against its 85% target: green on target, red below. */
import { Progress, Tag } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';

export function CoverageBar({ rate, belowTarget }: { rate: number | null; belowTarget: boolean }) {
  const { t } = useI18n();
  if (rate === null) return <span className="rel-muted">{t('common.none')}</span>;
  const pct = Math.round(rate * 1000) / 10;
  return (
    <div className="rel-coverage-bar">
      <Progress
        percent={pct}
        size="small"
        strokeColor={belowTarget ? '#cf1322' : '#389e0d'}
        format={() => `${pct.toFixed(1)}%`}
      />
      <Tag color={belowTarget ? 'error' : 'success'} className="rel-coverage-tag">
        {belowTarget ? t('visits.belowTarget') : t('visits.onTarget')}
      </Tag>
    </div>
  );
}
