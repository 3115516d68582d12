/**
 * The callback rules as pure functions (seed 004, spec 01 §5): which quota roles sample a repair, who
 * of a role gets it, and when an unreached callback is tried again. No database, no clock: the use
 * cases feed them counts and times.
 */
import { QUOTA_ROLES, type QuotaRole } from '@wuye/contracts';

/** rules.callbackQuotas: the minimum share per role. */
export type Quotas = Readonly<Record<QuotaRole, number>>;
/** rules.callbackRetries and rules.callbackRetryWindowDays. */
export interface RetryRules {
  readonly callbackRetries: number;
  readonly callbackRetryWindowDays: number;
}
const DAY = 86_400_000;

/** The callbacks a quota asks of `completed` repairs: ⌈quota × completed⌉ (robust to 0.1 × 30 = 3.0000000004). */
export function requiredCallbacks(quota: number, completed: number): number {
  return Math.max(0, Math.ceil(quota * completed - 1e-9));
}

/**
 * The roles that call back the repair being completed now. Deficit-based: a role is sampled when its
 * assigned callbacks would otherwise fall below ⌈quota × completed⌉ with this repair counted, so after
 * every completion each role's share of the month's completed repairs is at least its quota. The
 * same history always gives the same answer (no randomness).
 *
 * @param completedBefore repairs of the estate completed earlier this month
 * @param assignedBefore  of those, how many each role was assigned
 */
export function rolesToSample(
  quotas: Quotas,
  completedBefore: number,
  assignedBefore: Partial<Record<QuotaRole, number>>,
): QuotaRole[] {
  const completed = completedBefore + 1;
  return QUOTA_ROLES.filter(
    (role) => (assignedBefore[role] ?? 0) < requiredCallbacks(quotas[role], completed),
  );
}

/** Of the people holding a role, the one with the fewest assignments this month; ties by id (stable). */
export function leastLoaded(candidates: readonly string[], load: ReadonlyMap<string, number>): string | null {
  let best: string | null = null;
  for (const id of [...candidates].sort()) {
    if (best === null || (load.get(id) ?? 0) < (load.get(best) ?? 0)) best = id;
  }
  return best;
}

export interface RetryPlan {
  tries: number;
  maxTries: number;
  /** When the next try is due; null before the first try (the callback clock says) and after the last. */
  nextTryAt: Date | null;
  /** Every try failed: the request may close as unreachable. */
  exhausted: boolean;
}

/**
 * Unreached tries are spread evenly over the retry window from the first try: 3 tries over 2 days are
 * due at the first try, one day later and two days later.
 */
export function retryPlan(unreached: { count: number; firstAt: Date | null }, rules: RetryRules): RetryPlan {
  const maxTries = rules.callbackRetries;
  const { count, firstAt } = unreached;
  if (count >= maxTries) return { tries: count, maxTries, nextTryAt: null, exhausted: true };
  if (count === 0 || !firstAt) return { tries: count, maxTries, nextTryAt: null, exhausted: false };
  const step = (rules.callbackRetryWindowDays * DAY) / Math.max(1, maxTries - 1);
  return { tries: count, maxTries, nextTryAt: new Date(firstAt.getTime() + count * step), exhausted: false };
}
