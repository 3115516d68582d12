/** GET /api/home — the signed-in user's estates with live counts, and the latest requests. */
import { type EstateType, HomeResponse, Id } from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, estateScope } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows, sql } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { recentRequests } from '../requests/requests.repository.ts';

interface CountRow {
  id: string;
  name: string;
  type: EstateType;
  address: string | null;
  buildings: number;
  units: number;
  occupied_units: number;
  residents: number;
  open_requests: number;
  today_requests: number;
  open_complaints: number;
  awaiting_callback: number;
}

export async function estateSummaries(db: Db, estateIds: string[], now: Date) {
  if (estateIds.length === 0) return [];
  const list = await rows<CountRow>(
    db,
    sql`select e.id, e.name, e.type, e.address,
          (select count(*)::int from buildings b where b.estate_id = e.id) as buildings,
          (select count(*)::int from units u where u.estate_id = e.id) as units,
          (select count(*)::int from units u where u.estate_id = e.id and u.status in ('occupied','rented','decorating')) as occupied_units,
          (select count(*)::int from residents r where r.estate_id = e.id) as residents,
          (select count(*)::int from requests q where q.estate_id = e.id and q.state not in ('closed','cancelled')) as open_requests,
          (select count(*)::int from requests q where q.estate_id = e.id
             and q.received_at >= (date_trunc('day', ${now}::timestamptz at time zone e.time_zone) at time zone e.time_zone)) as today_requests,
          (select count(*)::int from requests q where q.estate_id = e.id and q.type = 'complaint' and q.state not in ('closed','cancelled')) as open_complaints,
          (select count(*)::int from requests q where q.estate_id = e.id and q.type in ('repair','paid_service') and q.state in ('done','confirmed')) as awaiting_callback
        from estates e where e.id in ${estateIds} order by e.code`,
  );
  return list.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    address: r.address,
    counts: {
      buildings: r.buildings,
      units: r.units,
      occupiedUnits: r.occupied_units,
      residents: r.residents,
      openRequests: r.open_requests,
      todayRequests: r.today_requests,
      openComplaints: r.open_complaints,
      awaitingCallback: r.awaiting_callback,
    },
  }));
}

export function homeRoutes(app: App, deps: { db: Db; clock: Clock }) {
  app.get(
    '/api/home',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['home'],
        querystring: z.object({ estateId: Id.optional() }),
        response: { 200: HomeResponse },
      },
    },
    async (req) => {
      const scope = estateScope(req.actor!, req.query.estateId);
      const now = deps.clock.now();
      const [estates, recent] = await Promise.all([
        estateSummaries(deps.db, scope, now),
        recentRequests(deps.db, scope, 10),
      ]);
      return { now: now.toISOString(), estates, recentRequests: recent };
    },
  );
}
