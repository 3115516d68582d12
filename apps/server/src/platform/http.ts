/**
 * The HTTP platform: Fastify with Zod schemas, OpenAPI, security headers, request ids, the
 * authentication and access hook every route goes through, and the one error handler that maps
 * errors to the contract's error body in the caller's language.
 */
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { ErrorBody, Locale } from '@wuye/contracts';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { type Access, type Actor, hasAnyRole, PUBLIC } from './access.ts';
import { AppError, unauthenticated } from './errors.ts';
import { isMessageKey, localeFrom, type Message, t } from './i18n.ts';

export const SESSION_COOKIE = 'wuye_session';

export interface RouteEntry {
  method: string;
  url: string;
  access: Access;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route with the access it declares (tests walk this table). */
    routeTable: RouteEntry[];
    /** The complaints' age-based escalation (7 / 30 days), run periodically by main.ts (buildApp sets it). */
    sweepComplaintAges: (now: Date) => Promise<number>;
  }
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    actor: Actor | null;
    locale: Locale;
  }
}

export type App = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  import('fastify').FastifyBaseLogger,
  ZodTypeProvider
>;

export interface HttpOptions {
  logLevel: string;
  version: string;
  /** Resolves a session cookie or bearer secret to the caller. */
  resolveActor(token: string, via: 'cookie' | 'bearer'): Promise<Actor | null>;
}

/** Routes registered without `config.access` make start-up fail; this lists them for the message. */
export class UndeclaredAccessError extends Error {}

export async function createHttp(options: HttpOptions): Promise<App> {
  const app = Fastify({
    logger:
      options.logLevel === 'silent'
        ? false
        : { level: options.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: 1024 * 1024,
    trustProxy: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('actor', null);
  app.decorateRequest('locale', 'zh-CN');

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    const url = route.url;
    if (!url.startsWith('/api')) return;
    if (url.startsWith('/api/docs')) {
      route.config = { ...(route.config ?? {}), access: PUBLIC };
      return;
    }
    if (!route.config?.access) {
      throw new UndeclaredAccessError(`Route ${route.method} ${url} declares no access (config.access)`);
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') routeTable.push({ method, url, access: route.config.access });
    }
  });

  app.addHook('onSend', async (req, reply, payload) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api')) reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    frameguard: { action: 'deny' },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Wuye Desk API (物业客服台)',
        version: options.version,
        description:
          'The HTTP API of Wuye Desk. Sign in with POST /api/auth/login (cookie + X-CSRF-Token) or use a bearer token from POST /api/auth/token.',
      },
      components: {
        securitySchemes: {
          cookieAuth: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
          bearerAuth: { type: 'http', scheme: 'bearer' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { config: { access: PUBLIC }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api')) return;
    const auth = req.headers.authorization;
    let actor: Actor | null = null;
    if (auth?.toLowerCase().startsWith('bearer ')) {
      actor = await options.resolveActor(auth.slice(7).trim(), 'bearer');
    } else {
      const token = req.cookies[SESSION_COOKIE];
      if (token) actor = await options.resolveActor(token, 'cookie');
    }
    req.actor = actor;
    req.locale = localeFrom(req.headers['accept-language'], actor?.locale ?? 'zh-CN');

    const access = req.routeOptions.config?.access;
    if (!access || access.kind === 'public') return;
    if (!actor) throw unauthenticated();
    if (actor.via === 'cookie' && !['GET', 'HEAD', 'OPTIONS'].includes(req.method)) {
      if (req.headers['x-csrf-token'] !== actor.csrfToken) throw new AppError('FORBIDDEN', 'auth.csrf');
    }
    if (access.kind === 'roles' && !hasAnyRole(actor, access.roles))
      throw new AppError('FORBIDDEN', 'auth.forbidden');
  });

  app.setErrorHandler((err: FastifyError | AppError, req, reply) => sendError(err, req, reply));
  return app as unknown as App;
}

function render(message: Message, locale: Locale): string {
  return t(message, locale);
}

export function errorBody(err: AppError, locale: Locale): ErrorBody {
  const body: ErrorBody = { error: { code: err.code, message: render(err.msg, locale) } };
  if (err.fields) {
    body.error.fields = Object.fromEntries(
      Object.entries(err.fields).map(([k, m]) => [k, render(m, locale)]),
    );
  }
  return body;
}

function sendError(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply) {
  const locale = req.locale ?? localeFrom(req.headers['accept-language']);
  const appErr = toAppError(err);
  if (appErr.code === 'INTERNAL') req.log.error({ err }, 'unhandled error');
  else if (appErr.status >= 400) req.log.info({ code: appErr.code, msg: appErr.msg.key }, 'request refused');
  for (const [k, v] of Object.entries(appErr.headers ?? {})) reply.header(k, v);
  return reply.status(appErr.status).send(errorBody(appErr, locale));
}

/** Maps every kind of failure to the contract's codes. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const e = err as FastifyError & { validation?: unknown[]; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(e)) {
    return new AppError('VALIDATION', 'validation.failed', {
      fields: zodIssuesToFields(e.validation as ZodIssueLike[]),
    });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('VALIDATION', 'validation.json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('VALIDATION', 'validation.bodyTooLarge');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('VALIDATION', 'validation.contentType');
  }
  if (e.statusCode === 404) return new AppError('NOT_FOUND', 'notFound.route');
  if (e.statusCode === 403) return new AppError('FORBIDDEN', 'auth.forbidden');
  if (e.statusCode === 401) return new AppError('UNAUTHENTICATED', 'auth.required');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 429) {
    return new AppError('VALIDATION', 'validation.failed');
  }
  return new AppError('INTERNAL', 'internal.error');
}

interface ZodIssueLike {
  keyword: string;
  instancePath: string;
  message: string;
  params: Record<string, unknown>;
}

/** An issue as zod reports it inside a union's `errors`. */
interface RawZodIssue {
  code: string;
  path: (string | number)[];
  message: string;
  [key: string]: unknown;
}

function fieldPath(instancePath: string): string {
  return instancePath.replace(/^\//, '').replace(/\//g, '.');
}

export function zodIssuesToFields(issues: ZodIssueLike[]): Record<string, Message> {
  const fields: Record<string, Message> = {};
  const put = (path: string, m: Message) => {
    const key = path || '_';
    if (!fields[key]) fields[key] = m;
  };
  for (const issue of issues) {
    const path = fieldPath(issue.instancePath);
    const p = issue.params;
    switch (issue.keyword) {
      case 'invalid_type':
        put(
          path,
          /received undefined/.test(issue.message)
            ? { key: 'validation.required' }
            : p.expected === 'int' && /received number/.test(issue.message)
              ? { key: 'validation.integer' }
              : { key: 'validation.type', params: { expected: String(p.expected ?? '') } },
        );
        break;
      case 'too_small': {
        const n = Number(p.minimum ?? 0);
        if (p.origin === 'string')
          put(path, n <= 1 ? { key: 'validation.required' } : { key: 'validation.tooShort', params: { n } });
        else if (p.origin === 'array' || p.origin === 'set')
          put(path, { key: 'validation.tooFewItems', params: { n } });
        else put(path, { key: 'validation.tooSmall', params: { n } });
        break;
      }
      case 'too_big': {
        const n = Number(p.maximum ?? 0);
        if (p.origin === 'string') put(path, { key: 'validation.tooLong', params: { n } });
        else if (p.origin === 'array' || p.origin === 'set')
          put(path, { key: 'validation.tooManyItems', params: { n } });
        else put(path, { key: 'validation.tooBig', params: { n } });
        break;
      }
      case 'invalid_format':
        put(path, { key: 'validation.format' });
        break;
      case 'invalid_value':
        put(path, {
          key: 'validation.enum',
          params: { values: Array.isArray(p.values) ? p.values.map(String).join(', ') : '' },
        });
        break;
      case 'unrecognized_keys':
        for (const k of (p.keys as string[]) ?? [])
          put(path ? `${path}.${k}` : k, { key: 'validation.unknownField' });
        break;
      case 'custom':
        put(path, { key: isMessageKey(issue.message) ? issue.message : 'validation.invalid' });
        break;
      case 'invalid_union': {
        // When exactly one option got past the type check (a malformed phone where a phone or
        // `{ keep }` is allowed), its own message says what is wrong.
        const options = (p.errors as RawZodIssue[][] | undefined) ?? [];
        const typed = options.filter(
          (list) => !list.some((i) => i.code === 'invalid_type' && i.path.length === 0),
        );
        if (typed.length !== 1) {
          put(path, { key: 'validation.invalid' });
          break;
        }
        const inner = zodIssuesToFields(
          typed[0]!.map(({ code, path: sub, message, ...rest }) => ({
            keyword: code,
            instancePath: sub.length ? `/${sub.join('/')}` : '',
            message,
            params: rest,
          })),
        );
        for (const [k, m] of Object.entries(inner)) put(k === '_' ? path : path ? `${path}.${k}` : k, m);
        break;
      }
      default:
        put(path, { key: 'validation.invalid' });
    }
  }
  return fields;
}
