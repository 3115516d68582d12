/** /api/kpis (contract 09 "KPIs"), the records behind each, and the monthly complaint analysis. */
import {
  ComplaintAnalysis,
  ComplaintAnalysisQuery,
  KPI_ROLES,
  KpiList,
  KpiQuery,
  KpiRecordList,
  KpiRecordsParams,
  KpiRecordsQuery,
} from '@wuye/contracts';
import { roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { complaintAnalysis } from './kpis.analysis.ts';
import { getKpiRecords, getKpis, type KpiDeps } from './kpis.usecases.ts';

export function kpiRoutes(app: App, deps: KpiDeps) {
  const tags = ['kpis'];
  const access = roles(...KPI_ROLES);

  app.get(
    '/api/kpis',
    {
      config: { access },
      schema: {
        tags,
        description: [
          'The customer-service KPIs (客服部质量目标) of the caller’s estates, or of `estateId`, for the local days `from`…`to` (both included; the current month by default). `value` = numerator ÷ denominator (null when the denominator is 0), `target` a fraction, `direction` min (≥ target) or max (< target).',
          'complaint_handling_rate: complaints received in the period (not cancelled) that are handled (completed and not reopened) ÷ received. complaint_callback_rate: of those handled, with a reached callback since completion ÷ handled. complaint_timeliness_rate: of those handled, none of whose complaint clocks was missed ÷ handled. effective_complaint_rate: effective complaints received ÷ (occupied or rented units × months of the period). repair_callback_rate: repairs completed in the period with a reached callback ÷ repairs completed. paid_service_satisfaction_rate: paid services whose last reached callback in the period was satisfied ÷ those called back.',
          'satisfaction_rate and fee_collection_rate: surveys and fees are not built yet, so both are 0 ÷ 0 (value null).',
        ].join('\n\n'),
        querystring: KpiQuery,
        response: { 200: KpiList },
      },
    },
    async (req) => getKpis(deps, req.actor!, req.query),
  );

  app.get(
    '/api/kpis/:key/records',
    {
      config: { access },
      schema: {
        tags,
        description:
          'The requests behind a KPI for the same period and estates: its denominator, `inNumerator` for those in the numerator; those keeping the KPI off target first. For effective_complaint_rate the records are the period’s complaints (its denominator is households). satisfaction_rate and fee_collection_rate have none yet.',
        params: KpiRecordsParams,
        querystring: KpiRecordsQuery,
        response: { 200: KpiRecordList },
      },
    },
    async (req) => getKpiRecords(deps, req.actor!, req.params.key, req.query),
  );

  app.get(
    '/api/complaints/analysis',
    {
      config: { access },
      schema: {
        tags: ['complaints', ...tags],
        description:
          'The monthly complaint analysis (投诉分析) of the caller’s estates, or of `estateId`: the month’s complaints by class and grade, and the recurring problems — a category at a building or public location with ≥ 2 complaints in the month, or ≥ 3 in the 90 days up to its end (one in the month) — with their households, complaints, whether they recurred the month before, and the root cause and corrective action of their closed complaints.',
        querystring: ComplaintAnalysisQuery,
        response: { 200: ComplaintAnalysis },
      },
    },
    async (req) => complaintAnalysis(deps, req.actor!, req.query),
  );
}
