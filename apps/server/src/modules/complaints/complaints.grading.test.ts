/** The automatic grade rules of spec 02 §2 at their boundaries. */
import { COMPLAINT_GRADES, type ComplaintGrade } from '@wuye/contracts';
import { describe, expect, it } from 'vitest';
import {
  COMPLAINT_GRADE_LABELS,
  COMPLAINT_RULE_LABELS,
  DAY_MS,
  DEFAULT_GRADE_RULES,
  GRADE_RULES,
  type GradeFacts,
  type GradeRuleConfig,
  gradeRank,
  RULE_GRADE,
  raiseOnly,
  ruleGrade,
  ruleLabels,
  ruleRaise,
} from './complaints.grading.ts';

/** A fresh single complaint: one household, one complainant, just received. */
function facts(patch: Partial<GradeFacts> = {}): GradeFacts {
  return {
    householdsInWindow: 1,
    complainantsIn30Days: 1,
    collectivePeople: 0,
    unresolvedMs: 0,
    flags: [],
    reComplaint: false,
    ...patch,
  };
}

describe('grades', () => {
  it('rank general < important < hot < major', () => {
    expect(['general', 'important', 'hot', 'major'].map((g) => gradeRank(g as ComplaintGrade))).toEqual([
      0, 1, 2, 3,
    ]);
    expect(COMPLAINT_GRADES.map(gradeRank)).toEqual([0, 1, 2, 3]);
  });

  it('raiseOnly keeps the higher grade and never lowers', () => {
    for (const current of COMPLAINT_GRADES)
      for (const suggested of COMPLAINT_GRADES) {
        const result = raiseOnly(current, suggested);
        expect(gradeRank(result)).toBe(Math.max(gradeRank(current), gradeRank(suggested)));
        expect(gradeRank(result)).toBeGreaterThanOrEqual(gradeRank(current));
      }
    expect(raiseOnly('hot', 'general')).toBe('hot');
    expect(raiseOnly('important', 'major')).toBe('major');
  });

  it('a single fresh complaint is general, with no rule', () => {
    expect(ruleGrade(facts())).toEqual({ grade: 'general', rule: null, rules: [], collective: false });
  });
});

describe('collective complaint (seed 000: ≥ 5 households within 48 h)', () => {
  it('4 households are not a collective complaint, 5 are', () => {
    expect(ruleGrade(facts({ householdsInWindow: 4, complainantsIn30Days: 4 }))).toMatchObject({
      collective: false,
      rule: 'hot.complainants',
    });
    expect(
      ruleGrade(facts({ householdsInWindow: 5, complainantsIn30Days: 5, collectivePeople: 5 })),
    ).toMatchObject({ collective: true, rule: 'hot.collective' });
  });

  it('a complaint of an existing event is collective whatever its own window counts', () => {
    expect(ruleGrade(facts({ householdsInWindow: 1, collectivePeople: 6 })).collective).toBe(true);
  });

  it('a collective complaint of 3 people or more is hot (seed 004)', () => {
    // The caller passes the people the event is formed with.
    const formed = ruleGrade(facts({ householdsInWindow: 5, collectivePeople: 5, complainantsIn30Days: 1 }));
    expect(formed).toMatchObject({ grade: 'hot', rule: 'hot.collective', collective: true });
  });

  it('people of an event only count as a collective complaint with its households', () => {
    // Without the people, the households alone form the event but grade nothing.
    expect(ruleGrade(facts({ householdsInWindow: 5 }))).toMatchObject({ grade: 'general', collective: true });
  });
});

describe('same issue, different complainants within 30 days', () => {
  it('2 complainants are general, 3 are hot', () => {
    expect(ruleGrade(facts({ complainantsIn30Days: 2 })).grade).toBe('general');
    expect(ruleGrade(facts({ complainantsIn30Days: 3 }))).toMatchObject({
      grade: 'hot',
      rule: 'hot.complainants',
      collective: false,
    });
  });

  it('9 complainants are hot, 10 are major', () => {
    expect(ruleGrade(facts({ complainantsIn30Days: 9 }))).toMatchObject({
      grade: 'hot',
      rule: 'hot.complainants',
    });
    expect(ruleGrade(facts({ complainantsIn30Days: 10 }))).toMatchObject({
      grade: 'major',
      rule: 'major.complainants',
    });
  });
});

describe('collective complaint of 10 people (seed 004)', () => {
  it('9 people are hot, 10 are major', () => {
    const nine = ruleGrade(facts({ householdsInWindow: 7, collectivePeople: 9, complainantsIn30Days: 9 }));
    expect(nine).toMatchObject({ grade: 'hot', rule: 'hot.collective', collective: true });
    const ten = ruleGrade(facts({ householdsInWindow: 7, collectivePeople: 10, complainantsIn30Days: 10 }));
    expect(ten).toMatchObject({ grade: 'major', rule: 'major.people', collective: true });
    expect(ten.rules).toEqual(['major.people', 'major.complainants', 'hot.collective', 'hot.complainants']);
  });

  it('counts the event people even when few of them are in this complaint’s windows', () => {
    expect(
      ruleGrade(facts({ householdsInWindow: 2, collectivePeople: 10, complainantsIn30Days: 2 })),
    ).toMatchObject({ grade: 'major', rule: 'major.people' });
  });
});

describe('age off hold', () => {
  it('hot from exactly 7 days, not a millisecond before', () => {
    expect(ruleGrade(facts({ unresolvedMs: 7 * DAY_MS - 1 })).grade).toBe('general');
    expect(ruleGrade(facts({ unresolvedMs: 7 * DAY_MS }))).toMatchObject({ grade: 'hot', rule: 'hot.age' });
    expect(ruleGrade(facts({ unresolvedMs: 6 * DAY_MS })).grade).toBe('general');
  });

  it('major from exactly 30 days, hot on day 29', () => {
    expect(ruleGrade(facts({ unresolvedMs: 29 * DAY_MS }))).toMatchObject({ grade: 'hot', rule: 'hot.age' });
    expect(ruleGrade(facts({ unresolvedMs: 30 * DAY_MS - 1 })).grade).toBe('hot');
    expect(ruleGrade(facts({ unresolvedMs: 30 * DAY_MS }))).toMatchObject({
      grade: 'major',
      rule: 'major.age',
    });
  });

  it('a day is 86 400 000 ms', () => {
    expect(DAY_MS).toBe(86_400_000);
  });
});

describe('flags', () => {
  it('lawsuit and media make it major', () => {
    expect(ruleGrade(facts({ flags: ['lawsuit'] }))).toMatchObject({ grade: 'major', rule: 'major.lawsuit' });
    expect(ruleGrade(facts({ flags: ['media'] }))).toMatchObject({ grade: 'major', rule: 'major.media' });
  });

  it('legal risk makes it hot', () => {
    expect(ruleGrade(facts({ flags: ['legal_risk'] }))).toMatchObject({
      grade: 'hot',
      rule: 'hot.legal_risk',
    });
  });

  it('a lawsuit outranks its risk', () => {
    const r = ruleGrade(facts({ flags: ['legal_risk', 'lawsuit'] }));
    expect(r).toMatchObject({ grade: 'major', rule: 'major.lawsuit' });
    expect(r.rules).toEqual(['major.lawsuit', 'hot.legal_risk']);
  });
});

describe('important', () => {
  it('a re-complaint is important', () => {
    expect(ruleGrade(facts({ reComplaint: true }))).toMatchObject({
      grade: 'important',
      rule: 'important.re_complaint',
    });
  });

  it('so is one that needs other departments', () => {
    expect(ruleGrade(facts({ needsOtherDepartments: true }))).toMatchObject({
      grade: 'important',
      rule: 'important.other_departments',
    });
    expect(ruleGrade(facts({ needsOtherDepartments: false })).grade).toBe('general');
  });
});

describe('the highest applicable rule wins', () => {
  it('a re-complaint 7 days old is hot by age', () => {
    const r = ruleGrade(facts({ reComplaint: true, unresolvedMs: 7 * DAY_MS }));
    expect(r).toMatchObject({ grade: 'hot', rule: 'hot.age' });
    expect(r.rules).toEqual(['hot.age', 'important.re_complaint']);
  });

  it('everything at once is major by lawsuit, listing every rule in order', () => {
    const r = ruleGrade({
      householdsInWindow: 12,
      complainantsIn30Days: 15,
      collectivePeople: 14,
      unresolvedMs: 31 * DAY_MS,
      flags: ['lawsuit', 'media', 'legal_risk'],
      reComplaint: true,
      needsOtherDepartments: true,
    });
    expect(r).toMatchObject({ grade: 'major', rule: 'major.lawsuit', collective: true });
    expect(r.rules).toEqual([...GRADE_RULES]);
  });

  it('names the hot rule by the order of GRADE_RULES (flags, collective, complainants, age)', () => {
    const r = ruleGrade(facts({ complainantsIn30Days: 4, unresolvedMs: 8 * DAY_MS, flags: ['legal_risk'] }));
    expect(r.rule).toBe('hot.legal_risk');
    expect(r.rules).toEqual(['hot.legal_risk', 'hot.complainants', 'hot.age']);
  });

  it('every rule gives the grade its name starts with', () => {
    for (const rule of GRADE_RULES) expect(rule.startsWith(`${RULE_GRADE[rule]}.`)).toBe(true);
    const ranks = GRADE_RULES.map((r) => gradeRank(RULE_GRADE[r]));
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));
  });
});

describe('configured numbers', () => {
  const strict: GradeRuleConfig = {
    ...DEFAULT_GRADE_RULES,
    collectiveHouseholds: 3,
    hotComplainants: 2,
    majorPeople: 6,
    hotAfterDays: 3,
    majorAfterDays: 14,
  };

  it('default to the spec', () => {
    expect(DEFAULT_GRADE_RULES).toEqual({
      collectiveHouseholds: 5,
      collectiveWindowHours: 48,
      sameIssueDays: 30,
      hotComplainants: 3,
      hotCollectivePeople: 3,
      majorPeople: 10,
      hotAfterDays: 7,
      majorAfterDays: 30,
    });
  });

  it('move every boundary', () => {
    expect(ruleGrade(facts({ householdsInWindow: 3 }), strict).collective).toBe(true);
    expect(ruleGrade(facts({ complainantsIn30Days: 2 }), strict).rule).toBe('hot.complainants');
    expect(ruleGrade(facts({ complainantsIn30Days: 6 }), strict).rule).toBe('major.complainants');
    expect(ruleGrade(facts({ unresolvedMs: 3 * DAY_MS }), strict).rule).toBe('hot.age');
    expect(ruleGrade(facts({ unresolvedMs: 14 * DAY_MS }), strict).rule).toBe('major.age');
  });

  it('show in the explanations', () => {
    expect(ruleLabels(strict)['hot.complainants']['zh-CN']).toBe('30 天内 2 位不同投诉人投诉同一问题');
    expect(ruleLabels(strict)['major.age']['zh-CN']).toContain('14 天');
  });
});

describe('ruleRaise', () => {
  it('raises to the rule grade, with the rule as the reason', () => {
    expect(ruleRaise('general', facts({ complainantsIn30Days: 3 }))).toEqual({
      from: 'general',
      to: 'hot',
      rule: 'hot.complainants',
      rules: ['hot.complainants'],
    });
  });

  it('never lowers, and does nothing when the grade is already as high', () => {
    expect(ruleRaise('major', facts({ complainantsIn30Days: 3 }))).toBeNull();
    expect(ruleRaise('hot', facts({ complainantsIn30Days: 3 }))).toBeNull();
    expect(ruleRaise('important', facts())).toBeNull();
  });

  it('keeps a supervisor’s lower grade until a rule that had not fired fires', () => {
    // The supervisor lowered a hot complaint (3 complainants) to general by hand.
    const firedBefore = ['hot.complainants'] as const;
    expect(ruleRaise('general', facts({ complainantsIn30Days: 4 }), { firedBefore })).toBeNull();
    // A new rule of a lower grade applies its own grade only.
    expect(
      ruleRaise('general', facts({ complainantsIn30Days: 4, reComplaint: true }), { firedBefore }),
    ).toEqual({
      from: 'general',
      to: 'important',
      rule: 'important.re_complaint',
      rules: ['important.re_complaint'],
    });
    // Seven days on, the age rule is new: hot again.
    expect(
      ruleRaise('general', facts({ complainantsIn30Days: 4, unresolvedMs: 7 * DAY_MS }), { firedBefore }),
    ).toMatchObject({ to: 'hot', rule: 'hot.age' });
  });

  it('uses the configured numbers', () => {
    const config = { ...DEFAULT_GRADE_RULES, hotComplainants: 2 };
    expect(ruleRaise('general', facts({ complainantsIn30Days: 2 }), { config })?.to).toBe('hot');
  });
});

describe('labels', () => {
  it('name the grades as seed 004 does', () => {
    expect(COMPLAINT_GRADE_LABELS.major['zh-CN']).toBe('重大投诉');
    expect(COMPLAINT_GRADE_LABELS.hot['zh-CN']).toBe('热点投诉');
    expect(COMPLAINT_GRADE_LABELS.important['zh-CN']).toBe('重要投诉');
    expect(COMPLAINT_GRADE_LABELS.general['zh-CN']).toBe('一般投诉');
    expect(Object.keys(COMPLAINT_GRADE_LABELS).sort()).toEqual([...COMPLAINT_GRADES].sort());
  });

  it('explain every rule in Chinese and English, with the default numbers', () => {
    expect(Object.keys(COMPLAINT_RULE_LABELS).sort()).toEqual([...GRADE_RULES].sort());
    for (const rule of GRADE_RULES) {
      expect(COMPLAINT_RULE_LABELS[rule]['zh-CN'], rule).toMatch(/\p{Script=Han}/u);
      expect(COMPLAINT_RULE_LABELS[rule].en, rule).not.toBe('');
    }
    expect(COMPLAINT_RULE_LABELS['hot.complainants']['zh-CN']).toBe('30 天内 3 位不同投诉人投诉同一问题');
    expect(COMPLAINT_RULE_LABELS['major.people']['zh-CN']).toBe('集体投诉达 10 人');
    expect(COMPLAINT_RULE_LABELS['hot.age']['zh-CN']).toBe('投诉 7 天仍未解决（不计等待住户的时间）');
  });
});
