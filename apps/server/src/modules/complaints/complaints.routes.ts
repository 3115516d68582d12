/** Complaints (contract 09 "Complaints"): class, grade and record; same-issue links; collective events. */
import {
  CompanyCallbackList,
  CompanyCallbackQuery,
  ComplaintEventList,
  ComplaintEventsQuery,
  ComplaintLinkBody,
  ComplaintPatchBody,
  ComplaintRegister,
  ComplaintRegisterQuery,
  Id,
  MEMO_LEVELS,
  MemoBody,
  MemoDecisionBody,
  MemoEscalateBody,
  RequestDetail,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, estateScope, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { EXPORT_ROLES, INTAKE_ROLES } from '../requests/requests.usecases.ts';
import { COMPANY_CALLBACK_ROLES, listCompanyCallbacks } from './complaints.callbacks.ts';
import { decideMemo, escalateMemo, sendMemo } from './complaints.escalation.ts';
import { exportComplaintRegister, listComplaintRegister } from './complaints.register.ts';
import { listComplaintEvents } from './complaints.repository.ts';
import {
  COMPLAINT_ROLES,
  type ComplaintDeps,
  linkComplaints,
  patchComplaint,
  unlinkComplaints,
} from './complaints.usecases.ts';

const Params = z.object({ id: Id });

export function complaintRoutes(app: App, deps: ComplaintDeps) {
  const tags = ['complaints'];

  app.get(
    '/api/complaints',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          'The complaint register (投诉记录表) of the caller’s estates, or of `estateId`: open ones by their nearest complaint clock (missed first), then the newest. Phones masked.',
        querystring: ComplaintRegisterQuery,
        response: { 200: ComplaintRegister },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const { items, total } = await listComplaintRegister(
        deps.db,
        { companyId: actor.companyId, estateIds: estateScope(actor, req.query.estateId) },
        req.query,
        deps.clock.now(),
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/complaints/export',
    {
      config: { access: roles(...EXPORT_ROLES) },
      schema: {
        tags,
        description: exportDescription('The complaint register (GET /api/complaints)'),
        querystring: ComplaintRegisterQuery.omit({ page: true, pageSize: true }),
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const file = await exportComplaintRegister(
        deps,
        actor,
        estateScope(actor, req.query.estateId),
        req.query,
        req.locale,
      );
      return sendListExport(reply, file);
    },
  );

  app.get(
    '/api/complaints/company-callbacks',
    {
      config: { access: roles(...COMPANY_CALLBACK_ROLES) },
      schema: {
        tags,
        description:
          'The company-level callback (公司回访, seed 004 第四十二条): handled complaints (done, confirmed, called back or closed) of the caller’s estates, or of `estateId`, that the company complaint centre still owes a callback (`status=due`, oldest handled first), or has made (`status=done`, newest first). The callback itself is `POST /api/requests/:id/callbacks` by hq_cs or gm, allowed on a closed complaint too.',
        querystring: CompanyCallbackQuery,
        response: { 200: CompanyCallbackList },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const { items, total, counts } = await listCompanyCallbacks(
        deps.db,
        { companyId: actor.companyId, estateIds: estateScope(actor, req.query.estateId) },
        req.query,
      );
      return { items, total, counts, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.patch(
    '/api/requests/:id/complaint',
    {
      config: { access: roles(...COMPLAINT_ROLES) },
      schema: {
        tags,
        description:
          'The supervisor classes (有效/协助/无效), grades or flags a complaint, completes its record (投诉记录表), records the contact with the agreed reply time, or the answer given. `version` is the request’s.',
        params: Params,
        body: ComplaintPatchBody,
        response: { 200: RequestDetail },
      },
    },
    async (req) => patchComplaint(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/requests/:id/complaint/links',
    {
      config: { access: roles(...COMPLAINT_ROLES) },
      schema: {
        tags,
        description: 'Link two complaints of one estate as the same issue, or confirm a proposed link.',
        params: Params,
        body: ComplaintLinkBody,
        response: { 200: RequestDetail },
      },
    },
    async (req) => linkComplaints(deps, req.actor!, req.params.id, req.body),
  );

  app.delete(
    '/api/requests/:id/complaint/links/:otherId',
    {
      config: { access: roles(...COMPLAINT_ROLES) },
      schema: {
        tags,
        description: 'Unlink two complaints, or dismiss a proposed link (it is not proposed again).',
        params: z.object({ id: Id, otherId: Id }),
        response: { 200: RequestDetail },
      },
    },
    async (req) => unlinkComplaints(deps, req.actor!, req.params.id, req.params.otherId),
  );

  app.post(
    '/api/requests/:id/complaint/memos',
    {
      config: { access: roles(...INTAKE_ROLES) },
      schema: {
        tags,
        description:
          'Send the complaint up as a 工作传签单 (to the customer-service supervisor): the question and the remedies proposed with their costs. The owner or the desk; one open memo at a time.',
        params: Params,
        body: MemoBody,
        response: { 201: RequestDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await sendMemo(deps, req.actor!, req.params.id, req.body)),
  );

  app.post(
    '/api/complaint-memos/:id/decision',
    {
      config: { access: roles(...MEMO_LEVELS) },
      schema: {
        tags,
        description:
          'The level the memo was sent to records its decision, optionally with the final answer to the resident (meets the reply clock).',
        params: Params,
        body: MemoDecisionBody,
        response: { 200: RequestDetail },
      },
    },
    async (req) => decideMemo(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/complaint-memos/:id/escalate',
    {
      config: { access: roles(...MEMO_LEVELS) },
      schema: {
        tags,
        description:
          'This level cannot decide: the memo goes one level up (the general manager is the last).',
        params: Params,
        body: MemoEscalateBody,
        response: { 200: RequestDetail },
      },
    },
    async (req) => escalateMemo(deps, req.actor!, req.params.id, req.body),
  );

  app.get(
    '/api/complaint-events',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description: 'Collective complaint events (集体投诉事件) of the caller’s estates, or of `estateId`.',
        querystring: ComplaintEventsQuery,
        response: { 200: ComplaintEventList },
      },
    },
    async (req) => {
      const actor = req.actor!;
      return {
        items: await listComplaintEvents(deps.db, {
          companyId: actor.companyId,
          estateIds: estateScope(actor, req.query.estateId),
        }),
      };
    },
  );
}
