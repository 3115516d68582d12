/** Request reads for lists and the home page (the service-desk module adds intake and the lifecycle). */
import type { Channel, RequestState, RequestType } from '@wuye/contracts';
import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';
import { buildings, estates, units } from '../organisation/organisation.table.ts';
import { requests } from './requests.table.ts';

const listColumns = {
  id: requests.id,
  number: requests.number,
  estateId: requests.estateId,
  type: sql<RequestType>`${requests.type}`,
  channel: sql<Channel>`${requests.channel}`,
  state: sql<RequestState>`${requests.state}`,
  description: requests.description,
  unitLabel: sql<
    string | null
  >`case when ${units.id} is null then ${requests.locationText} else ${buildings.name} || '-' || ${units.number} end`,
  reporterName: requests.reporterName,
  ownerName: users.name,
  receivedAt: requests.receivedAt,
};

export async function listRequests(
  db: Db,
  estateIds: string[],
  q: { state?: RequestState; type?: RequestType; q?: string; page: number; pageSize: number },
) {
  if (estateIds.length === 0) return { items: [], total: 0 };
  const conds = [inArray(requests.estateId, estateIds)];
  if (q.state) conds.push(eq(requests.state, q.state));
  if (q.type) conds.push(eq(requests.type, q.type));
  if (q.q) {
    const like = `%${escapeLike(q.q)}%`;
    conds.push(
      sql`(${requests.number} = ${q.q.toUpperCase()} or ${requests.description} ilike ${like} or ${requests.reporterName} ilike ${like})`,
    );
  }
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(requests)
      .leftJoin(units, eq(units.id, requests.unitId))
      .leftJoin(buildings, eq(buildings.id, units.buildingId))
      .leftJoin(users, eq(users.id, requests.ownerId))
      .where(where)
      .orderBy(desc(requests.receivedAt), desc(requests.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(requests).where(where),
  ]);
  return {
    items: items.map((r) => ({ ...r, receivedAt: r.receivedAt.toISOString() })),
    total: total?.n ?? 0,
  };
}

export async function recentRequests(db: Db, estateIds: string[], limit: number) {
  if (estateIds.length === 0) return [];
  const list = await db
    .select({ ...listColumns, estateName: estates.name })
    .from(requests)
    .innerJoin(estates, eq(estates.id, requests.estateId))
    .leftJoin(units, eq(units.id, requests.unitId))
    .leftJoin(buildings, eq(buildings.id, units.buildingId))
    .leftJoin(users, eq(users.id, requests.ownerId))
    .where(inArray(requests.estateId, estateIds))
    .orderBy(desc(requests.receivedAt), desc(requests.id))
    .limit(limit);
  return list.map((r) => ({
    id: r.id,
    number: r.number,
    estateId: r.estateId,
    estateName: r.estateName,
    type: r.type,
    state: r.state,
    description: r.description,
    unitLabel: r.unitLabel,
    receivedAt: r.receivedAt.toISOString(),
  }));
}
