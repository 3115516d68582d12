/**
 * The event and audit log: one row for every change (and every view of personal data), written in the
 * same transaction as the change. A request's timeline is its events.
 */
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

export const events = pgTable(
  'events',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text(),
    entityType: text().notNull(),
    entityId: text().notNull(),
    action: text().notNull(),
    actorId: text(),
    at: timestamp({ withTimezone: true }).notNull(),
    data: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    index('events_entity_idx').on(t.entityType, t.entityId, t.at),
    index('events_company_at_idx').on(t.companyId, t.at),
    // The residents' audit (GET /api/audit): changes of person records, every reveal and the exports,
    // by estate and time. Its queries repeat this predicate so the planner can use it.
    index('events_resident_audit_idx')
      .on(t.estateId, t.at)
      .where(sql`${t.entityType} in ('resident', 'export') or ${t.action} = 'reveal'`),
  ],
);
