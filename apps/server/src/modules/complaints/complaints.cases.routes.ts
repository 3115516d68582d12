/** 案例库 (spec 02 §5): drafting and saving a closed complaint's case, editing it, and the library. */
import {
  CASE_WRITER_ROLES,
  ComplaintCase,
  ComplaintCaseBody,
  ComplaintCaseDraft,
  ComplaintCaseList,
  ComplaintCasePatchBody,
  ComplaintCasesQuery,
  Id,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { type CaseDeps, caseDraft, createCase, getCase, listCases, updateCase } from './complaints.cases.ts';

const Params = z.object({ id: Id });

export function complaintCaseRoutes(app: App, deps: CaseDeps) {
  const tags = ['complaints'];

  app.get(
    '/api/requests/:id/complaint/case-draft',
    {
      config: { access: roles(...CASE_WRITER_ROLES) },
      schema: {
        tags,
        description:
          'The case proposed from a closed complaint: title (place + category), what happened, the handling, the lesson and suggested tags, with resident names, phones, ID numbers and room numbers replaced. `caseId` when the complaint already has its case.',
        params: Params,
        response: { 200: ComplaintCaseDraft },
      },
    },
    async (req) => caseDraft(deps.db, req.actor!, req.params.id, req.locale),
  );

  app.post(
    '/api/requests/:id/complaint/case',
    {
      config: { access: roles(...CASE_WRITER_ROLES) },
      schema: {
        tags,
        description:
          'Turns a closed complaint into a case of the library (once: 409 with `Location` naming the existing case). Text still holding a resident’s name, a phone-like number or an ID number is refused with a field error on that field.',
        params: Params,
        body: ComplaintCaseBody,
        response: { 201: ComplaintCase },
      },
    },
    async (req, reply) => {
      const created = await createCase(deps, req.actor!, req.params.id, req.body);
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/api/complaint-cases',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          'The company’s case library, newest first, for every staff member (company-wide learning, never another company’s): words in `q` (all must match), `tag`, `grade`, `estateId`, `requestId`. `tags` counts the tags of the matching cases, ignoring `tag`.',
        querystring: ComplaintCasesQuery,
        response: { 200: ComplaintCaseList },
      },
    },
    async (req) => {
      const { items, total, tags } = await listCases(deps.db, req.actor!, req.query);
      return { items, total, tags, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/complaint-cases/:id',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description: 'One case of the company.',
        params: Params,
        response: { 200: ComplaintCase },
      },
    },
    async (req) => getCase(deps.db, req.actor!, req.params.id),
  );

  app.patch(
    '/api/complaint-cases/:id',
    {
      config: { access: roles(...CASE_WRITER_ROLES) },
      schema: {
        tags,
        description:
          'Edits a case (its writer, or hq_cs / gm / quality), with the same checks for names, phones and ID numbers.',
        params: Params,
        body: ComplaintCasePatchBody,
        response: { 200: ComplaintCase },
      },
    },
    async (req) => updateCase(deps, req.actor!, req.params.id, req.body),
  );
}
