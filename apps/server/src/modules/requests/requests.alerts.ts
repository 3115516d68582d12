/**
 * Clock alerts for the people who must act: the overdue and escalation view. A caller sees the alerts
 * addressed to them (as owner) or to one of their roles at their estates, and acknowledges their own.
 */
import { Id, PageQuery } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { ANY_STAFF, estateScope, roles } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { exportAlerts } from './requests.alerts.export.ts';
import { addressedTo, listAlerts } from './requests.alerts.repository.ts';
import { EXPORT_ROLES } from './requests.usecases.ts';

export const Alert = z.object({
  id: Id,
  requestId: Id,
  requestNumber: z.string(),
  requestState: z.string(),
  description: z.string(),
  estateId: Id,
  deadlineKind: z.string(),
  kind: z.enum(['warning', 'missed', 'escalation']),
  level: z.number().int(),
  recipientUserId: Id.nullable(),
  recipientRole: z.string().nullable(),
  dueAt: z.string(),
  raisedAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedByName: z.string().nullable(),
  /** Addressed to the caller (as owner or by role): theirs to acknowledge. */
  mine: z.boolean(),
  requestType: z.string(),
  unitLabel: z.string().nullable(),
  ownerName: z.string().nullable(),
  /** The person addressed, when it is a person (level 0–1: the owner). */
  recipientName: z.string().nullable(),
  /** The clock now: still pending/missed, or met (late) — how late it was or is. */
  deadlineStatus: z.string(),
  metAt: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;
const AlertList = z.object({
  items: z.array(Alert),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
const AlertsQuery = PageQuery.extend({
  estateId: Id.optional(),
  /** Only alerts not yet acknowledged. */
  open: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  /** All alerts of my estates (supervisors' and managers' overview), not only mine. */
  all: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  kind: z.enum(['warning', 'missed', 'escalation']).optional(),
  /** `level`: highest rung of the ladder first; default newest first. */
  sort: z.enum(['raisedAt', 'level']).optional(),
});
const AlertsExportQuery = AlertsQuery.omit({ page: true, pageSize: true });

export function alertRoutes(app: App, deps: { db: Db; clock: Clock }) {
  const tags = ['requests'];
  app.get(
    '/api/alerts',
    {
      config: { access: ANY_STAFF },
      schema: { tags, querystring: AlertsQuery, response: { 200: AlertList } },
    },
    async (req) => {
      const { items, total } = await listAlerts(
        deps.db,
        req.actor!,
        estateScope(req.actor!, req.query.estateId),
        req.query,
      );
      // The phones are for the export only (masked there).
      const list = items.map(({ reporterPhone: _, ...alert }) => alert);
      return { items: list, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/alerts/export',
    {
      // The list is for all staff; taking it away as a file is for the roles that export requests.
      config: { access: roles(...EXPORT_ROLES) },
      schema: {
        tags,
        description: exportDescription('The overdue and escalation list (GET /api/alerts)'),
        querystring: AlertsExportQuery,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      const scope = estateScope(req.actor!, req.query.estateId);
      const file = await exportAlerts(deps, req.actor!, scope, req.query, req.locale);
      return sendListExport(reply, file);
    },
  );

  app.post(
    '/api/alerts/:id/acknowledge',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        params: z.object({ id: Id }),
        response: { 200: z.object({ id: Id, acknowledgedAt: z.string() }) },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const now = deps.clock.now();
      return deps.db.transaction(async (tx) => {
        const [alert] = await rows<{
          id: string;
          company_id: string;
          estate_id: string;
          request_id: string;
          mine: boolean;
          acknowledged_at: Date | null;
        }>(
          tx,
          sql`select a.id, a.company_id, a.estate_id, a.request_id, a.acknowledged_at, ${addressedTo(actor)} as mine
              from request_alerts a where a.id = ${req.params.id} and a.company_id = ${actor.companyId} for update`,
        );
        if (!alert || !actor.estateIds.includes(alert.estate_id)) throw notFound('notFound.record');
        if (!alert.mine) throw new AppError('FORBIDDEN', 'auth.forbidden');
        if (alert.acknowledged_at)
          return { id: alert.id, acknowledgedAt: new Date(alert.acknowledged_at).toISOString() };
        await tx.execute(
          sql`update request_alerts set acknowledged_at = ${now}, acknowledged_by_id = ${actor.userId} where id = ${alert.id}`,
        );
        await recordEvent(tx, {
          companyId: alert.company_id,
          estateId: alert.estate_id,
          entityType: 'request',
          entityId: alert.request_id,
          action: 'alert_acknowledged',
          actorId: actor.userId,
          at: now,
          data: { alertId: alert.id },
        });
        return { id: alert.id, acknowledgedAt: now.toISOString() };
      });
    },
  );
}
