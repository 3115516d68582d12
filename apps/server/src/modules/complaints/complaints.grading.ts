/**
 * The automatic grade of a complaint (spec 02 §2, seeds 000/002/004) as a pure function over facts
 * already counted: the use case counts households and complainants among the complaint's same-issue
 * links, its age off hold and its flags, in the transaction of the intake or change that may trigger a
 * rule, and asks here which grade the rules give and why. Pure so that every boundary (4 vs 5
 * households, 2 vs 3 complainants, 9 vs 10 people, the last millisecond of day 7) is tested without a
 * database.
 *
 * Grades only go up the list general < important < hot < major ({@link raiseOnly}); a supervisor's manual
 * grade holds until a rule that had not fired before fires ({@link ruleRaise} with `firedBefore`).
 *
 * | grade     | rule                          | when (defaults)                                            |
 * |-----------|-------------------------------|------------------------------------------------------------|
 * | major     | `major.lawsuit`               | flag `lawsuit` (已引起诉讼)                                 |
 * | major     | `major.media`                 | flag `media` (媒体曝光)                                     |
 * | major     | `major.people`                | a collective complaint of ≥ 10 people                      |
 * | major     | `major.complainants`          | ≥ 10 distinct complainants of the same issue in 30 days    |
 * | major     | `major.age`                   | unresolved 30 days off hold                                |
 * | hot       | `hot.legal_risk`              | flag `legal_risk` (可能诉讼/曝光)                           |
 * | hot       | `hot.collective`              | a collective complaint of ≥ 3 people                       |
 * | hot       | `hot.complainants`            | ≥ 3 distinct complainants of the same issue in 30 days     |
 * | hot       | `hot.age`                     | unresolved 7 days off hold                                 |
 * | important | `important.re_complaint`      | reopened, a dissatisfied callback's rework, or linked to a handled one |
 * | important | `important.other_departments` | needs other specialised departments                        |
 *
 * Reading of "≥ 10 people" (seed 004: a collective complaint of ≥ 10 people; spec §2: "≥ 3 distinct
 * complainants in 30 days raise the grade to hot; ≥ 10 people raise it to major", a person being a
 * complainant): both are taken, as two rules. Ten different people complaining about one issue within a
 * month is a major complaint whether or not five of their households did so within 48 hours.
 */
import {
  COMPLAINT_GRADE_LABELS,
  COMPLAINT_GRADES,
  COMPLAINT_RULE_LABELS,
  type ComplaintFlag,
  type ComplaintGrade,
  DEFAULT_GRADE_RULES,
  GRADE_RULES,
  type GradeRule,
  type GradeRuleConfig,
  ruleLabels,
} from '@wuye/contracts';

export type { GradeRule, GradeRuleConfig };
// The rule names, numbers and labels live in the contracts (the web shows them in the grade history).
export { COMPLAINT_GRADE_LABELS, COMPLAINT_RULE_LABELS, DEFAULT_GRADE_RULES, GRADE_RULES, ruleLabels };

export const DAY_MS = 86_400_000;

/** The facts the rules look at, counted by the caller over the complaint's confirmed same-issue links. */
export interface GradeFacts {
  /**
   * Distinct households (units) among the complaint and its same-issue links received within the
   * collective window (48 h by default) — what forms a collective complaint event.
   */
  householdsInWindow: number;
  /**
   * Distinct complainants (a known resident, or a phone number when the caller is not one) among the
   * complaint and its same-issue links within the same-issue window (30 days by default).
   */
  complainantsIn30Days: number;
  /**
   * The people of the collective event the complaint belongs to (its distinct complainants), 0 when it
   * belongs to none. When this very change forms the event, the people it is formed with.
   */
  collectivePeople: number;
  /**
   * How long the complaint has been unresolved through the company's fault: from intake to resolution (or
   * now), without the time on hold with reason `waiting_resident`.
   */
  unresolvedMs: number;
  /** The flags the supervisor set (stored as they are on the complaint). */
  flags: readonly ComplaintFlag[];
  /** Reopened after close, or linked to a closed complaint of the same resident (二次投诉). */
  reComplaint: boolean;
  /** Needs other specialised departments (set by the supervisor). */
  needsOtherDepartments?: boolean;
}

/** The grade each rule gives (its name's prefix). */
export const RULE_GRADE: Readonly<Record<GradeRule, ComplaintGrade>> = Object.freeze(
  Object.fromEntries(GRADE_RULES.map((r) => [r, r.slice(0, r.indexOf('.')) as ComplaintGrade])) as Record<
    GradeRule,
    ComplaintGrade
  >,
);

/** 0 for general … 3 for major. */
export function gradeRank(grade: ComplaintGrade): number {
  return COMPLAINT_GRADES.indexOf(grade);
}

/** The higher of the two: rule grades only ever go up. */
export function raiseOnly(current: ComplaintGrade, suggested: ComplaintGrade): ComplaintGrade {
  return gradeRank(suggested) > gradeRank(current) ? suggested : current;
}

export interface RuleGrade {
  /** The highest grade a rule gives, `general` when none applies. */
  grade: ComplaintGrade;
  /** The rule that gives it (the first of {@link GRADE_RULES} among those of that grade), null for general. */
  rule: GradeRule | null;
  /** Every rule that applies, in {@link GRADE_RULES} order. */
  rules: GradeRule[];
  /**
   * The complaint is part of a collective complaint event: the households in the window form one, or it
   * already belongs to one. The caller creates or joins the event and reports it (seed 000).
   */
  collective: boolean;
}

/** Which rules apply to these facts, and the grade they give. */
export function ruleGrade(facts: GradeFacts, config: GradeRuleConfig = DEFAULT_GRADE_RULES): RuleGrade {
  const collective = facts.householdsInWindow >= config.collectiveHouseholds || facts.collectivePeople > 0;
  const eventPeople = collective ? facts.collectivePeople : 0;
  const has = (flag: ComplaintFlag) => facts.flags.includes(flag);
  const applies: Record<GradeRule, boolean> = {
    'major.lawsuit': has('lawsuit'),
    'major.media': has('media'),
    'major.people': eventPeople >= config.majorPeople,
    'major.complainants': facts.complainantsIn30Days >= config.majorPeople,
    'major.age': facts.unresolvedMs >= config.majorAfterDays * DAY_MS,
    'hot.legal_risk': has('legal_risk'),
    'hot.collective': eventPeople >= config.hotCollectivePeople,
    'hot.complainants': facts.complainantsIn30Days >= config.hotComplainants,
    'hot.age': facts.unresolvedMs >= config.hotAfterDays * DAY_MS,
    'important.re_complaint': facts.reComplaint,
    'important.other_departments': facts.needsOtherDepartments === true,
  };
  const rules = GRADE_RULES.filter((r) => applies[r]);
  const rule = rules[0] ?? null;
  return { grade: rule ? RULE_GRADE[rule] : 'general', rule, rules, collective };
}

export interface GradeRaise {
  from: ComplaintGrade;
  to: ComplaintGrade;
  /** The reason recorded on the grade-change event. */
  rule: GradeRule;
  /** The rules that newly apply (not in `firedBefore`), highest first. */
  rules: GradeRule[];
}

/**
 * The grade change the rules make now, or null. Only up; and for a grade a supervisor set by hand, only
 * for a rule that had not fired when they set it (`firedBefore`: spec 02 §2, "a supervisor's manual
 * change holds until a new rule fires"). Without `firedBefore` every applying rule counts.
 */
export function ruleRaise(
  current: ComplaintGrade,
  facts: GradeFacts,
  options: { config?: GradeRuleConfig; firedBefore?: Iterable<GradeRule> } = {},
): GradeRaise | null {
  const before = new Set(options.firedBefore ?? []);
  const fresh = ruleGrade(facts, options.config).rules.filter((r) => !before.has(r));
  const top = fresh[0];
  if (!top || gradeRank(RULE_GRADE[top]) <= gradeRank(current)) return null;
  return { from: current, to: RULE_GRADE[top], rule: top, rules: fresh };
}
