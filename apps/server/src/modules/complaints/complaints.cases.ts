/**
 * 案例库 (spec 02 §5; seed 004 第四十三条 由人事行政部组织案例分析，形成案例库): a closed complaint becomes a
 * case — title, what happened, the handling, the lesson and tags — for every staff member of the
 * company to learn from. The draft is built from the complaint record with the people's names, phones,
 * ID numbers and room numbers replaced (complaints.anonymise.ts); saving refuses text that still holds
 * a name, phone or ID (a field error on the field, nothing written). One case per complaint.
 *
 * Writing is for the complaint's estate (its supervisor, manager) and the company roles; reading is
 * company-wide — the case is anonymised learning, not the complaint — and never another company's.
 *
 * Search: the case's text is cut into n-grams like a request's (requests.search.ts, decision 0011). The
 * document carries its estate's scope token, so a search within one estate keeps the GIN scan to that
 * estate's cases; a company-wide search asks for the words alone and filters by company.
 */
import {
  CASE_EDITOR_ROLES,
  CASE_WRITER_ROLES,
  type CaseTagCount,
  COMPLAINT_GRADE_LABELS,
  COMPLAINT_VALIDITY_LABELS,
  type ComplaintCase,
  type ComplaintCaseBody,
  type ComplaintCaseDraft,
  type ComplaintCasePatchBody,
  type ComplaintCasesQuery,
  type ComplaintGrade,
  type ComplaintValidity,
  type Locale,
  ROLE_LABELS,
  type Role,
} from '@wuye/contracts';
import { eq, type SQL, sql } from 'drizzle-orm';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import { type Db, rows, textArray } from '../../platform/db.ts';
import { AppError, forbidden, notFound } from '../../platform/errors.ts';
import type { Message } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { scopeToken, searchDocument, textQuery } from '../requests/requests.search.ts';
import { anonymise, type KnownPeople, personalDataIn } from './complaints.anonymise.ts';
import { complaintCases } from './complaints.table.ts';

export interface CaseDeps {
  db: Db;
  clock: Clock;
}

// ---- the complaint a case is made from ----------------------------------------------------------

interface SourceRow {
  id: string;
  number: string;
  company_id: string;
  estate_id: string;
  estate_name: string;
  type: string;
  state: string;
  description: string;
  category_id: string | null;
  category_name: string | null;
  building_name: string | null;
  unit_number: string | null;
  location_name: string | null;
  location_text: string | null;
  work_done: string | null;
  event_place: string | null;
  resident_wants: string | null;
  validity: string | null;
  validity_note: string | null;
  solving_party: string | null;
  grade: string | null;
  collective_event_id: string | null;
  answer_text: string | null;
  result_method: string | null;
  result_text: string | null;
  resident_opinion: string | null;
  root_cause: string | null;
  corrective_action: string | null;
  names: string[] | null;
  progress: string[] | null;
  decisions: { to_role: string; decision: string }[] | null;
  case_id: string | null;
}

/**
 * The complaint with everything a case is drafted from and checked against: the record, the memo
 * decisions, the progress notes, and the names of the people it concerns (the reporter, the request's
 * resident, the unit's residents). 404 outside the caller's company and estates.
 */
async function complaintSource(db: Db, actor: Actor, requestId: string): Promise<SourceRow> {
  const [r] = await rows<SourceRow>(
    db,
    sql`select q.id, q.number, q.company_id, q.estate_id, e.name as estate_name, q.type, q.state, q.description,
          q.category_id, cat.name as category_name, b.name as building_name, u.number as unit_number,
          l.name as location_name, q.location_text, q.completion->>'workDone' as work_done,
          c.event_place, c.resident_wants, c.validity, c.validity_note, c.solving_party, c.grade,
          c.collective_event_id, c.answer_text, c.result_method, c.result_text, c.resident_opinion,
          c.root_cause, c.corrective_action,
          array(select x.name from (
              select q.reporter_name as name
              union select r.name from residents r where r.id = q.resident_id
              union select r.name from resident_units ru join residents r on r.id = ru.resident_id
                where q.unit_id is not null and ru.unit_id = q.unit_id) x
            where x.name is not null) as names,
          array(select ev.data->>'note' from events ev
            where ev.entity_type = 'request' and ev.entity_id = q.id and ev.action = 'complaint_progress'
              and ev.data->>'note' is not null
            order by ev.at) as progress,
          (select coalesce(json_agg(json_build_object('to_role', m.to_role, 'decision', m.decision)
                    order by m.created_at, m.id), '[]')
             from complaint_memos m where m.request_id = q.id and m.decision is not null) as decisions,
          (select k.id from complaint_cases k where k.request_id = q.id) as case_id
        from requests q
        join estates e on e.id = q.estate_id
        left join complaints c on c.request_id = q.id
        left join categories cat on cat.id = q.category_id
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join locations l on l.id = q.location_id
        where q.id = ${requestId} and q.company_id = ${actor.companyId}`,
  );
  if (!r || !actor.estateIds.includes(r.estate_id)) throw notFound('notFound.request');
  if (r.type !== 'complaint') throw new AppError('RULE_VIOLATION', 'rule.notComplaint');
  return r;
}

const knownPeople = (r: Pick<SourceRow, 'names' | 'unit_number'>): KnownPeople => ({
  names: r.names ?? [],
  unitNumber: r.unit_number,
});

function requireClosed(r: SourceRow) {
  if (r.state !== 'closed') throw new AppError('RULE_VIOLATION', 'rule.caseNotClosed');
}

// ---- the draft ------------------------------------------------------------------------------------

const DRAFT_WORDS = {
  'zh-CN': {
    place: '事发地点',
    wants: '业主诉求',
    validity: '定性',
    party: '责任方',
    work: '处理',
    progress: '进展',
    decision: '{role}批示',
    answer: '答复业主',
    result: '处理结果',
    oral: '口头',
    written: '书面',
    opinion: '业主意见',
    cause: '原因分析',
    action: '整改措施',
    collective: '集体投诉',
    colon: '：',
  },
  en: {
    place: 'Place',
    wants: 'The resident wanted',
    validity: 'Class',
    party: 'Solving party',
    work: 'Work done',
    progress: 'Progress',
    decision: 'Decision of the {role}',
    answer: 'Answer to the resident',
    result: 'Result given',
    oral: 'oral',
    written: 'written',
    opinion: 'The resident’s opinion',
    cause: 'Root cause',
    action: 'Corrective action',
    collective: 'Collective complaint',
    colon: ': ',
  },
} as const;

/** GET /api/requests/:id/complaint/case-draft — the case proposed from a closed complaint, anonymised. */
export async function caseDraft(
  db: Db,
  actor: Actor,
  requestId: string,
  locale: Locale,
): Promise<ComplaintCaseDraft> {
  if (!hasAnyRole(actor, CASE_WRITER_ROLES)) throw forbidden();
  const r = await complaintSource(db, actor, requestId);
  requireClosed(r);
  const w = DRAFT_WORDS[locale];
  const known = knownPeople(r);
  let replaced = 0;
  const clean = (text: string | null | undefined) => {
    if (!text?.trim()) return null;
    const a = anonymise(text.trim(), known);
    replaced += a.replaced;
    return a.text;
  };
  const line = (label: string, text: string | null | undefined) => {
    const t = clean(text);
    return t ? `${label}${w.colon}${t}` : null;
  };
  const lines = (...list: (string | null)[]) => list.filter((x): x is string => x !== null).join('\n');

  const grade = (r.grade ?? 'general') as ComplaintGrade;
  const validity = r.validity as ComplaintValidity | null;
  const eventPlace = clean(r.event_place);
  const place = r.building_name ?? r.location_name ?? eventPlace ?? clean(r.location_text);
  const description = clean(r.description) ?? '';
  const subject = r.category_name ?? description.slice(0, 20);
  const validityText = validity
    ? [
        COMPLAINT_VALIDITY_LABELS[validity][locale],
        r.solving_party ? `${w.party}${w.colon}${clean(r.solving_party)}` : null,
        clean(r.validity_note),
      ]
        .filter(Boolean)
        .join(locale === 'en' ? '; ' : '；')
    : null;
  const resultLabel = r.result_method
    ? `${w.result}（${r.result_method === 'written' ? w.written : w.oral}）`
    : w.result;

  return {
    requestId: r.id,
    number: r.number,
    estateId: r.estate_id,
    estateName: r.estate_name,
    title: [place, subject].filter(Boolean).join(' '),
    summary: lines(
      description,
      eventPlace && eventPlace !== place ? `${w.place}${w.colon}${eventPlace}` : null,
      line(w.wants, r.resident_wants),
    ),
    handling: lines(
      validityText ? `${w.validity}${w.colon}${validityText}` : null,
      line(w.work, r.work_done),
      ...(r.progress ?? []).map((p) => line(w.progress, p)),
      ...(r.decisions ?? []).map((d) =>
        line(w.decision.replace('{role}', ROLE_LABELS[d.to_role as Role]?.[locale] ?? d.to_role), d.decision),
      ),
      line(w.answer, r.answer_text),
      line(resultLabel, r.result_text),
      line(w.opinion, r.resident_opinion),
    ),
    lesson: lines(line(w.cause, r.root_cause), line(w.action, r.corrective_action)),
    tags: normalTags([
      r.category_name,
      COMPLAINT_GRADE_LABELS[grade][locale],
      validity ? COMPLAINT_VALIDITY_LABELS[validity][locale] : null,
      r.collective_event_id ? w.collective : null,
    ]),
    grade,
    validity,
    replaced,
    caseId: r.case_id,
  };
}

// ---- writing --------------------------------------------------------------------------------------

/** Trimmed, without empties or repeats, in the order given. */
function normalTags(list: readonly (string | null | undefined)[]): string[] {
  return [...new Set(list.map((t) => t?.trim()).filter((t): t is string => !!t))];
}

type CaseText = Pick<ComplaintCaseBody, 'title' | 'summary' | 'handling' | 'lesson'> & { tags: string[] };

/**
 * Refuses a case whose text still names the complaint's people or holds a phone or ID number: one
 * field error per offending field (tags by index), so the writer sees where.
 */
function assertAnonymous(text: Partial<CaseText>, known: KnownPeople): void {
  const fields: Record<string, Message> = {};
  const check = (field: string, value: string | undefined) => {
    const found = value === undefined ? null : personalDataIn(value, known);
    if (found) fields[field] = { key: 'validation.casePersonalData', params: { found } };
  };
  for (const f of ['title', 'summary', 'handling', 'lesson'] as const) check(f, text[f]);
  for (const [i, tag] of (text.tags ?? []).entries()) check(`tags.${i}`, tag);
  if (Object.keys(fields).length) throw new AppError('VALIDATION', 'validation.failed', { fields });
}

function caseDocument(estateId: string, t: CaseText) {
  return searchDocument({
    estateId,
    description: [t.title, t.summary, t.handling, t.lesson, t.tags.join(' ')].join('\n'),
  });
}

/** POST /api/requests/:id/complaint/case — 201 the case; 409 (Location: the case) when it has one. */
export async function createCase(
  deps: CaseDeps,
  actor: Actor,
  requestId: string,
  body: ComplaintCaseBody,
): Promise<ComplaintCase> {
  if (!hasAnyRole(actor, CASE_WRITER_ROLES)) throw forbidden();
  const id = await deps.db.transaction(async (tx) => {
    const r = await complaintSource(tx, actor, requestId);
    requireClosed(r);
    if (r.case_id) throw caseExists(r.case_id);
    const text: CaseText = { ...body, tags: normalTags(body.tags) };
    assertAnonymous(text, knownPeople(r));
    const now = deps.clock.now();
    const caseId = newId(now.getTime());
    const inserted = await tx
      .insert(complaintCases)
      .values({
        id: caseId,
        companyId: r.company_id,
        estateId: r.estate_id,
        requestId: r.id,
        ...text,
        categoryId: r.category_id,
        grade: r.grade ?? 'general',
        validity: r.validity,
        createdById: actor.userId,
        createdAt: now,
        updatedAt: now,
        ...caseDocument(r.estate_id, text),
      })
      .onConflictDoNothing({ target: complaintCases.requestId })
      .returning({ id: complaintCases.id });
    if (inserted.length === 0) {
      // Someone else saved this complaint's case a moment ago.
      const [other] = await tx
        .select({ id: complaintCases.id })
        .from(complaintCases)
        .where(eq(complaintCases.requestId, r.id));
      throw caseExists(other!.id);
    }
    await recordEvents(tx, [
      {
        companyId: r.company_id,
        estateId: r.estate_id,
        entityType: 'request',
        entityId: r.id,
        action: 'complaint_case',
        actorId: actor.userId,
        at: now,
        data: { caseId, title: text.title, tags: text.tags },
      },
    ]);
    return caseId;
  });
  return getCase(deps.db, actor, id);
}

function caseExists(caseId: string) {
  return new AppError('CONFLICT', 'conflict.caseExists', {
    headers: { location: `/api/complaint-cases/${caseId}` },
  });
}

/** PATCH /api/complaint-cases/:id — its writer, or the company's complaint centre; the same checks. */
export async function updateCase(
  deps: CaseDeps,
  actor: Actor,
  caseId: string,
  body: ComplaintCasePatchBody,
): Promise<ComplaintCase> {
  await deps.db.transaction(async (tx) => {
    const [k] = await tx
      .select()
      .from(complaintCases)
      .where(sql`${complaintCases.id} = ${caseId} and ${complaintCases.companyId} = ${actor.companyId}`)
      .for('update');
    if (!k) throw notFound('notFound.case');
    if (k.createdById !== actor.userId && !hasAnyRole(actor, CASE_EDITOR_ROLES)) throw forbidden();
    const [people] = await rows<Pick<SourceRow, 'names' | 'unit_number'>>(
      tx,
      sql`select u.number as unit_number,
            array(select x.name from (
                select q.reporter_name as name
                union select r.name from residents r where r.id = q.resident_id
                union select r.name from resident_units ru join residents r on r.id = ru.resident_id
                  where q.unit_id is not null and ru.unit_id = q.unit_id) x
              where x.name is not null) as names
          from requests q left join units u on u.id = q.unit_id where q.id = ${k.requestId}`,
    );
    const change = { ...body, tags: body.tags ? normalTags(body.tags) : undefined };
    assertAnonymous(change, knownPeople(people!));
    const next: CaseText = {
      title: change.title ?? k.title,
      summary: change.summary ?? k.summary,
      handling: change.handling ?? k.handling,
      lesson: change.lesson ?? k.lesson,
      tags: change.tags ?? k.tags,
    };
    const changed = (Object.keys(next) as (keyof CaseText)[]).filter(
      (f) => JSON.stringify(next[f]) !== JSON.stringify(k[f]),
    );
    if (changed.length === 0) return;
    const now = deps.clock.now();
    await tx
      .update(complaintCases)
      .set({ ...next, updatedAt: now, ...caseDocument(k.estateId, next) })
      .where(eq(complaintCases.id, k.id));
    await recordEvents(tx, [
      {
        companyId: k.companyId,
        estateId: k.estateId,
        entityType: 'request',
        entityId: k.requestId,
        action: 'complaint_case_update',
        actorId: actor.userId,
        at: now,
        data: { caseId: k.id, fields: changed },
      },
    ]);
  });
  return getCase(deps.db, actor, caseId);
}

// ---- reading --------------------------------------------------------------------------------------

interface CaseRow {
  id: string;
  request_id: string;
  number: string;
  estate_id: string;
  estate_name: string;
  title: string;
  summary: string;
  handling: string;
  lesson: string;
  tags: string[];
  category_id: string | null;
  category_name: string | null;
  grade: string;
  validity: string | null;
  created_by_id: string;
  created_by_name: string;
  created_at: string | Date;
  updated_at: string | Date;
  total?: number;
}

const CASE_COLUMNS = sql`k.id, k.request_id, q.number, k.estate_id, e.name as estate_name, k.title, k.summary,
  k.handling, k.lesson, k.tags, k.category_id, cat.name as category_name, k.grade, k.validity,
  k.created_by_id, cu.name as created_by_name, k.created_at, k.updated_at`;
const CASE_JOINS = sql`join requests q on q.id = k.request_id
  join estates e on e.id = k.estate_id
  join users cu on cu.id = k.created_by_id
  left join categories cat on cat.id = k.category_id`;

function caseView(actor: Actor, k: CaseRow): ComplaintCase {
  return {
    id: k.id,
    requestId: k.request_id,
    number: k.number,
    estateId: k.estate_id,
    estateName: k.estate_name,
    title: k.title,
    summary: k.summary,
    handling: k.handling,
    lesson: k.lesson,
    tags: k.tags,
    categoryId: k.category_id,
    categoryName: k.category_name,
    grade: k.grade as ComplaintGrade,
    validity: k.validity as ComplaintValidity | null,
    createdById: k.created_by_id,
    createdByName: k.created_by_name,
    createdAt: new Date(k.created_at).toISOString(),
    updatedAt: new Date(k.updated_at).toISOString(),
    canEdit: k.created_by_id === actor.userId || hasAnyRole(actor, CASE_EDITOR_ROLES),
  };
}

/** GET /api/complaint-cases/:id — any case of the caller's company. */
export async function getCase(db: Db, actor: Actor, id: string): Promise<ComplaintCase> {
  const [k] = await rows<CaseRow>(
    db,
    sql`select ${CASE_COLUMNS} from complaint_cases k ${CASE_JOINS}
        where k.id = ${id} and k.company_id = ${actor.companyId}`,
  );
  if (!k) throw notFound('notFound.case');
  return caseView(actor, k);
}

/**
 * GET /api/complaint-cases — the company's cases newest first, by words, tag, grade, estate; with the
 * tags of the cases matching every filter but the tag (the chips to filter by) and their counts.
 */
export async function listCases(
  db: Db,
  actor: Actor,
  q: ComplaintCasesQuery,
): Promise<{ items: ComplaintCase[]; total: number; tags: CaseTagCount[] }> {
  const conds: SQL[] = [sql`k.company_id = ${actor.companyId}`];
  if (q.estateId) conds.push(sql`k.estate_id = ${q.estateId}`);
  if (q.grade) conds.push(sql`k.grade = ${q.grade}`);
  if (q.requestId) conds.push(sql`k.request_id = ${q.requestId}`);
  if (q.q) {
    const { terms, tokens } = textQuery(q.q);
    // Within one estate the scope token keeps the index probe to its cases (requests.search.ts).
    const wanted = q.estateId ? [...tokens, scopeToken(q.estateId)] : tokens;
    if (wanted.length) conds.push(sql`k.search_tokens @> ${textArray(wanted)}`);
    for (const term of terms) conds.push(sql`strpos(k.search_text, ${term}) > 0`);
  }
  const where = sql.join(conds, sql` and `);
  const withTag = q.tag ? sql`${where} and k.tags @> ${textArray([q.tag])}` : where;
  const [found, tags] = await Promise.all([
    rows<CaseRow>(
      db,
      sql`select ${CASE_COLUMNS}, count(*) over ()::int as total
          from complaint_cases k ${CASE_JOINS}
          where ${withTag}
          order by k.created_at desc, k.id desc
          limit ${q.pageSize} offset ${(q.page - 1) * q.pageSize}`,
    ),
    rows<{ tag: string; count: number }>(
      db,
      sql`select t.tag, count(*)::int as count
          from complaint_cases k cross join lateral unnest(k.tags) as t(tag)
          where ${where}
          group by t.tag order by count(*) desc, t.tag limit 40`,
    ),
  ]);
  return { items: found.map((k) => caseView(actor, k)), total: found[0]?.total ?? 0, tags };
}
