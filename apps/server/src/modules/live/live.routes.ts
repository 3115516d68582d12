/**
 * GET /api/stream: live updates for the staff web app as server-sent events — `request.changed`
 * after intake, transitions and callbacks, `alert.raised` from the clock sweeper — only for the
 * caller's estates (or the one named). Comments every `heartbeatMs` keep proxies from closing it; the
 * stream ends after `maxAgeMs` and the browser reconnects, which signs the caller in afresh (a
 * session that ended meanwhile gets its 401 then).
 */
import type { ServerResponse } from 'node:http';
import { Id, type LiveEvent } from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, estateScope } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import type { LiveBus } from '../../platform/live.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The live-event bus the streams listen to. */
    liveBus: LiveBus;
  }
}

export interface StreamOptions {
  heartbeatMs?: number;
  maxAgeMs?: number;
}

/** A stream that cannot keep up (its unsent bytes pass this) is ended; the browser reconnects. */
const MAX_BUFFERED_BYTES = 1 << 20;

export function formatEvent(e: LiveEvent): string {
  return `event: ${e.type}\ndata: ${JSON.stringify(e.data)}\n\n`;
}

export function liveRoutes(app: App, deps: { live: LiveBus } & StreamOptions) {
  app.decorate('liveBus', deps.live);
  const open = new Set<ServerResponse>();
  // Close the streams first, or closing the server would wait for them.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
    open.clear();
  });

  app.get(
    '/api/stream',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['live'],
        description:
          'Server-sent events (text/event-stream) of the caller’s estates, or of `estateId`: `request.changed` {id, estateId, number, state, version} after a change commits, `alert.raised` {id, estateId, requestId, requestNumber, deadlineKind, kind, level, recipientUserId, recipientRole, raisedAt} from the clock sweeper. A comment line every 25 s; the stream ends after 15 minutes and EventSource reconnects.',
        querystring: z.object({ estateId: Id.optional() }),
      },
    },
    async (req, reply) => {
      const scope = new Set(estateScope(req.actor!, req.query.estateId));
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        ...(reply.getHeaders() as Record<string, string>),
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 3000\n: connected\n\n');
      open.add(res);

      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        unsubscribe();
        clearInterval(heartbeat);
        clearTimeout(maxAge);
        open.delete(res);
        if (!res.writableEnded) res.end();
      };
      const write = (chunk: string) => {
        if (done) return;
        res.write(chunk);
        if (res.writableLength > MAX_BUFFERED_BYTES) finish();
      };
      const unsubscribe = deps.live.subscribe((e) => {
        if (scope.has(e.data.estateId)) write(formatEvent(e));
      });
      const heartbeat = setInterval(() => write(': ping\n\n'), deps.heartbeatMs ?? 25_000);
      const maxAge = setTimeout(finish, deps.maxAgeMs ?? 15 * 60_000);
      heartbeat.unref();
      maxAge.unref();
      req.raw.on('close', finish);
      res.on('close', finish);
      res.on('error', finish);
    },
  );
}
