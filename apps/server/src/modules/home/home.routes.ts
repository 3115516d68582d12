/** GET /api/home — the signed-in user's estates with live counts, and the latest requests. */
import { type EstateType, HomeResponse, Id } from '@wuye/contracts';
import type { SQL } from 'drizzle-orm';
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

/**
 * The estates' counts: one pass per table, grouped by estate (not one subquery per estate and count):
 * the open-request counts use the partial index of open requests, today's the (estate, received_at)
 * index. Exported for the benchmark's raw side, which runs it through the bare driver.
 */
export function estateSummariesQuery(estateIds: string[], now: Date): SQL {
  return sql`with e as (select id, name, type, address, code, time_zone from estates where id in ${estateIds}),
      b as (select estate_id, count(*)::int as n from buildings where estate_id in ${estateIds} group by 1),
      u as (select estate_id, count(*)::int as n,
                   count(*) filter (where status in ('occupied','rented','decorating'))::int as occupied
            from units where estate_id in ${estateIds} group by 1),
      r as (select estate_id, count(*)::int as n from residents where estate_id in ${estateIds} group by 1),
      o as (select estate_id, count(*)::int as n,
                   count(*) filter (where type = 'complaint')::int as complaints,
                   count(*) filter (where type in ('repair','paid_service') and state in ('done','confirmed'))::int as callback
            from requests where estate_id in ${estateIds} and state not in ('closed','cancelled') group by 1),
      t as (select q.estate_id, count(*)::int as n from requests q join e on e.id = q.estate_id
            where q.received_at >= (date_trunc('day', ${now}::timestamptz at time zone e.time_zone) at time zone e.time_zone)
            group by 1)
      select e.id, e.name, e.type, e.address,
             coalesce(b.n, 0) as buildings, coalesce(u.n, 0) as units, coalesce(u.occupied, 0) as occupied_units,
             coalesce(r.n, 0) as residents, coalesce(o.n, 0) as open_requests, coalesce(t.n, 0) as today_requests,
             coalesce(o.complaints, 0) as open_complaints, coalesce(o.callback, 0) as awaiting_callback
      from e left join b on b.estate_id = e.id left join u on u.estate_id = e.id left join r on r.estate_id = e.id
             left join o on o.estate_id = e.id left join t on t.estate_id = e.id
      order by e.code`;
}

export async function estateSummaries(db: Db, estateIds: string[], now: Date) {
  if (estateIds.length === 0) return [];
  const list = await rows<CountRow>(db, estateSummariesQuery(estateIds, now));
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

type Summaries = Awaited<ReturnType<typeof estateSummaries>>;

/**
 * Callers asking for the same estates' counts at the same moment share one reading: a company-wide
 * home page counts every estate's buildings, units, residents and requests (hundreds of milliseconds
 * at 2 M requests), and a room of supervisors opening it together would otherwise queue that many
 * scans. Only a reading already under way is shared — nothing is kept afterwards, so a count is never
 * older than the call that asked for it started.
 */
function sharedSummaries(db: Db) {
  const inFlight = new Map<string, Promise<Summaries>>();
  return (estateIds: string[], now: Date): Promise<Summaries> => {
    const key = `${[...estateIds].sort().join(',')}@${Math.floor(now.getTime() / 60_000)}`;
    let reading = inFlight.get(key);
    if (!reading) {
      reading = estateSummaries(db, estateIds, now).finally(() => inFlight.delete(key));
      inFlight.set(key, reading);
    }
    return reading;
  };
}

export function homeRoutes(app: App, deps: { db: Db; clock: Clock }) {
  const summaries = sharedSummaries(deps.db);
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
        summaries(scope, now),
        recentRequests(deps.db, req.actor!.companyId, scope, 10),
      ]);
      return { now: now.toISOString(), estates, recentRequests: recent };
    },
  );
}
