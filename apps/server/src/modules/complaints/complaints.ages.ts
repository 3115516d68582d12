/**
 * Age-based escalation (spec 02 §2): a complaint not resolved 7 days after it was made becomes hot, after
 * 30 days major — not counting the time it was on hold waiting for the resident. Nothing happens to a
 * complaint on those days, so a periodic sweep looks for open, uncompleted complaints old enough for an
 * age rule that has not fired yet and runs the grade rules on them (which count the age off hold).
 * Claimed with `FOR UPDATE SKIP LOCKED`, in id order, so several processes can sweep at once.
 */
import type { LiveEvent } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { rows } from '../../platform/db.ts';
import { runEvery } from '../../platform/periodic.ts';
import { DAY_MS, DEFAULT_GRADE_RULES } from './complaints.grading.ts';
import { applyGradeRules, type ComplaintDeps } from './complaints.usecases.ts';

export async function sweepComplaintAges(
  deps: Pick<ComplaintDeps, 'db' | 'clockRulesFor' | 'live'>,
  now: Date,
  options: { batchSize?: number } = {},
): Promise<number> {
  const size = options.batchSize ?? 200;
  const hotBefore = new Date(now.getTime() - DEFAULT_GRADE_RULES.hotAfterDays * DAY_MS);
  const majorBefore = new Date(now.getTime() - DEFAULT_GRADE_RULES.majorAfterDays * DAY_MS);
  let after = '';
  let checked = 0;
  for (;;) {
    const { ids, live } = await deps.db.transaction(async (tx) => {
      const due = await rows<{ id: string }>(
        tx,
        sql`select q.id from requests q left join complaints c on c.request_id = q.id
            where q.type = 'complaint' and q.state not in ('closed', 'cancelled') and q.completion is null
              and q.id > ${after}
              and ((q.received_at <= ${hotBefore}
                    and not (coalesce(c.fired_rules, '{}'::text[]) @> array['hot.age']::text[]))
                or (q.received_at <= ${majorBefore}
                    and not (coalesce(c.fired_rules, '{}'::text[]) @> array['major.age']::text[])))
            order by q.id
            limit ${size}
            for update of q skip locked`,
      );
      const ids = due.map((d) => d.id);
      // One issue at a time: the rules count households and complainants within an issue.
      const live: LiveEvent[] = [];
      for (const id of ids) live.push(...(await applyGradeRules(deps, tx, [id], now, null)));
      return { ids, live };
    });
    if (live.length) deps.live?.publish(live);
    checked += ids.length;
    if (ids.length < size) return checked;
    after = ids.at(-1)!;
  }
}

/** Runs the age sweep every `intervalMs` in this process; returns a stop function. */
export function startComplaintAgeSweep(
  sweep: (now: Date) => Promise<number>,
  now: () => Date,
  options: { intervalMs?: number; onError?: (err: unknown) => void } = {},
): () => void {
  return runEvery(
    options.intervalMs ?? 60_000,
    async () => {
      await sweep(now());
    },
    { onError: options.onError },
  );
}
