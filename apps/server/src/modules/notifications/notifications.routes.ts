/** /api/notifications: the signed-in person's own inbox (every staff role; a person sees only theirs). */
import { Id, NotificationList, NotificationsQuery } from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { listMyNotifications, markAllRead, markRead } from './notifications.ts';

export function notificationRoutes(app: App, deps: { db: Db; clock: Clock }) {
  const tags = ['notifications'];
  app.get(
    '/api/notifications',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description: 'My notifications, newest first, and how many are unread.',
        querystring: NotificationsQuery,
        response: { 200: NotificationList },
      },
    },
    async (req) => listMyNotifications(deps.db, req.actor!, req.query),
  );
  app.post(
    '/api/notifications/:id/read',
    {
      config: { access: ANY_STAFF },
      schema: { tags, params: z.object({ id: Id }), response: { 200: z.object({ ok: z.literal(true) }) } },
    },
    async (req) => {
      await markRead(deps.db, req.actor!, req.params.id, deps.clock.now());
      return { ok: true as const };
    },
  );
  app.post(
    '/api/notifications/read-all',
    {
      config: { access: ANY_STAFF },
      schema: { tags, response: { 200: z.object({ marked: z.number().int() }) } },
    },
    async (req) => ({ marked: await markAllRead(deps.db, req.actor!, deps.clock.now()) }),
  );
}
