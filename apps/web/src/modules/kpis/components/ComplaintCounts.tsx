/**
 * The month's complaints by validity class and by grade: two small bar charts (ECharts, only the parts
 * used, driven directly: echarts-for-react needs a tslib the workspace does not install) with the counts
 * written under each, so the numbers read without hovering.
 */
import {
  COMPLAINT_GRADE_LABELS,
  COMPLAINT_VALIDITY_LABELS,
  type ComplaintAnalysis,
  type ComplaintGrade,
  type ComplaintValidity,
} from '@wuye/contracts';
import { Empty, Typography } from 'antd';
import { BarChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useMemo, useRef } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';

echarts.use([BarChart, GridComponent, TooltipComponent, CanvasRenderer]);

/** A chart in a div: made once, given each new option, resized with its box, disposed on unmount. */
function Chart({
  option,
  height,
  label,
}: {
  option: echarts.EChartsCoreOption;
  height: number;
  label: string;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!box.current) return;
    const c = echarts.init(box.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current);
    return () => {
      observer.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);
  return <div ref={box} style={{ height }} role="img" aria-label={label} />;
}

const VALIDITIES: (ComplaintValidity | 'none')[] = ['effective', 'assisted', 'invalid', 'none'];
const VALIDITY_COLORS: Record<string, string> = {
  effective: '#cf1322',
  assisted: '#1f6feb',
  invalid: '#8c8c8c',
  none: '#d48806',
};
const GRADES: ComplaintGrade[] = ['major', 'hot', 'important', 'general'];
const GRADE_COLORS: Record<ComplaintGrade, string> = {
  major: '#a8071a',
  hot: '#d4380d',
  important: '#d48806',
  general: '#1f6feb',
};

function Bars({
  title,
  bars,
  testId,
}: {
  title: string;
  bars: { name: string; value: number; color: string }[];
  testId: string;
}) {
  const key = JSON.stringify(bars);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the bars' content is the key, not their identity
  const option = useMemo(
    () => ({
      grid: { left: 8, right: 36, top: 4, bottom: 4, containLabel: true },
      tooltip: { trigger: 'item' as const },
      xAxis: { type: 'value' as const, show: false, minInterval: 1 },
      yAxis: {
        type: 'category' as const,
        inverse: true,
        data: bars.map((b) => b.name),
        axisTick: { show: false },
        axisLine: { show: false },
        axisLabel: { color: '#4b5563', fontSize: 12 },
      },
      series: [
        {
          type: 'bar' as const,
          barWidth: 14,
          data: bars.map((b) => ({
            value: b.value,
            itemStyle: { color: b.color, borderRadius: [0, 4, 4, 0] },
          })),
          label: { show: true, position: 'right' as const, color: '#1f2937', fontWeight: 600 },
        },
      ],
    }),
    [key],
  );
  return (
    <div className="analysis-bars" data-testid={testId}>
      <Typography.Text strong>{title}</Typography.Text>
      <Chart
        option={option}
        height={150}
        label={`${title}：${bars.map((b) => `${b.name} ${b.value}`).join('，')}`}
      />
      <div className="analysis-bars-figures">
        {bars.map((b) => (
          <span key={b.name} data-testid={`${testId}-figure`}>
            <i style={{ background: b.color }} />
            {b.name} <strong>{b.value}</strong>
          </span>
        ))}
      </div>
    </div>
  );
}

export function ComplaintCounts({ data }: { data: ComplaintAnalysis }) {
  const { t, label } = useI18n();
  if (data.total === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('analysis.noComplaints')} />;
  return (
    <div className="analysis-counts">
      <Bars
        title={t('analysis.byValidity')}
        testId="analysis-by-validity"
        bars={VALIDITIES.map((v) => ({
          name: v === 'none' ? t('analysis.notClassed') : label(COMPLAINT_VALIDITY_LABELS, v),
          value: data.byValidity[v],
          color: VALIDITY_COLORS[v]!,
        }))}
      />
      <Bars
        title={t('analysis.byGrade')}
        testId="analysis-by-grade"
        bars={GRADES.map((g) => ({
          name: label(COMPLAINT_GRADE_LABELS, g),
          value: data.byGrade[g],
          color: GRADE_COLORS[g],
        }))}
      />
    </div>
  );
}
