/** /api/callbacks: the callback list (due, mine, overdue, redial) and the month's quota progress. */
import {
  CallbackDueList,
  CallbackQuotas,
  CallbackQuotasQuery,
  CallbacksDueExportQuery,
  CallbacksDueQuery,
  type Role,
} from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { estateScope, roles } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { CALLBACK_ROLES } from '../requests/requests.usecases.ts';
import { effectiveSlaSettingsOf } from '../settings/settings.usecases.ts';
import { exportDueCallbacks } from './callbacks.export.ts';
import { listDueCallbacks, quotaProgress } from './callbacks.repository.ts';
import { monthOf } from './callbacks.usecases.ts';

/** Quota progress is a KPI too: quality reads it as well. */
const QUOTA_READERS: Role[] = [...CALLBACK_ROLES, 'quality'];

export function callbackRoutes(app: App, deps: { db: Db; clock: Clock }) {
  const tags = ['callbacks'];

  app.get(
    '/api/callbacks/due',
    {
      config: { access: roles(...CALLBACK_ROLES) },
      schema: {
        tags,
        description:
          'Requests waiting for a callback (回访): the callback clock, unreached tries and the next try, and the sampled quota callbacks — mine first.',
        querystring: CallbacksDueQuery,
        response: { 200: CallbackDueList },
      },
    },
    async (req) => {
      const scope = estateScope(req.actor!, req.query.estateId);
      const rulesOf = await effectiveSlaSettingsOf(deps.db, scope);
      const { items, total, counts } = await listDueCallbacks(
        deps.db,
        req.actor!,
        scope,
        req.query,
        deps.clock.now(),
        rulesOf,
      );
      return { items, total, counts, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/callbacks/due/export',
    {
      config: { access: roles(...CALLBACK_ROLES) },
      schema: {
        tags,
        description: exportDescription('The callback list (GET /api/callbacks/due)'),
        querystring: CallbacksDueExportQuery,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      const scope = estateScope(req.actor!, req.query.estateId);
      const file = await exportDueCallbacks(deps, req.actor!, scope, req.query, req.locale);
      return sendListExport(reply, file);
    },
  );

  app.get(
    '/api/callbacks/quotas',
    {
      config: { access: roles(...QUOTA_READERS) },
      schema: {
        tags,
        description:
          'Callback quotas of a month (seed 004: manager ≥10%, cs_supervisor ≥30%, dept_lead ≥60% of the repairs), the agents’ share and the repair callback rate.',
        querystring: CallbackQuotasQuery,
        response: { 200: CallbackQuotas },
      },
    },
    async (req) => {
      const scope = estateScope(req.actor!, req.query.estateId);
      const rulesOf = await effectiveSlaSettingsOf(deps.db, scope);
      let month = req.query.month;
      if (!month) {
        const [estate] = scope.length
          ? await rows<{ time_zone: string }>(
              deps.db,
              sql`select time_zone from estates where id in ${scope} order by code limit 1`,
            )
          : [];
        month = monthOf(deps.clock.now(), estate?.time_zone ?? 'Asia/Shanghai');
      }
      const progress = await quotaProgress(
        deps.db,
        req.actor!,
        scope,
        month,
        (e) => rulesOf(e).callbackQuotas,
      );
      return { estateId: req.query.estateId ?? null, ...progress };
    },
  );
}
