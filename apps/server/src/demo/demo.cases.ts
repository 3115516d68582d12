/**
 * The demo's case library (案例库): a few closed effective complaints of the history turned into cases
 * through the real use case — the system's own anonymised draft, saved by the estate's supervisor (or
 * the company's complaint centre for an estate without one), the day after the complaint closed.
 */
import { sql } from 'drizzle-orm';
import { caseDraft, createCase } from '../modules/complaints/complaints.cases.ts';
import type { Actor } from '../platform/access.ts';
import { type Db, rows } from '../platform/db.ts';

const DAY = 86_400_000;
/** Cases per estate, at most (one per category, the newest closed complaints first). */
const PER_ESTATE = 2;

/** What the writer adds to the system's draft: the case's own tags (the draft's come first). */
const EXTRA_TAGS = ['典型案例', '首接负责'];

export async function demoCases(db: Db, companyId: string, now: Date): Promise<void> {
  const writers = await rows<{
    id: string;
    name: string;
    username: string;
    roles: Actor['roles'];
    estate_ids: string[];
  }>(
    db,
    sql`select u.id, u.name, u.username, u.roles,
          array(select ue.estate_id from user_estates ue where ue.user_id = u.id) as estate_ids
        from users u where u.company_id = ${companyId} and u.username in ('supervisor', 'admin')`,
  );
  const allEstates = (
    await rows<{ id: string }>(db, sql`select id from estates where company_id = ${companyId}`)
  ).map((e) => e.id);
  const actorOf = (w: (typeof writers)[number]): Actor => {
    const companyWide = w.roles.some((r) => r === 'gm' || r === 'hq_cs' || r === 'quality');
    return {
      userId: w.id,
      username: w.username,
      name: w.name,
      companyId,
      companyName: '',
      roles: w.roles,
      departmentId: null,
      locale: 'zh-CN',
      estateIds: companyWide ? allEstates : w.estate_ids,
      companyWide,
      sessionId: 'demo-seed',
      via: 'bearer',
      csrfToken: '',
    };
  };
  const supervisor = writers.find((w) => w.username === 'supervisor');
  const centre = writers.find((w) => w.username === 'admin');
  if (!centre) return;

  const chosen = await rows<{ id: string; estate_id: string; closed_at: string | Date }>(
    db,
    sql`select id, estate_id, closed_at from (
          select q.id, q.estate_id, q.closed_at,
            row_number() over (partition by q.estate_id, q.category_id order by q.closed_at desc, q.id) as in_category
          from requests q join complaints c on c.request_id = q.id
          where q.company_id = ${companyId} and q.type = 'complaint' and q.state = 'closed'
            and c.validity = 'effective' and c.root_cause is not null and q.closed_at is not null) x
        where in_category = 1
        order by estate_id, closed_at desc, id`,
  );
  const perEstate = new Map<string, number>();
  for (const c of chosen) {
    const n = perEstate.get(c.estate_id) ?? 0;
    if (n >= PER_ESTATE) continue;
    perEstate.set(c.estate_id, n + 1);
    const writer = supervisor?.estate_ids.includes(c.estate_id) ? supervisor : centre;
    const actor = actorOf(writer);
    const at = new Date(Math.min(new Date(c.closed_at).getTime() + DAY, now.getTime()));
    const draft = await caseDraft(db, actor, c.id, 'zh-CN');
    await createCase({ db, clock: { now: () => at } }, actor, c.id, {
      title: draft.title,
      summary: draft.summary,
      handling: draft.handling,
      lesson: draft.lesson,
      tags: [...draft.tags, EXTRA_TAGS[n % EXTRA_TAGS.length]!],
    });
  }
}
