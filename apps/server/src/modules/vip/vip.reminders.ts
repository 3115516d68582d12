/**
 * The VIP reminders pushed to the estate's VIP assistant (客户助理, seed 第三十三条四): three days before
 * a card holder's or their family's birthday and before each festival the assistant greets VIPs on, a
 * notification in the assistant's inbox (the estate managers' when no assistant is named). The list itself is
 * `listReminders` (GET /api/vip/reminders); this sweep only tells people about it, once per occurrence:
 * a `vip_reminder_notices` row per estate and occurrence is inserted with the notification in one
 * transaction, `on conflict do nothing`, so several processes sweeping at once send one.
 */
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db.ts';
import { runEvery } from '../../platform/periodic.ts';
import { usersWithRoles } from '../complaints/complaints.usecases.ts';
import { notify } from '../notifications/notifications.ts';
import { listReminders, type VipDeps } from './vip.usecases.ts';

/** How many days ahead the assistant is told (the seed's 提前三天). */
export const REMIND_DAYS_AHEAD = 3;

const monthDay = (date: string) => `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`;
const when = (daysAhead: number) => (daysAhead === 0 ? '今天' : `${daysAhead} 天后`);

/** Sends the reminders due now; returns how many notices were sent (one per estate and occurrence). */
export async function sendVipReminders(deps: VipDeps): Promise<number> {
  const estates = await rows<{ estate_id: string; company_id: string; assistant_id: string | null }>(
    deps.db,
    sql`select distinct c.estate_id, c.company_id, a.user_id as assistant_id
        from vip_cards c left join vip_assistants a on a.estate_id = c.estate_id
        left join users u on u.id = a.user_id
        where c.status = 'active' and (a.user_id is null or u.active)`,
  );
  const now = deps.clock.now();
  let sent = 0;
  for (const e of estates) {
    const { items, vipCount } = await listReminders(deps, [e.estate_id], REMIND_DAYS_AHEAD);
    if (items.length === 0) continue;
    sent += await deps.db.transaction(async (tx) => {
      const recipients = e.assistant_id
        ? [e.assistant_id]
        : (await usersWithRoles(tx, e.company_id, e.estate_id, ['manager'])).map((u) => u.id);
      let n = 0;
      for (const item of items) {
        const key = `${item.kind}:${item.residentId ?? item.title}:${item.date}`;
        const fresh = await rows<{ key: string }>(
          tx,
          sql`insert into vip_reminder_notices (estate_id, key, date, sent_at)
              values (${e.estate_id}, ${key}, ${item.date}, ${now})
              on conflict do nothing returning key`,
        );
        if (fresh.length === 0) continue;
        n += 1;
        await notify(tx, {
          companyId: e.company_id,
          estateId: e.estate_id,
          userIds: recipients,
          kind: item.kind === 'birthday' ? 'vip_birthday' : 'vip_festival',
          title:
            item.kind === 'birthday'
              ? item.familyOf
                ? `VIP 客户${item.familyOf.name}（${item.cardNumber}）的家属${item.title}${monthDay(item.date)}生日，请安排问候`
                : `VIP 客户${item.title}（${item.cardNumber}）${monthDay(item.date)}生日，请安排问候`
              : `${item.title}（${monthDay(item.date)}）将至，请问候本项目 ${vipCount} 位 VIP 客户`,
          body: when(item.daysAhead),
          data: { key, date: item.date, residentId: item.residentId },
          at: now,
        });
      }
      return n;
    });
  }
  return sent;
}

/** Runs the reminder sweep every `intervalMs` (15 minutes by default) in this process. */
export function startVipReminders(
  deps: VipDeps,
  options: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): () => void {
  return runEvery(
    options.intervalMs ?? 15 * 60_000,
    async () => {
      await sendVipReminders(deps);
    },
    { onError: options.onError, immediately: true },
  );
}
