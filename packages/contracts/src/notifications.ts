/** Notifications (站内通知): the signed-in person's inbox (GET /api/notifications). */
import { z } from 'zod';
import { Id } from './api.ts';

export const NotificationItem = z.object({
  id: Id,
  kind: z.string(),
  estateId: Id.nullable(),
  requestId: Id.nullable(),
  title: z.string(),
  body: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
export type NotificationItem = z.infer<typeof NotificationItem>;

export const NotificationList = z.object({
  items: z.array(NotificationItem),
  unread: z.number().int(),
});
export type NotificationList = z.infer<typeof NotificationList>;

export const NotificationsQuery = z.object({
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
});
