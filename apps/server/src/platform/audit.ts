/** Writes event/audit rows; call inside the transaction of the change being recorded. */
import type { Db } from './db.ts';
import { events } from './events.table.ts';
import { newId } from './ids.ts';

export interface EventInput {
  companyId: string;
  estateId?: string | null;
  entityType: string;
  entityId: string;
  action: string;
  actorId?: string | null;
  at: Date;
  data?: Record<string, unknown>;
}

export async function recordEvent(db: Db, e: EventInput): Promise<void> {
  await recordEvents(db, [e]);
}

export async function recordEvents(db: Db, list: EventInput[]): Promise<void> {
  if (list.length === 0) return;
  await db.insert(events).values(eventRows(list));
}

/** The rows of these events, for a caller that writes them inside a larger statement. */
export function eventRows(list: EventInput[]): (typeof events.$inferInsert)[] {
  return list.map((e) => ({
    id: newId(e.at.getTime()),
    companyId: e.companyId,
    estateId: e.estateId ?? null,
    entityType: e.entityType,
    entityId: e.entityId,
    action: e.action,
    actorId: e.actorId ?? null,
    at: e.at,
    data: e.data ?? null,
  }));
}
