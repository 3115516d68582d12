/**
 * An estate's own clock settings (时限设置): only the values that differ from the seeds' defaults
 * (`SLA_DEFAULTS`), so an estate that never changed a number follows the defaults of each release.
 * No row means "all defaults". The version guards concurrent edits (optimistic, like requests).
 */
import type { SlaOverrides } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { check, integer, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { companies, estates } from '../organisation/organisation.table.ts';

export const estateSlaSettings = pgTable(
  'estate_sla_settings',
  {
    estateId: text()
      .primaryKey()
      .references(() => estates.id),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    overrides: jsonb().$type<SlaOverrides>().notNull().default({}),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    updatedById: text().references(() => users.id),
  },
  (t) => [
    check('estate_sla_settings_overrides_ck', sql`jsonb_typeof(${t.overrides}) = 'object'`),
    check('estate_sla_settings_version_ck', sql`${t.version} >= 1`),
  ],
);
