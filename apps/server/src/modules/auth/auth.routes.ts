/** /api/auth: sign in and out, who am I, integration tokens, language preference. */
import {
  LoginBody,
  LoginResponse,
  MeResponse,
  PreferencesBody,
  type SessionUser,
  TokenResponse,
} from '@wuye/contracts';
import { z } from 'zod';
import { type Actor, AUTHENTICATED, PUBLIC } from '../../platform/access.ts';
import { unauthenticated } from '../../platform/errors.ts';
import { type App, SESSION_COOKIE } from '../../platform/http.ts';
import { type AuthDeps, login, logout, resolveActor, SESSION_TTL_MS, setLocale } from './auth.usecases.ts';

export function toSessionUser(actor: Actor): SessionUser {
  return {
    id: actor.userId,
    username: actor.username,
    name: actor.name,
    roles: actor.roles,
    estateIds: actor.estateIds,
    companyId: actor.companyId,
    companyName: actor.companyName,
    departmentId: actor.departmentId,
    locale: actor.locale,
  };
}

export function authRoutes(app: App, deps: AuthDeps & { cookieSecure: boolean }) {
  const tags = ['auth'];

  app.post(
    '/api/auth/login',
    { config: { access: PUBLIC }, schema: { tags, body: LoginBody, response: { 200: LoginResponse } } },
    async (req, reply) => {
      const result = await login(deps, { ...req.body, address: req.ip, kind: 'session' });
      const actor = await resolveActor(deps, result.token, 'cookie');
      if (!actor) throw unauthenticated();
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.cookieSecure,
        path: '/',
        maxAge: Math.floor(SESSION_TTL_MS / 1000),
      });
      return { user: toSessionUser(actor), csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/auth/token',
    { config: { access: PUBLIC }, schema: { tags, body: LoginBody, response: { 200: TokenResponse } } },
    async (req) => {
      const result = await login(deps, { ...req.body, address: req.ip, kind: 'token' });
      return { token: result.token, expiresAt: result.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { access: AUTHENTICATED },
      schema: { tags, response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (req, reply) => {
      await logout(deps, req.actor!);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true as const };
    },
  );

  app.get(
    '/api/auth/me',
    { config: { access: AUTHENTICATED }, schema: { tags, response: { 200: MeResponse } } },
    async (req) => ({ user: toSessionUser(req.actor!), csrfToken: req.actor!.csrfToken }),
  );

  app.put(
    '/api/auth/preferences',
    {
      config: { access: AUTHENTICATED },
      schema: {
        tags,
        body: PreferencesBody,
        response: { 200: z.object({ locale: z.enum(['zh-CN', 'en']) }) },
      },
    },
    async (req) => {
      await setLocale(deps, req.actor!, req.body.locale);
      return { locale: req.body.locale };
    },
  );
}
