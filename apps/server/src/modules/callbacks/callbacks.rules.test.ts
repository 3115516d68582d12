/** The callback rules alone: quota sampling, least-loaded assignment and the retry schedule. */
import { QUOTA_ROLES, type QuotaRole, SLA_DEFAULTS } from '@wuye/contracts';
import { describe, expect, it } from 'vitest';
import { leastLoaded, type Quotas, requiredCallbacks, retryPlan, rolesToSample } from './callbacks.rules.ts';

const quotas = SLA_DEFAULTS.callbackQuotas;

/** Completes `n` repairs one after another and returns which roles each was sampled for. */
function month(n: number, q: Quotas = quotas) {
  const assigned: Partial<Record<QuotaRole, number>> = {};
  const picks: QuotaRole[][] = [];
  for (let i = 0; i < n; i++) {
    const roles = rolesToSample(q, i, assigned);
    for (const r of roles) assigned[r] = (assigned[r] ?? 0) + 1;
    picks.push(roles);
  }
  return { assigned, picks };
}

describe('quota sampling', () => {
  it('samples 20 repairs of a month for the manager, the supervisor and the lead: exactly 2, 6 and 12', () => {
    const { assigned } = month(20);
    expect(assigned).toEqual({ manager: 2, cs_supervisor: 6, dept_lead: 12 });
  });

  it('never lets a role’s share of the month’s completed repairs fall below its quota', () => {
    const assigned: Partial<Record<QuotaRole, number>> = {};
    for (let i = 0; i < 250; i++) {
      for (const r of rolesToSample(quotas, i, assigned)) assigned[r] = (assigned[r] ?? 0) + 1;
      for (const role of QUOTA_ROLES) {
        expect((assigned[role] ?? 0) / (i + 1)).toBeGreaterThanOrEqual(quotas[role]);
        // …and never samples more than the quota needs (the rest goes to the agents).
        expect(assigned[role] ?? 0).toBe(requiredCallbacks(quotas[role], i + 1));
      }
    }
  });

  it('is deterministic: the same month of completions samples the same repairs', () => {
    expect(month(40).picks).toEqual(month(40).picks);
    const { picks } = month(20);
    expect(picks[0]).toEqual(['manager', 'cs_supervisor', 'dept_lead']);
    expect(picks.flatMap((p, i) => (p.includes('manager') ? [i + 1] : []))).toEqual([1, 11]);
    expect(picks.flatMap((p, i) => (p.includes('cs_supervisor') ? [i + 1] : []))).toEqual([
      1, 4, 7, 11, 14, 17,
    ]);
  });

  it('leaves repairs sampled for no quota role to the agents, so every repair is called back', () => {
    const { picks } = month(20);
    const forAgents = picks.filter((p) => p.length === 0).length;
    expect(forAgents).toBeGreaterThan(0);
    expect(picks.length).toBe(20);
  });

  it('counts 10% of 30 repairs as 3 callbacks, not 4 (no floating-point drift)', () => {
    expect(requiredCallbacks(0.1, 30)).toBe(3);
    expect(requiredCallbacks(0.3, 10)).toBe(3);
    expect(requiredCallbacks(0.6, 5)).toBe(3);
    expect(requiredCallbacks(0.1, 0)).toBe(0);
  });

  it('follows configured quotas', () => {
    const { assigned } = month(10, { manager: 0.5, cs_supervisor: 0, dept_lead: 1 });
    expect(assigned).toEqual({ manager: 5, dept_lead: 10 });
  });
});

describe('who of a role gets the callback', () => {
  it('picks the least-loaded person, ties by id', () => {
    const load = new Map([
      ['u2', 1],
      ['u1', 1],
      ['u3', 0],
    ]);
    expect(leastLoaded(['u1', 'u2', 'u3'], load)).toBe('u3');
    load.set('u3', 1);
    expect(leastLoaded(['u3', 'u2', 'u1'], load)).toBe('u1');
    expect(leastLoaded([], load)).toBeNull();
  });
});

describe('unreachable retries', () => {
  const rules = { callbackRetries: 3, callbackRetryWindowDays: 2 };
  const first = new Date('2026-11-22T02:00:00Z');
  const DAY = 86_400_000;

  it('spreads three tries over two days from the first try', () => {
    expect(retryPlan({ count: 0, firstAt: null }, rules)).toMatchObject({
      nextTryAt: null,
      exhausted: false,
    });
    expect(retryPlan({ count: 1, firstAt: first }, rules).nextTryAt).toEqual(new Date(first.getTime() + DAY));
    expect(retryPlan({ count: 2, firstAt: first }, rules).nextTryAt).toEqual(
      new Date(first.getTime() + 2 * DAY),
    );
  });

  it('offers closing as unreachable after the last try', () => {
    expect(retryPlan({ count: 3, firstAt: first }, rules)).toEqual({
      tries: 3,
      maxTries: 3,
      nextTryAt: null,
      exhausted: true,
    });
  });

  it('copes with a single try allowed', () => {
    expect(
      retryPlan({ count: 1, firstAt: first }, { callbackRetries: 1, callbackRetryWindowDays: 2 }),
    ).toMatchObject({
      exhausted: true,
    });
  });
});
