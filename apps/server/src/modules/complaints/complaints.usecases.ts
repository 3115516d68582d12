/**
 * Complaints on the request model (spec 02): the record written with the intake, same-issue linking,
 * the automatic grades and collective events (applied in the transaction of the intake or change that
 * triggers them, so the next read shows them), the supervisor's classification and override, and the
 * complaint clocks by grade. The request module calls the intake/close/reopen hooks inside its own
 * transactions; PATCH /api/requests/:id/complaint and the link routes come here directly.
 */
import type {
  ComplaintFlag,
  ComplaintGrade,
  ComplaintIntake,
  ComplaintLinkBody,
  ComplaintPatchBody,
  ComplaintValidity,
  DeadlineKind,
  LiveEvent,
  RequestDetail,
  Role,
} from '@wuye/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { type EventInput, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows, textArray } from '../../platform/db.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import type { LiveBus } from '../../platform/live.ts';
import { warningAt } from '../../platform/sla-time.ts';
import { staffAtEstate } from '../auth/auth.staff.ts';
import { notify } from '../notifications/notifications.ts';
import { getRequestDetail } from '../requests/requests.detail.ts';
import { meetDeadlines } from '../requests/requests.repository.ts';
import type { EstateClockRules } from '../requests/requests.sla.ts';
import { requestDeadlines, requests } from '../requests/requests.table.ts';
import { COMPLAINT_CLOCK_KINDS, complaintClocks } from './complaints.clocks.ts';
import {
  COMPLAINT_GRADE_LABELS,
  DEFAULT_GRADE_RULES,
  type GradeRule,
  ruleGrade,
  ruleRaise,
} from './complaints.grading.ts';
import {
  bigramSet,
  classifyMatch,
  DEFAULT_SIMILARITY_THRESHOLDS,
  similarity,
} from './complaints.similarity.ts';
import { complaintEvents, complaintLinks, complaints } from './complaints.table.ts';

export interface ComplaintDeps {
  db: Db;
  clock: Clock;
  clockRulesFor(
    db: Db,
    estate: { id: string; companyId: string; timeZone: string },
  ): Promise<EstateClockRules>;
  live?: Pick<LiveBus, 'publish'>;
}

/** Who classes and grades complaints (contract: PATCH …/complaint). */
export const COMPLAINT_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm'];

/** Same issue: complaints this close in time are compared (spec 02 §2). */
const SAME_ISSUE_WINDOW_MS = DEFAULT_GRADE_RULES.sameIssueDays * 86_400_000;
/** Linked complaints of ≥5 households within this window form a collective event. */
const COLLECTIVE_WINDOW_MS = DEFAULT_GRADE_RULES.collectiveWindowHours * 3_600_000;
/** At most this many recent complaints of the estate are compared with a new one. */
const MAX_CANDIDATES = 200;

/**
 * The responsibility matrix (spec 02 §2 table): who carries out the handling and who supervises its
 * effect, by grade, as roles at the estate (company roles company-wide). The owner stays the first contact.
 */
export const RESPONSIBILITY: Record<ComplaintGrade, { responsible: Role; supervisor: Role }> = {
  major: { responsible: 'gm', supervisor: 'gm' },
  hot: { responsible: 'manager', supervisor: 'hq_cs' },
  important: { responsible: 'manager', supervisor: 'cs_supervisor' },
  general: { responsible: 'cs_supervisor', supervisor: 'dept_lead' },
};

// ---- intake ----------------------------------------------------------------------------------------

export interface NewComplaint {
  id: string;
  companyId: string;
  estateId: string;
  receivedAt: Date;
  number: string;
  /** What same-issue linking compares (known at intake, so nothing is read back). */
  description: string;
  categoryId: string | null;
  unitId: string | null;
  locationId: string | null;
}

/** The complaint row of a new complaint request, as a statement the intake writes with the request. */
export function complaintRowInsert(db: Db, c: NewComplaint, intake: ComplaintIntake | undefined) {
  return db
    .insert(complaints)
    .values({
      requestId: c.id,
      companyId: c.companyId,
      estateId: c.estateId,
      eventAt: intake?.eventAt ? new Date(intake.eventAt) : null,
      eventPlace: intake?.eventPlace ?? null,
      subjectPerson: intake?.subjectPerson ?? null,
      subjectDepartmentId: intake?.subjectDepartmentId ?? null,
      residentWants: intake?.residentWants ?? null,
      mood: intake?.mood ?? null,
      grade: 'general',
      gradeSource: 'rule',
      // The matrix's people of a general complaint, found in the same statement; a grade the rules
      // raise later sets its own.
      responsibleUserId: firstWithRole(RESPONSIBILITY.general.responsible, c.companyId, c.estateId),
      supervisorUserId: firstWithRole(RESPONSIBILITY.general.supervisor, c.companyId, c.estateId),
    })
    .getSQL();
}

/**
 * The notifications of a new (general) complaint's responsible person and supervisor, as a statement the
 * intake writes with the request (nobody of a role: no row).
 */
export function complaintIntakeNotifications(c: NewComplaint) {
  const label = COMPLAINT_GRADE_LABELS.general['zh-CN'];
  const one = (role: Role, kind: string, title: string) =>
    sql`select ${newId(c.receivedAt.getTime())}, ${c.companyId}, ${c.estateId}, u.uid, ${kind}, ${c.id}, ${title},
          ${JSON.stringify({ number: c.number, grade: 'general' })}::jsonb, ${c.receivedAt}::timestamptz
        from (select ${firstWithRole(role, c.companyId, c.estateId)} as uid) u where u.uid is not null`;
  return sql`insert into notifications (id, company_id, estate_id, user_id, kind, request_id, title, data, created_at)
    ${one(RESPONSIBILITY.general.responsible, 'complaint_responsible', `新投诉 ${c.number}（${label}），由您负责处理`)}
    union all
    ${one(RESPONSIBILITY.general.supervisor, 'complaint_supervisor', `新投诉 ${c.number}（${label}），请您监督处理效果`)}`;
}

/** The first active user (by name) holding `role` at the estate — company roles wherever they are. */
function firstWithRole(role: Role, companyId: string, estateId: string) {
  return sql`(select s.id from ${staffAtEstate(companyId, estateId)} s
      where s.active and ${role} = any(s.roles) order by s.name, s.id limit 1)`;
}

/**
 * After a complaint's row is written (same transaction): link it to the same issue's complaints, then
 * apply the grade rules to every complaint of that issue. Returns the live events to publish after commit.
 */
export async function afterComplaintIntake(
  deps: Pick<ComplaintDeps, 'clockRulesFor'>,
  tx: Db,
  actor: Actor,
  c: NewComplaint,
  now: Date,
  intake: ComplaintIntake | undefined,
): Promise<LiveEvent[]> {
  if (intake?.subjectDepartmentId) {
    const [dept] = await rows<{ id: string }>(
      tx,
      sql`select id from departments where id = ${intake.subjectDepartmentId} and estate_id = ${c.estateId}`,
    );
    if (!dept) throw fieldError('complaint.subjectDepartmentId', 'validation.department');
  }
  // A complaint linked to nothing is one household and one complainant of a fresh issue: no rule can
  // fire, so the grade rules run only when it joined an issue.
  const linked = await linkSameIssue(tx, c, now);
  return linked ? applyGradeRules(deps, tx, [c.id], now, actor.userId) : [];
}

interface Candidate {
  id: string;
  description: string;
  same_place: boolean;
  status: string | null;
}

/**
 * Same-issue detection (spec 02 §2): a complaint of the same estate and category within 30 days, at the
 * same building (or public location), whose description is similar enough is linked; a looser match (a
 * lower score, or a high one elsewhere in the estate) is proposed to the supervisor. Pairs already decided
 * (linked, proposed or dismissed) are left as they are.
 */
async function linkSameIssue(tx: Db, c: NewComplaint, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - SAME_ISSUE_WINDOW_MS);
  const building = c.unitId ? sql`(select building_id from units where id = ${c.unitId})` : sql`null::text`;
  const candidates = await rows<Candidate>(
    tx,
    sql`select q.id, q.description,
          coalesce(u.building_id = ${building}, false)
            or (${c.locationId}::text is not null and q.location_id = ${c.locationId}) as same_place,
          l.status
        from requests q
        left join units u on u.id = q.unit_id
        left join complaint_links l on l.a = least(q.id, ${c.id}) and l.b = greatest(q.id, ${c.id})
        where q.estate_id = ${c.estateId} and q.type = 'complaint' and q.id <> ${c.id}
          and ${c.categoryId ? sql`q.category_id = ${c.categoryId}` : sql`q.category_id is null`}
          and q.received_at >= ${since} and q.state <> 'cancelled'
        order by q.received_at desc
        limit ${MAX_CANDIDATES}`,
  );
  if (candidates.length === 0) return false;
  const mine = bigramSet(c.description);
  const links: (typeof complaintLinks.$inferInsert)[] = [];
  for (const other of candidates) {
    if (other.status) continue;
    const score = similarity(mine, other.description);
    const match = classifyMatch(score, DEFAULT_SIMILARITY_THRESHOLDS);
    if (match === 'none') continue;
    const status = match === 'link' && other.same_place ? 'linked' : 'proposed';
    const [a, b] = c.id < other.id ? [c.id, other.id] : [other.id, c.id];
    links.push({
      companyId: c.companyId,
      estateId: c.estateId,
      a,
      b,
      status,
      how: 'auto',
      score: Math.round(score * 1000) / 1000,
      createdById: null,
      createdAt: now,
      updatedAt: now,
    });
  }
  if (links.length) await tx.insert(complaintLinks).values(links).onConflictDoNothing();
  return links.some((l) => l.status === 'linked');
}

// ---- grade rules -----------------------------------------------------------------------------------

interface MemberRow {
  id: string;
  number: string;
  company_id: string;
  estate_id: string;
  unit_id: string | null;
  complainant: string | null;
  received_at: Date;
  state: string;
  time_zone: string;
  grade: ComplaintGrade | null;
  grade_source: string | null;
  fired_rules: GradeRule[] | null;
  flags: ComplaintFlag[] | null;
  validity: ComplaintValidity | null;
  classified_at: Date | null;
  agreed_reply_at: Date | null;
  collective_event_id: string | null;
  has_row: boolean;
  re_complaint: boolean;
  unresolved_ms: number;
}

/**
 * Applies the automatic grade rules to one issue — the group of complaints linked to the seeds (pass
 * seeds of one issue: the counts are over all of them together) — in the caller's transaction: counts
 * households and complainants, forms or grows the collective event, raises grades (rules only go up; a
 * person's grade holds until a rule fires that had not when they set it), re-computes the clocks and the responsible people, and records each change as an event.
 * The age rules (7 and 30 days unresolved, off hold) are checked here too; the complaint sweep
 * (complaints.ages.ts) calls this for complaints that have grown old without a change.
 */
export async function applyGradeRules(
  deps: Pick<ComplaintDeps, 'clockRulesFor'>,
  tx: Db,
  seedIds: string[],
  now: Date,
  actorId: string | null,
): Promise<LiveEvent[]> {
  const members = await rows<MemberRow>(
    tx,
    // The issue as it stands now: linked complaints received within the same-issue window (older ones
    // count for nothing and keep their grade), so a long-running issue does not grow every intake's work.
    sql`with recursive grp(id) as (
          select unnest(${textArray(seedIds)})
          union
          select o.id
          from grp g join complaint_links l on (l.a = g.id or l.b = g.id) and l.status = 'linked'
          join requests o on o.id = case when l.a = g.id then l.b else l.a end
            and o.received_at >= ${new Date(now.getTime() - SAME_ISSUE_WINDOW_MS)}
        )
        select q.id, q.number, q.company_id, q.estate_id, q.unit_id,
          coalesce(q.resident_id, q.reporter_phone) as complainant,
          q.received_at, q.state, e.time_zone, c.grade, c.grade_source, c.fired_rules, c.flags, c.validity, c.classified_at,
          c.agreed_reply_at, c.collective_event_id, c.request_id is not null as has_row,
          -- reopened, opened by a dissatisfied callback (a complaint's rework), or linked to a handled one
          q.rework_of is not null
          or exists (select 1 from events ev where ev.entity_type = 'request' and ev.entity_id = q.id
                  and ev.action = 'reopen')
          or exists (select 1 from complaint_links l2
                  join requests o on o.id = case when l2.a = q.id then l2.b else l2.a end
                  where (l2.a = q.id or l2.b = q.id) and l2.status = 'linked'
                    and o.state in ('done','confirmed','callback_done','closed')
                    and o.received_at < q.received_at
                    and coalesce(o.resident_id, o.reporter_phone) = coalesce(q.resident_id, q.reporter_phone)) as re_complaint,
          -- How long it has been unresolved through the company's fault: intake to completion (or now),
          -- less the time on hold waiting for the resident (spec 02 §3).
          (extract(epoch from (coalesce((q.completion->>'completedAt')::timestamptz, q.closed_at, ${now}) - q.received_at)) * 1000
           - coalesce((select sum(extract(epoch from (coalesce(
                  (select min(r.at) from events r where r.entity_type = 'request' and r.entity_id = q.id
                     and r.action = 'resume' and r.at >= h.at), ${now}) - h.at)) * 1000)
                from events h where h.entity_type = 'request' and h.entity_id = q.id and h.action = 'hold'
                  and h.data->>'reasonCode' = 'waiting_resident'), 0))::float8 as unresolved_ms
        from grp join requests q on q.id = grp.id
        join estates e on e.id = q.estate_id
        left join complaints c on c.request_id = q.id
        where q.type = 'complaint'
        order by q.received_at, q.id`,
  );
  if (members.length === 0) return [];
  // Rows of complaints taken before this module (demo history, imports) are made on first touch.
  const missing = members.filter((m) => !m.has_row);
  if (missing.length)
    await tx
      .insert(complaints)
      .values(missing.map((m) => ({ requestId: m.id, companyId: m.company_id, estateId: m.estate_id })))
      .onConflictDoNothing();

  const open = members.filter((m) => m.state !== 'cancelled');
  const windowStart = now.getTime() - COLLECTIVE_WINDOW_MS;
  const recent = open.filter((m) => new Date(m.received_at).getTime() >= windowStart);
  const households = new Set(recent.map((m) => m.unit_id).filter(Boolean));
  const monthStart = now.getTime() - SAME_ISSUE_WINDOW_MS;
  const complainants = new Set(
    open.filter((m) => new Date(m.received_at).getTime() >= monthStart).map((m) => m.complainant ?? m.id),
  );
  const seeds = new Set(seedIds);
  const who = (m: MemberRow) => m.complainant ?? m.id;

  // The collective event: formed by the complaints of ≥5 households within the window; once it exists,
  // a new complaint of the issue joins it whenever it comes.
  const live: LiveEvent[] = [];
  const timeline: EventInput[] = [];
  const existing = open.find((m) => m.collective_event_id)?.collective_event_id ?? null;
  const forming = !existing && households.size >= DEFAULT_GRADE_RULES.collectiveHouseholds;
  const eventId = existing ?? (forming ? newId(now.getTime()) : null);
  const joining = existing
    ? open.filter((m) => !m.collective_event_id && (seeds.has(m.id) || recent.includes(m)))
    : forming
      ? recent
      : [];
  const inEvent = open.filter((m) => (existing && m.collective_event_id === existing) || joining.includes(m));
  const eventHouseholds = new Set(inEvent.map((m) => m.unit_id).filter(Boolean)).size;
  const collectivePeople = new Set(inEvent.map(who)).size;
  if (eventId && joining.length) {
    const estateId = open[0]!.estate_id;
    const companyId = open[0]!.company_id;
    if (existing) {
      await tx
        .update(complaintEvents)
        .set({ households: eventHouseholds, people: collectivePeople, updatedAt: now })
        .where(eq(complaintEvents.id, existing));
    } else {
      await tx.insert(complaintEvents).values({
        id: eventId,
        companyId,
        estateId,
        createdAt: now,
        households: eventHouseholds,
        people: collectivePeople,
        updatedAt: now,
      });
    }
    await tx
      .update(complaints)
      .set({ collectiveEventId: eventId })
      .where(
        inArray(
          complaints.requestId,
          joining.map((m) => m.id),
        ),
      );
    // Seed 000: the estate manager and the company complaint centre are told at once.
    const notified = await usersWithRoles(tx, companyId, estateId, ['manager', 'hq_cs']);
    await notify(tx, {
      companyId,
      estateId,
      userIds: notified.map((u) => u.id),
      kind: 'complaint_collective',
      requestId: joining.at(-1)!.id,
      title: `集体投诉：${eventHouseholds} 户投诉同一问题（${joining.at(-1)!.number}）`,
      data: {
        eventId,
        households: eventHouseholds,
        people: collectivePeople,
        number: joining.at(-1)!.number,
      },
      at: now,
    });
    for (const m of joining)
      timeline.push({
        companyId,
        estateId,
        entityType: 'request',
        entityId: m.id,
        action: 'complaint_collective',
        actorId,
        at: now,
        data: {
          eventId,
          households: eventHouseholds,
          people: collectivePeople,
          notifiedIds: notified.map((u) => u.id),
          notifiedNames: notified.map((u) => u.name),
        },
      });
    live.push({
      type: 'complaint.collective',
      data: { eventId, estateId, households: eventHouseholds, people: collectivePeople },
    });
  }

  const regraded: string[] = [];
  // An issue is one estate's: its clock rules and the matrix's people per grade are read once for all
  // the complaints it raises, not once each.
  const rulesOnce = new Map<string, ReturnType<ComplaintDeps['clockRulesFor']>>();
  const peopleOnce = new Map<ComplaintGrade, ReturnType<typeof responsibleFor>>();
  const shared: GradeDeps = {
    clockRulesFor: (db, estate) => {
      if (!rulesOnce.has(estate.id)) rulesOnce.set(estate.id, deps.clockRulesFor(db, estate));
      return rulesOnce.get(estate.id)!;
    },
    peopleFor: (grade) => {
      if (!peopleOnce.has(grade))
        peopleOnce.set(grade, responsibleFor(tx, open[0]!.company_id, open[0]!.estate_id, grade));
      return peopleOnce.get(grade)!;
    },
  };
  for (const m of open) {
    const facts = {
      householdsInWindow: households.size,
      complainantsIn30Days: complainants.size,
      collectivePeople: inEvent.includes(m) ? collectivePeople : 0,
      // The age rules fire from the complaint sweep (complaints.ages.ts); a change counts the age too.
      unresolvedMs: m.unresolved_ms,
      flags: m.flags ?? [],
      reComplaint: m.re_complaint,
    };
    const fired = m.fired_rules ?? [];
    const current = m.grade ?? 'general';
    // A person's grade holds until a rule fires that had not when they set it.
    const raise = ruleRaise(current, facts, {
      config: DEFAULT_GRADE_RULES,
      firedBefore: m.grade_source === 'manual' ? fired : [],
    });
    const applying = ruleGrade(facts, DEFAULT_GRADE_RULES).rules;
    const firedNow = [...new Set([...fired, ...applying])];
    if (firedNow.length === fired.length && !raise) continue;
    await tx
      .update(complaints)
      .set(raise ? { firedRules: firedNow, grade: raise.to, gradeSource: 'rule' } : { firedRules: firedNow })
      .where(eq(complaints.requestId, m.id));
    if (!raise) continue;
    await onGradeChanged(shared, tx, m, raise.to, now);
    timeline.push({
      companyId: m.company_id,
      estateId: m.estate_id,
      entityType: 'request',
      entityId: m.id,
      action: 'complaint_grade',
      actorId: null,
      at: now,
      data: { from: current, to: raise.to, rule: raise.rule, reason: null },
    });
    regraded.push(m.id);
  }
  await recordEvents(tx, timeline);
  if (regraded.length) {
    // Another complaint of the issue changed under its readers: a new version, and a live update.
    const touched = await tx
      .update(requests)
      .set({ version: sql`${requests.version} + 1`, updatedAt: now })
      .where(inArray(requests.id, regraded))
      .returning({
        id: requests.id,
        estateId: requests.estateId,
        number: requests.number,
        state: requests.state,
        version: requests.version,
      });
    for (const t of touched)
      live.push({ type: 'request.changed', data: { ...t, state: t.state as RequestDetail['state'] } });
  }
  return live;
}

/** What a grade change reads: the estate's clock rules and the matrix's people of a grade. */
interface GradeDeps extends Pick<ComplaintDeps, 'clockRulesFor'> {
  peopleFor(grade: ComplaintGrade): ReturnType<typeof responsibleFor>;
}

/** A new grade: the responsible person and supervisor of the matrix, and the clocks of that grade. */
async function onGradeChanged(
  deps: GradeDeps,
  tx: Db,
  m: Pick<
    MemberRow,
    | 'id'
    | 'company_id'
    | 'estate_id'
    | 'received_at'
    | 'time_zone'
    | 'validity'
    | 'classified_at'
    | 'agreed_reply_at'
    | 'number'
  >,
  to: ComplaintGrade,
  now: Date,
): Promise<void> {
  await assignResponsible(
    tx,
    { id: m.id, companyId: m.company_id, estateId: m.estate_id, number: m.number },
    to,
    now,
    await deps.peopleFor(to),
  );
  await syncComplaintClocks(deps, tx, {
    id: m.id,
    companyId: m.company_id,
    estateId: m.estate_id,
    timeZone: m.time_zone,
    grade: to,
    validity: m.validity,
    receivedAt: new Date(m.received_at),
    classifiedAt: m.classified_at ? new Date(m.classified_at) : null,
    agreedReplyAt: m.agreed_reply_at ? new Date(m.agreed_reply_at) : null,
  });
}

interface StaffRow {
  id: string;
  name: string;
  roles: Role[];
}

/**
 * The matrix's people for a new grade (spec 02 §2): set on the complaint, and both told — the
 * responsible person that they carry it out, the supervisor that they watch its effect.
 */
async function assignResponsible(
  tx: Db,
  c: { id: string; companyId: string; estateId: string; number: string },
  grade: ComplaintGrade,
  now: Date,
  people: Awaited<ReturnType<typeof responsibleFor>>,
): Promise<void> {
  await tx
    .update(complaints)
    .set({
      responsibleUserId: people.responsible?.id ?? null,
      supervisorUserId: people.supervisor?.id ?? null,
    })
    .where(eq(complaints.requestId, c.id));
  const label = COMPLAINT_GRADE_LABELS[grade]['zh-CN'];
  for (const [who, kind, title] of [
    [people.responsible, 'complaint_responsible', `${c.number} 定为${label}，由您负责处理`],
    [people.supervisor, 'complaint_supervisor', `${c.number} 定为${label}，请您监督处理效果`],
  ] as const)
    if (who)
      await notify(tx, {
        companyId: c.companyId,
        estateId: c.estateId,
        userIds: [who.id],
        kind,
        requestId: c.id,
        title,
        data: { number: c.number, grade },
        at: now,
      });
}

/** Active staff with any of these roles at the estate (company-wide roles wherever they are). */
export async function usersWithRoles(
  tx: Db,
  companyId: string,
  estateId: string,
  wanted: Role[],
): Promise<StaffRow[]> {
  return rows<StaffRow>(
    tx,
    sql`select s.id, s.name, s.roles from ${staffAtEstate(companyId, estateId)} s
        where s.active and s.roles && ${textArray(wanted)}
        order by s.name, s.id`,
  );
}

/** The matrix's people for a grade at an estate: the first active user of each role. */
export async function responsibleFor(
  tx: Db,
  companyId: string,
  estateId: string,
  grade: ComplaintGrade,
): Promise<{ responsible: StaffRow | null; supervisor: StaffRow | null }> {
  const { responsible, supervisor } = RESPONSIBILITY[grade];
  const staff = await usersWithRoles(tx, companyId, estateId, [responsible, supervisor]);
  return {
    responsible: staff.find((u) => u.roles.includes(responsible)) ?? null,
    supervisor: staff.find((u) => u.roles.includes(supervisor)) ?? null,
  };
}

// ---- clocks ----------------------------------------------------------------------------------------

interface ClockSubject {
  id: string;
  companyId: string;
  estateId: string;
  timeZone: string;
  grade: ComplaintGrade;
  validity: ComplaintValidity | null;
  receivedAt: Date;
  classifiedAt: Date | null;
  agreedReplyAt: Date | null;
}

/**
 * Makes the stored complaint clocks what the grade and class say: a missing one is started, a pending
 * one whose due time changed is moved (from its original start), one no longer wanted is cancelled.
 * Met and missed ones stay as they are.
 */
export async function syncComplaintClocks(
  deps: Pick<ComplaintDeps, 'clockRulesFor'>,
  tx: Db,
  c: ClockSubject,
): Promise<void> {
  const { rules, maths } = await deps.clockRulesFor(tx, {
    id: c.estateId,
    companyId: c.companyId,
    timeZone: c.timeZone,
  });
  const wanted = complaintClocks(c, rules, maths);
  const stored = await tx
    .select()
    .from(requestDeadlines)
    .where(
      and(eq(requestDeadlines.requestId, c.id), inArray(requestDeadlines.kind, [...COMPLAINT_CLOCK_KINDS])),
    );
  for (const w of wanted) {
    const same = stored.filter((d) => d.kind === w.kind);
    if (same.some((d) => d.status === 'met' || d.status === 'missed')) continue;
    const live = same.find((d) => d.status === 'pending' || d.status === 'paused');
    if (!live) {
      await tx.insert(requestDeadlines).values({
        id: newId(w.startedAt.getTime()),
        companyId: c.companyId,
        estateId: c.estateId,
        requestId: c.id,
        kind: w.kind,
        startedAt: w.startedAt,
        dueAt: w.dueAt,
        warnAt: warningAt(w.startedAt, w.dueAt, rules.warningFraction),
        status: 'pending',
      });
    } else if (live.dueAt.getTime() !== w.dueAt.getTime()) {
      await tx
        .update(requestDeadlines)
        .set({
          dueAt: w.dueAt,
          warnAt: warningAt(live.startedAt, w.dueAt, rules.warningFraction),
          warnedAt: null,
        })
        .where(eq(requestDeadlines.id, live.id));
    }
  }
  const unwanted = stored.filter(
    (d) => (d.status === 'pending' || d.status === 'paused') && !wanted.some((w) => w.kind === d.kind),
  );
  if (unwanted.length)
    await tx
      .update(requestDeadlines)
      .set({ status: 'cancelled' })
      .where(
        inArray(
          requestDeadlines.id,
          unwanted.map((d) => d.id),
        ),
      );
}

/** Meets complaint clocks (running or paused; late ones keep their miss and stop escalating). */
export function meetClocks(tx: Db, requestId: string, kinds: DeadlineKind[], now: Date): Promise<void> {
  return meetDeadlines(tx, requestId, kinds, now, ['pending', 'paused']);
}

// ---- the supervisor's changes ----------------------------------------------------------------------

export async function lockComplaint(tx: Db, actor: Actor, id: string) {
  const [r] = await tx
    .select()
    .from(requests)
    .where(and(eq(requests.id, id), eq(requests.companyId, actor.companyId)))
    .for('update');
  if (!r || !actor.estateIds.includes(r.estateId)) throw notFound('notFound.request');
  if (r.type !== 'complaint') throw new AppError('RULE_VIOLATION', 'rule.notComplaint');
  await tx
    .insert(complaints)
    .values({ requestId: r.id, companyId: r.companyId, estateId: r.estateId })
    .onConflictDoNothing();
  const [c] = await tx.select().from(complaints).where(eq(complaints.requestId, r.id));
  const [estate] = await rows<{ time_zone: string }>(
    tx,
    sql`select time_zone from estates where id = ${r.estateId}`,
  );
  return { r, c: c!, timeZone: estate!.time_zone };
}

/**
 * PATCH /api/requests/:id/complaint: the supervisor classes (有效/协助/无效), grades or flags the
 * complaint, completes its record, records the contact and agreed reply time or the answer. One
 * transaction at the request's version; each change is an event; the clocks follow.
 */
export async function patchComplaint(
  deps: ComplaintDeps,
  actor: Actor,
  id: string,
  body: ComplaintPatchBody,
): Promise<RequestDetail> {
  if (!hasAnyRole(actor, COMPLAINT_ROLES)) throw forbidden();
  const { detail, live } = await deps.db.transaction(async (tx) => {
    const { r, c, timeZone } = await lockComplaint(tx, actor, id);
    if (r.version !== body.version) throw new AppError('CONFLICT', 'conflict.stale');
    if (r.state === 'closed' || r.state === 'cancelled')
      throw new AppError('RULE_VIOLATION', 'rule.complaintClosed');
    const now = deps.clock.now();
    const update: Partial<typeof complaints.$inferInsert> = {};
    const changed: Record<string, unknown> = {};
    const events: EventInput[] = [];
    const event = (action: string, data: Record<string, unknown>) =>
      events.push({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: r.id,
        action,
        actorId: actor.userId,
        at: now,
        data,
      });

    // The record's own fields.
    const record = {
      eventAt: body.eventAt ? new Date(body.eventAt) : undefined,
      eventPlace: body.eventPlace,
      subjectPerson: body.subjectPerson,
      subjectDepartmentId: body.subjectDepartmentId,
      residentWants: body.residentWants,
      mood: body.mood,
    };
    if (body.subjectDepartmentId) {
      const [dept] = await rows<{ id: string }>(
        tx,
        sql`select id from departments where id = ${body.subjectDepartmentId} and estate_id = ${r.estateId}`,
      );
      if (!dept) throw fieldError('subjectDepartmentId', 'validation.department');
    }
    for (const [k, v] of Object.entries(record))
      if (v !== undefined) {
        (update as Record<string, unknown>)[k] = v;
        changed[k] = v instanceof Date ? v.toISOString() : v;
      }

    // The class and what each class needs.
    const validity = body.validity ?? (c.validity as ComplaintValidity | null);
    if (body.validity && body.validity !== c.validity) {
      if (body.validity === 'invalid' && !body.validityNote && !c.validityNote)
        throw fieldError('validityNote', 'validation.invalidNeedsExplanation');
      if (body.validity === 'assisted' && !body.solvingParty && !c.solvingParty)
        throw fieldError('solvingParty', 'validation.solvingPartyRequired');
      Object.assign(update, { validity: body.validity, classifiedAt: now, classifiedById: actor.userId });
      event('complaint_classify', {
        from: c.validity,
        to: body.validity,
        note: body.validityNote ?? null,
        solvingParty: body.solvingParty ?? null,
      });
    }
    if (body.validityNote !== undefined) update.validityNote = body.validityNote;
    if (body.solvingParty !== undefined) update.solvingParty = body.solvingParty;
    if (body.progressNote)
      event('complaint_progress', {
        note: body.progressNote,
        solvingParty: body.solvingParty ?? c.solvingParty,
      });

    if (body.agreedReplyAt) {
      if (validity !== 'effective') throw fieldError('agreedReplyAt', 'validation.agreedReplyEffectiveOnly');
      const at = new Date(body.agreedReplyAt);
      if (at < now) throw fieldError('agreedReplyAt', 'validation.agreedReplyPast');
      update.agreedReplyAt = at;
      event('complaint_contact', { agreedReplyAt: at.toISOString() });
    }
    if (body.answer) {
      Object.assign(update, {
        answerMethod: body.answer.method,
        answerText: body.answer.text,
        answeredAt: now,
      });
      event('complaint_answer', { method: body.answer.method, text: body.answer.text });
    }

    // Flags and a person's grade.
    const flags = body.flags ? [...new Set(body.flags)] : ((c.flags ?? []) as ComplaintFlag[]);
    if (body.flags) {
      update.flags = flags;
      changed.flags = flags;
    }
    let grade = c.grade as ComplaintGrade;
    if (body.grade && body.grade !== c.grade) {
      if (!body.gradeReason) throw fieldError('gradeReason', 'validation.gradeReasonRequired');
      update.grade = body.grade;
      update.gradeSource = 'manual';
      event('complaint_grade', { from: c.grade, to: body.grade, rule: null, reason: body.gradeReason });
      grade = body.grade;
    }
    if (Object.keys(changed).length) event('complaint_update', changed);
    if (events.length === 0) throw fieldError('version', 'validation.nothingToChange');

    if (Object.keys(update).length)
      await tx.update(complaints).set(update).where(eq(complaints.requestId, r.id));
    await tx
      .update(requests)
      .set({ version: r.version + 1, updatedAt: now })
      .where(and(eq(requests.id, r.id), eq(requests.version, r.version)));
    await recordEvents(tx, events);

    const subject = {
      id: r.id,
      companyId: r.companyId,
      estateId: r.estateId,
      timeZone,
      grade,
      validity,
      receivedAt: r.receivedAt,
      classifiedAt: update.classifiedAt ?? c.classifiedAt,
      agreedReplyAt: update.agreedReplyAt ?? c.agreedReplyAt,
    };
    if (update.grade)
      await assignResponsible(
        tx,
        { id: r.id, companyId: r.companyId, estateId: r.estateId, number: r.number },
        grade,
        now,
        await responsibleFor(tx, r.companyId, r.estateId, grade),
      );
    await syncComplaintClocks(deps, tx, subject);
    // What the supervisor recorded meets its clocks: classing meets the report, the agreed reply time
    // the contact, the answer the reply.
    const met: DeadlineKind[] = [];
    if (update.classifiedAt) met.push('complaint_report');
    if (update.agreedReplyAt) met.push('complaint_contact');
    if (update.answeredAt) met.push('complaint_reply');
    if (met.length) await meetClocks(tx, r.id, met, now);
    // Flags can fire a rule (lawsuit, media → major; legal risk → hot).
    const live = body.flags ? await applyGradeRules(deps, tx, [r.id], now, actor.userId) : [];
    return { detail: await getRequestDetail(tx, actor, r.id), live };
  });
  publish(deps, detail, live);
  return detail;
}

function publish(deps: Pick<ComplaintDeps, 'live'>, detail: RequestDetail, more: LiveEvent[]) {
  deps.live?.publish({
    type: 'request.changed',
    data: {
      id: detail.id,
      estateId: detail.estateId,
      number: detail.number,
      state: detail.state,
      version: detail.version,
    },
  });
  for (const e of more) deps.live?.publish(e);
}

// ---- links by hand ---------------------------------------------------------------------------------

/** Links two complaints of one estate as the same issue (or confirms a proposal), then re-grades. */
export async function linkComplaints(
  deps: ComplaintDeps,
  actor: Actor,
  id: string,
  body: ComplaintLinkBody,
): Promise<RequestDetail> {
  if (!hasAnyRole(actor, COMPLAINT_ROLES)) throw forbidden();
  if (body.otherId === id) throw fieldError('otherId', 'validation.linkSelf');
  const { detail, live } = await deps.db.transaction(async (tx) => {
    const { r } = await lockComplaint(tx, actor, id);
    const [other] = await tx
      .select({ id: requests.id, estateId: requests.estateId, type: requests.type, number: requests.number })
      .from(requests)
      .where(and(eq(requests.id, body.otherId), eq(requests.companyId, actor.companyId)));
    if (other?.type !== 'complaint') throw fieldError('otherId', 'validation.linkUnknown');
    if (other.estateId !== r.estateId) throw fieldError('otherId', 'validation.linkOtherEstate');
    const now = deps.clock.now();
    const [a, b] = r.id < other.id ? [r.id, other.id] : [other.id, r.id];
    await tx
      .insert(complaintLinks)
      .values({
        companyId: r.companyId,
        estateId: r.estateId,
        a,
        b,
        status: 'linked',
        how: 'manual',
        score: null,
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: [complaintLinks.a, complaintLinks.b],
        set: { status: 'linked', createdById: actor.userId, updatedAt: now },
      });
    await touch(tx, r, now);
    await recordEvents(
      tx,
      [r.id, other.id].map((entityId) => ({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId,
        action: 'complaint_link',
        actorId: actor.userId,
        at: now,
        data: { otherId: entityId === r.id ? other.id : r.id, reason: body.reason ?? null },
      })),
    );
    const live = await applyGradeRules(deps, tx, [r.id], now, actor.userId);
    return { detail: await getRequestDetail(tx, actor, r.id), live };
  });
  publish(deps, detail, live);
  return detail;
}

/** Unlinks two complaints (or dismisses a proposal); the pair is remembered so it is not proposed again. */
export async function unlinkComplaints(
  deps: ComplaintDeps,
  actor: Actor,
  id: string,
  otherId: string,
): Promise<RequestDetail> {
  if (!hasAnyRole(actor, COMPLAINT_ROLES)) throw forbidden();
  const detail = await deps.db.transaction(async (tx) => {
    const { r } = await lockComplaint(tx, actor, id);
    const now = deps.clock.now();
    const [a, b] = r.id < otherId ? [r.id, otherId] : [otherId, r.id];
    const changed = await tx
      .update(complaintLinks)
      .set({ status: 'rejected', createdById: actor.userId, updatedAt: now })
      .where(and(eq(complaintLinks.a, a), eq(complaintLinks.b, b), eq(complaintLinks.estateId, r.estateId)))
      .returning({ status: complaintLinks.status });
    if (changed.length === 0) throw notFound('notFound.link');
    await touch(tx, r, now);
    await recordEvents(tx, [
      {
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: r.id,
        action: 'complaint_unlink',
        actorId: actor.userId,
        at: now,
        data: { otherId },
      },
    ]);
    return getRequestDetail(tx, actor, r.id);
  });
  publish(deps, detail, []);
  return detail;
}

async function touch(tx: Db, r: { id: string; version: number }, now: Date) {
  await tx
    .update(requests)
    .set({ version: r.version + 1, updatedAt: now })
    .where(eq(requests.id, r.id));
}

// ---- hooks of the request lifecycle ---------------------------------------------------------------

/**
 * close of a complaint (spec 02 §5): the result given is required; for an effective complaint also the
 * root cause and the corrective action. Stored on the complaint record.
 */
export async function onComplaintClose(
  tx: Db,
  requestId: string,
  body: {
    resultGiven?: { method: 'oral' | 'written'; text: string };
    residentOpinion?: string;
    rootCause?: string;
    correctiveAction?: string;
  },
): Promise<void> {
  if (!body.resultGiven) throw fieldError('resultGiven', 'validation.resultGiven');
  const [c] = await tx
    .select({ validity: complaints.validity })
    .from(complaints)
    .where(eq(complaints.requestId, requestId));
  if (c?.validity === 'effective') {
    if (!body.rootCause) throw fieldError('rootCause', 'validation.rootCauseRequired');
    if (!body.correctiveAction) throw fieldError('correctiveAction', 'validation.correctiveActionRequired');
  }
  await tx
    .update(complaints)
    .set({
      resultMethod: body.resultGiven.method,
      resultText: body.resultGiven.text,
      residentOpinion: body.residentOpinion ?? null,
      rootCause: body.rootCause ?? null,
      correctiveAction: body.correctiveAction ?? null,
    })
    .where(eq(complaints.requestId, requestId));
}

/** 二次投诉: a reopened complaint is at least important (spec 02 §2). */
export async function onComplaintReopen(
  deps: Pick<ComplaintDeps, 'clockRulesFor'>,
  tx: Db,
  requestId: string,
  now: Date,
): Promise<LiveEvent[]> {
  return applyGradeRules(deps, tx, [requestId], now, null);
}
