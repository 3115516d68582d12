/**
 * Who may call a route. Every /api route declares `config.access`; the app refuses to start when one
 * does not (see http.ts), and a test lists every route with its declaration.
 */
import { COMPANY_WIDE_ROLES, type Role, STAFF_ROLES } from '@wuye/contracts';
import { forbidden, notFound } from './errors.ts';

export type Access =
  | { kind: 'public' }
  /** Any signed-in user (staff or resident). */
  | { kind: 'authenticated' }
  | { kind: 'roles'; roles: readonly Role[] };

export const PUBLIC: Access = { kind: 'public' };
export const AUTHENTICATED: Access = { kind: 'authenticated' };
export const ANY_STAFF: Access = { kind: 'roles', roles: STAFF_ROLES };
export const roles = (...list: Role[]): Access => ({ kind: 'roles', roles: list });

/** The signed-in caller, resolved from a session cookie or a bearer token. */
export interface Actor {
  userId: string;
  username: string;
  name: string;
  companyId: string;
  companyName: string;
  roles: Role[];
  departmentId: string | null;
  locale: 'zh-CN' | 'en';
  /** The estates this caller may see: assigned ones, or all of the company for company-wide roles. */
  estateIds: string[];
  companyWide: boolean;
  sessionId: string;
  via: 'cookie' | 'bearer';
  csrfToken: string;
}

export function isCompanyWide(roleList: readonly Role[]): boolean {
  return roleList.some((r) => COMPANY_WIDE_ROLES.includes(r));
}

export function hasAnyRole(actor: Actor, list: readonly Role[]): boolean {
  return actor.roles.some((r) => list.includes(r));
}

export function requireRole(actor: Actor, list: readonly Role[]): void {
  if (!hasAnyRole(actor, list)) throw forbidden();
}

/**
 * Scoping: a record of an estate the caller is not assigned to does not exist for them (404, used
 * consistently — see docs/decisions/0004-scoping-404.md).
 */
export function assertEstate(
  actor: Actor,
  estateId: string,
  key: Parameters<typeof notFound>[0] = 'notFound.estate',
) {
  if (!actor.estateIds.includes(estateId)) throw notFound(key);
}

/** The estates a list query covers: the requested one (checked) or all of the caller's. */
export function estateScope(actor: Actor, estateId?: string): string[] {
  if (estateId) {
    assertEstate(actor, estateId);
    return [estateId];
  }
  return actor.estateIds;
}
