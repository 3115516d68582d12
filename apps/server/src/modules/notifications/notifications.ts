/**
 * The inbox: notifications are written by the module whose change they report, in that change's
 * transaction (`notify`), and read and marked read by their recipient only.
 */
import type { NotificationItem } from '@wuye/contracts';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import { notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { notifications } from './notifications.table.ts';

export interface NewNotification {
  companyId: string;
  estateId?: string | null;
  userIds: readonly string[];
  kind: string;
  requestId?: string | null;
  title: string;
  body?: string | null;
  data?: Record<string, unknown>;
  at: Date;
}

/** One row per recipient (each person once), in the caller's transaction. */
export async function notify(db: Db, n: NewNotification): Promise<void> {
  const recipients = [...new Set(n.userIds)];
  if (recipients.length === 0) return;
  await db.insert(notifications).values(
    recipients.map((userId) => ({
      id: newId(n.at.getTime()),
      companyId: n.companyId,
      estateId: n.estateId ?? null,
      userId,
      kind: n.kind,
      requestId: n.requestId ?? null,
      title: n.title,
      body: n.body ?? null,
      data: n.data ?? null,
      createdAt: n.at,
    })),
  );
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function listMyNotifications(
  db: Db,
  actor: Actor,
  q: { unread?: boolean; limit: number },
): Promise<{ items: NotificationItem[]; unread: number }> {
  const conds = [eq(notifications.userId, actor.userId), eq(notifications.companyId, actor.companyId)];
  if (q.unread) conds.push(isNull(notifications.readAt));
  const list = await db
    .select()
    .from(notifications)
    .where(and(...conds))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(q.limit);
  const [count] = await rows<{ n: number }>(
    db,
    sql`select count(*)::int as n from notifications where user_id = ${actor.userId} and read_at is null`,
  );
  return {
    items: list.map((n) => ({
      id: n.id,
      kind: n.kind,
      estateId: n.estateId,
      requestId: n.requestId,
      title: n.title,
      body: n.body,
      createdAt: n.createdAt.toISOString(),
      readAt: iso(n.readAt),
    })),
    unread: count?.n ?? 0,
  };
}

/** Marks one of my notifications read (someone else's is 404, as if it did not exist). */
export async function markRead(db: Db, actor: Actor, id: string, now: Date): Promise<void> {
  const done = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, actor.userId)))
    .returning({ id: notifications.id });
  if (done.length === 0) throw notFound('notFound.record');
}

export async function markAllRead(db: Db, actor: Actor, now: Date): Promise<number> {
  const done = await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return done.length;
}
