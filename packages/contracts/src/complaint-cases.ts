/**
 * 案例库 (spec 02 §5, seed 004 第四十三条): a closed complaint turned into a case that every staff member
 * of the company can learn from — anonymised (no resident names, phones or ID numbers: the server
 * refuses them), tagged and searchable. One case per complaint.
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { ComplaintGrade, ComplaintValidity } from './complaints.ts';
import type { Role } from './enums.ts';

const Text = (max: number) => z.string().trim().min(1).max(max);

/** Who turns a closed complaint into a case. */
export const CASE_WRITER_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm', 'quality'];
/** Who may edit any case (the writer may always edit their own): the company's complaint centre. */
export const CASE_EDITOR_ROLES: readonly Role[] = ['hq_cs', 'gm', 'quality'];

export const CASE_TAGS_MAX = 10;
export const CaseTag = Text(20);

/** POST /api/requests/:id/complaint/case — the case as the writer edited the draft. */
export const ComplaintCaseBody = z.strictObject({
  title: Text(100),
  /** What happened and what the resident wanted. */
  summary: Text(4000),
  /** How it was handled and what the resident was told. */
  handling: Text(4000),
  /** The cause and what was changed so it does not happen again (经验教训). */
  lesson: Text(2000),
  tags: z.array(CaseTag).max(CASE_TAGS_MAX).default([]),
});
export type ComplaintCaseBody = z.infer<typeof ComplaintCaseBody>;

/** PATCH /api/complaint-cases/:id — any of the same fields. */
export const ComplaintCasePatchBody = z.strictObject({
  title: Text(100).optional(),
  summary: Text(4000).optional(),
  handling: Text(4000).optional(),
  lesson: Text(2000).optional(),
  tags: z.array(CaseTag).max(CASE_TAGS_MAX).optional(),
});
export type ComplaintCasePatchBody = z.infer<typeof ComplaintCasePatchBody>;

/**
 * GET /api/requests/:id/complaint/case-draft — the case the system proposes from the closed complaint,
 * with names, phones, ID numbers and room numbers already replaced.
 */
export const ComplaintCaseDraft = z.object({
  requestId: Id,
  number: z.string(),
  estateId: Id,
  estateName: z.string(),
  title: z.string(),
  summary: z.string(),
  handling: z.string(),
  lesson: z.string(),
  tags: z.array(z.string()),
  grade: ComplaintGrade,
  validity: ComplaintValidity.nullable(),
  /** How many places personal data was replaced in (某业主, 1**********, 3栋***). */
  replaced: z.number().int(),
  /** The complaint's case when it already has one (the draft is then only for comparison). */
  caseId: Id.nullable(),
});
export type ComplaintCaseDraft = z.infer<typeof ComplaintCaseDraft>;

export const ComplaintCase = z.object({
  id: Id,
  requestId: Id,
  /** The complaint's number (staff of its estate can open it). */
  number: z.string(),
  estateId: Id,
  estateName: z.string(),
  title: z.string(),
  summary: z.string(),
  handling: z.string(),
  lesson: z.string(),
  tags: z.array(z.string()),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  grade: ComplaintGrade,
  validity: ComplaintValidity.nullable(),
  createdById: Id,
  createdByName: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** Whether the caller may edit it (its writer, or the company's complaint centre). */
  canEdit: z.boolean(),
});
export type ComplaintCase = z.infer<typeof ComplaintCase>;

/** GET /api/complaint-cases — every case of the company, newest first. */
export const ComplaintCasesQuery = PageQuery.extend({
  /** Words (AND), matched in the title, summary, handling, lesson and tags. */
  q: z.string().trim().max(100).optional(),
  tag: CaseTag.optional(),
  grade: ComplaintGrade.optional(),
  estateId: Id.optional(),
  /** The case of one complaint (the complaint card asks whether it has one). */
  requestId: Id.optional(),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
export type ComplaintCasesQuery = z.infer<typeof ComplaintCasesQuery>;

export const CaseTagCount = z.object({ tag: z.string(), count: z.number().int() });
export type CaseTagCount = z.infer<typeof CaseTagCount>;

export const ComplaintCaseList = paged(ComplaintCase).extend({
  /** The tags of the cases matching every filter but `tag`, most used first (the tag filter's chips). */
  tags: z.array(CaseTagCount),
});
export type ComplaintCaseList = z.infer<typeof ComplaintCaseList>;
