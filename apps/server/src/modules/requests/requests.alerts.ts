/**
 * Clock alerts for the people who must act: the overdue and escalation view. A caller sees the alerts
 * addressed to them (as owner) or to one of their roles at their estates, and acknowledges their own.
 */
import { Id, PageQuery, type Role } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Actor, ANY_STAFF, estateScope } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';

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

const OVERVIEW_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm', 'quality'];

function addressedTo(actor: Actor) {
  return sql`(a.recipient_user_id = ${actor.userId} or a.recipient_role = any(${`{${actor.roles.join(',')}}`}::text[]))`;
}

export function alertRoutes(app: App, deps: { db: Db; clock: Clock }) {
  const tags = ['requests'];
  app.get(
    '/api/alerts',
    {
      config: { access: ANY_STAFF },
      schema: { tags, querystring: AlertsQuery, response: { 200: AlertList } },
    },
    async (req) => {
      const actor = req.actor!;
      const scope = estateScope(actor, req.query.estateId);
      if (scope.length === 0)
        return { items: [], total: 0, page: req.query.page, pageSize: req.query.pageSize };
      const overview = req.query.all && actor.roles.some((r) => OVERVIEW_ROLES.includes(r));
      const conds = [sql`a.estate_id in ${scope}`];
      if (!overview) conds.push(addressedTo(actor));
      if (req.query.open) conds.push(sql`a.acknowledged_at is null`);
      if (req.query.kind) conds.push(sql`a.kind = ${req.query.kind}`);
      const where = sql.join(conds, sql` and `);
      const [list, [total]] = await Promise.all([
        rows<{
          id: string;
          request_id: string;
          number: string;
          state: string;
          description: string;
          estate_id: string;
          deadline_kind: string;
          kind: 'warning' | 'missed' | 'escalation';
          level: number;
          recipient_user_id: string | null;
          recipient_role: string | null;
          due_at: Date;
          raised_at: Date;
          acknowledged_at: Date | null;
          acknowledged_by_name: string | null;
          mine: boolean;
          type: string;
          unit_label: string | null;
          owner_name: string | null;
          recipient_name: string | null;
          deadline_status: string;
          met_at: Date | null;
        }>(
          deps.db,
          sql`select a.id, a.request_id, q.number, q.state, q.description, a.estate_id, a.deadline_kind, a.kind, a.level,
                a.recipient_user_id, a.recipient_role, d.due_at, a.raised_at, a.acknowledged_at, u.name as acknowledged_by_name,
                coalesce(${addressedTo(actor)}, false) as mine, q.type, o.name as owner_name, ru.name as recipient_name,
                case when un.id is null then q.location_text else bl.name || '-' || un.number end as unit_label,
                d.status as deadline_status, d.met_at
              from request_alerts a
              join requests q on q.id = a.request_id
              join request_deadlines d on d.id = a.deadline_id
              left join users u on u.id = a.acknowledged_by_id
              left join users o on o.id = q.owner_id
              left join users ru on ru.id = a.recipient_user_id
              left join units un on un.id = q.unit_id
              left join buildings bl on bl.id = un.building_id
              where ${where}
              order by ${req.query.sort === 'level' ? sql`a.level desc, ` : sql``}a.raised_at desc, a.id
              limit ${req.query.pageSize} offset ${(req.query.page - 1) * req.query.pageSize}`,
        ),
        rows<{ n: number }>(deps.db, sql`select count(*)::int as n from request_alerts a where ${where}`),
      ]);
      return {
        items: list.map((a) => ({
          id: a.id,
          requestId: a.request_id,
          requestNumber: a.number,
          requestState: a.state,
          description: a.description,
          estateId: a.estate_id,
          deadlineKind: a.deadline_kind,
          kind: a.kind,
          level: a.level,
          recipientUserId: a.recipient_user_id,
          recipientRole: a.recipient_role,
          dueAt: new Date(a.due_at).toISOString(),
          raisedAt: new Date(a.raised_at).toISOString(),
          acknowledgedAt: a.acknowledged_at ? new Date(a.acknowledged_at).toISOString() : null,
          acknowledgedByName: a.acknowledged_by_name,
          mine: a.mine,
          requestType: a.type,
          unitLabel: a.unit_label,
          ownerName: a.owner_name,
          recipientName: a.recipient_name,
          deadlineStatus: a.deadline_status,
          metAt: a.met_at ? new Date(a.met_at).toISOString() : null,
        })),
        total: total?.n ?? 0,
        page: req.query.page,
        pageSize: req.query.pageSize,
      };
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
