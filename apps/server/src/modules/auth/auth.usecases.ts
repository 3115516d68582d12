/**
 * Sign-in, sessions and bearer tokens. Secrets are random 32-byte tokens; the database keeps only
 * their HMAC (keyed by WUYE_SECRET), so a leaked table cannot be replayed. Failed sign-ins are counted
 * per user name and per client address; too many lock the account for a while (429 with Retry-After).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Role } from '@wuye/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type Actor, isCompanyWide } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, preparedText, rows } from '../../platform/db.ts';
import { AppError } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { dummyHash, verifyPassword } from '../../platform/passwords.ts';
import { loginThrottle, sessions, users } from './auth.table.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const TOKEN_TTL_MS = 90 * 24 * 60 * 60 * 1000;

export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  maxUserFailures: 5,
  // High: a whole office often shares one address, and one typist must not lock the others out.
  maxAddressFailures: 100,
  lockMs: 15 * 60 * 1000,
};

export interface AuthDeps {
  db: Db;
  clock: Clock;
  secret: string;
}

export function hashToken(secret: string, token: string): string {
  return createHmac('sha256', secret).update(token).digest('hex');
}

function lockedError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError(
    'RATE_LIMITED',
    { key: 'auth.locked', params: { minutes: Math.max(1, Math.round(seconds / 60)) } },
    { headers: { 'retry-after': String(seconds) } },
  );
}

async function assertNotLocked(deps: AuthDeps, keys: string[]): Promise<void> {
  const now = deps.clock.now();
  const found = await deps.db.select().from(loginThrottle).where(sql`${loginThrottle.key} in ${keys}`);
  for (const row of found) {
    if (row.lockedUntil && row.lockedUntil > now) throw lockedError(row.lockedUntil, now);
  }
}

async function countFailure(deps: AuthDeps, key: string, max: number): Promise<Date | null> {
  const now = deps.clock.now();
  const windowStart = new Date(now.getTime() - THROTTLE.windowMs);
  const lockUntil = new Date(now.getTime() + THROTTLE.lockMs);
  // One statement: safe when several processes count at once.
  const [row] = await rows<{ locked_until: Date | string | null }>(
    deps.db,
    sql`insert into login_throttle (key, failures, window_start, locked_until)
        values (${key}, 1, ${now}, null)
        on conflict (key) do update set
          failures = case when login_throttle.window_start < ${windowStart} then 1 else login_throttle.failures + 1 end,
          window_start = case when login_throttle.window_start < ${windowStart} then ${now} else login_throttle.window_start end,
          locked_until = case
            when login_throttle.window_start >= ${windowStart} and login_throttle.failures + 1 >= ${max} then ${lockUntil}::timestamptz
            else login_throttle.locked_until end
        returning locked_until`,
  );
  const until = row?.locked_until ? new Date(row.locked_until) : null;
  return until && until > now ? until : null;
}

export interface LoginResult {
  token: string;
  csrfToken: string;
  expiresAt: Date;
  userId: string;
}

/** Checks the password and opens a session (`kind: 'session'`) or an integration token. */
export async function login(
  deps: AuthDeps,
  input: { username: string; password: string; address: string; kind: 'session' | 'token' },
): Promise<LoginResult> {
  const userKey = `user:${input.username.toLowerCase()}`;
  const addressKey = `addr:${input.address}`;
  await assertNotLocked(deps, [userKey, addressKey]);

  const [user] = await deps.db
    .select()
    .from(users)
    .where(sql`lower(${users.username}) = ${input.username.toLowerCase()}`)
    .limit(1);
  let ok = false;
  if (user?.active) ok = await verifyPassword(user.passwordHash, input.password);
  else await verifyPassword(await dummyHash(), input.password); // same timing for unknown users

  const now = deps.clock.now();
  if (!user || !ok) {
    const lockedUser = await countFailure(deps, userKey, THROTTLE.maxUserFailures);
    const lockedAddr = await countFailure(deps, addressKey, THROTTLE.maxAddressFailures);
    if (user) {
      await recordEvent(deps.db, {
        companyId: user.companyId,
        entityType: 'user',
        entityId: user.id,
        action: lockedUser ? 'login_locked' : 'login_failed',
        at: now,
        data: { address: input.address },
      });
    }
    const locked = lockedUser ?? lockedAddr;
    if (locked) throw lockedError(locked, now);
    throw new AppError('UNAUTHENTICATED', 'auth.badCredentials');
  }

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const expiresAt = new Date(now.getTime() + (input.kind === 'session' ? SESSION_TTL_MS : TOKEN_TTL_MS));
  const sessionId = newId(now.getTime());
  await deps.db.transaction(async (tx) => {
    await tx.insert(sessions).values({
      id: sessionId,
      tokenHash: hashToken(deps.secret, token),
      kind: input.kind,
      userId: user.id,
      csrfToken,
      createdAt: now,
      expiresAt,
    });
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, userKey));
    await recordEvent(tx, {
      companyId: user.companyId,
      entityType: 'user',
      entityId: user.id,
      action: input.kind === 'session' ? 'login' : 'token_issued',
      actorId: user.id,
      at: now,
      data: { address: input.address, sessionId },
    });
  });
  return { token, csrfToken, expiresAt, userId: user.id };
}

interface ActorRow {
  session_id: string;
  kind: string;
  csrf_token: string;
  user_id: string;
  username: string;
  name: string;
  company_id: string;
  company_name: string;
  roles: string[];
  department_id: string | null;
  locale: string;
  estate_ids: string[] | null;
}

/** The caller of a session or token secret ($1 its HMAC, $2 the kind, $3 now); the bench's raw side runs it too. */
export const ACTOR_QUERY = `select s.id as session_id, s.kind, s.csrf_token, u.id as user_id, u.username, u.name, u.company_id,
       c.name as company_name, u.roles, u.department_id, u.locale,
       case when u.roles && array['gm','hq_cs','quality']::text[]
         then (select array_agg(e.id order by e.code) from estates e where e.company_id = u.company_id)
         else (select array_agg(ue.estate_id order by e.code) from user_estates ue
                join estates e on e.id = ue.estate_id where ue.user_id = u.id)
       end as estate_ids
  from sessions s
  join users u on u.id = s.user_id
  join companies c on c.id = u.company_id
  where s.token_hash = $1 and s.kind = $2
    and s.revoked_at is null and s.expires_at > $3 and u.active`;

/** Resolves a cookie or bearer secret to the caller, with their estates, in one query. */
export async function resolveActor(
  deps: AuthDeps,
  token: string,
  via: 'cookie' | 'bearer',
): Promise<Actor | null> {
  const now = deps.clock.now();
  const kind = via === 'cookie' ? 'session' : 'token';
  // Every call's first statement: prepared, so its plan is made once per connection, and its text
  // fixed, so nothing is composed per call.
  const [row] = await preparedText<ActorRow>(deps.db, 'actor', ACTOR_QUERY, [
    hashToken(deps.secret, token),
    kind,
    now,
  ]);
  if (!row) return null;
  const roleList = row.roles as Role[];
  return {
    userId: row.user_id,
    username: row.username,
    name: row.name,
    companyId: row.company_id,
    companyName: row.company_name,
    roles: roleList,
    departmentId: row.department_id,
    locale: row.locale === 'en' ? 'en' : 'zh-CN',
    estateIds: row.estate_ids ?? [],
    companyWide: isCompanyWide(roleList),
    sessionId: row.session_id,
    via,
    csrfToken: row.csrf_token,
  };
}

export async function logout(deps: AuthDeps, actor: Actor): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    await tx
      .update(sessions)
      .set({ revokedAt: now })
      .where(and(eq(sessions.id, actor.sessionId), sql`${sessions.revokedAt} is null`));
    await recordEvent(tx, {
      companyId: actor.companyId,
      entityType: 'user',
      entityId: actor.userId,
      action: 'logout',
      actorId: actor.userId,
      at: now,
    });
  });
}

export async function setLocale(deps: AuthDeps, actor: Actor, locale: 'zh-CN' | 'en'): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await tx.update(users).set({ locale }).where(eq(users.id, actor.userId));
    await recordEvent(tx, {
      companyId: actor.companyId,
      entityType: 'user',
      entityId: actor.userId,
      action: 'preferences_changed',
      actorId: actor.userId,
      at: deps.clock.now(),
      data: { locale },
    });
  });
}
