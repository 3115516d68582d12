/** The configurable category tree of each request type (水电/门窗/管道/噪音/漏水 …). */
import { boolean, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { companies } from '../organisation/organisation.table.ts';

export const categories = pgTable(
  'categories',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    type: text().notNull(),
    parentId: text(),
    code: text().notNull(),
    name: text().notNull(),
    sort: integer().notNull().default(0),
    /** Requests of this category are emergencies (电梯困人, 水管爆裂, 燃气 …): first in every queue. */
    emergency: boolean().notNull().default(false),
  },
  (t) => [
    uniqueIndex('categories_company_type_code_uq').on(t.companyId, t.type, t.code),
    index('categories_parent_idx').on(t.parentId),
  ],
);
