/**
 * Who works at an estate: the staff assigned to it (user_estates) and the company-wide roles
 * (gm, hq_cs, quality — COMPANY_WIDE_ROLES), wherever they are assigned.
 */
import { COMPANY_WIDE_ROLES } from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';

/**
 * COMPANY_WIDE_ROLES as an SQL array literal. The partial index users_company_wide_idx (auth.table.ts)
 * is defined with it and used only by statements that name the same literal, so both take it from here.
 */
export const COMPANY_WIDE = "array['gm','hq_cs','quality']::text[]";
if (COMPANY_WIDE !== `array[${COMPANY_WIDE_ROLES.map((r) => `'${r}'`).join(',')}]::text[]`)
  throw new Error('auth.staff.ts: COMPANY_WIDE is out of step with COMPANY_WIDE_ROLES');

/**
 * The estate's staff as a subquery (columns id, name, roles, active), found by index from both sides —
 * the estate's assignments and the company's company-wide staff — rather than by reading every user
 * of the company (a company of 200 estates has thousands).
 */
export function staffAtEstate(companyId: string, estateId: string): SQL {
  return sql`(select u.id, u.name, u.roles, u.active from user_estates ue join users u on u.id = ue.user_id
              where ue.estate_id = ${estateId} and u.company_id = ${companyId}
            union
            select u.id, u.name, u.roles, u.active from users u
              where u.company_id = ${companyId} and u.roles && ${sql.raw(COMPANY_WIDE)})`;
}
