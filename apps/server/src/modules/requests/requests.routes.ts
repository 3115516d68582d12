/** /api/requests: intake, the list, one request with its timeline, transitions and callbacks. */

import {
  CallbackBody,
  CreateRequestBody,
  Id,
  RequestDetail,
  RequestList,
  RequestsExportQuery,
  RequestsQuery,
  TransitionBody,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, estateScope, roles } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { getRequestDetail } from './requests.detail.ts';
import { exportRequests } from './requests.export.ts';
import { listRequests } from './requests.repository.ts';
import {
  CALLBACK_ROLES,
  createRequest,
  DESK_ROLES,
  EXPORT_ROLES,
  INTAKE_ROLES,
  type RequestDeps,
  recordCallback,
  transitionRequest,
} from './requests.usecases.ts';

const Params = z.object({ id: Id });
const TRANSITION_ROLES = [...new Set([...DESK_ROLES, 'technician', 'dept_lead'] as const)];
/** Who may take a list away as a file (audited): the desk, supervisors, managers, quality, leads. */

export function requestRoutes(app: App, deps: RequestDeps & { db: Db }) {
  const tags = ['requests'];

  app.get(
    '/api/requests',
    {
      config: { access: ANY_STAFF },
      schema: { tags, querystring: RequestsQuery, response: { 200: RequestList } },
    },
    async (req) => {
      const actor = req.actor!;
      const { items, total } = await listRequests(
        deps.db,
        { companyId: actor.companyId, estateIds: estateScope(actor, req.query.estateId) },
        req.query,
        deps.clock.now(),
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/requests/export',
    {
      config: { access: roles(...EXPORT_ROLES) },
      schema: {
        tags,
        description: exportDescription('The request list (GET /api/requests)'),
        querystring: RequestsExportQuery,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const file = await exportRequests(
        deps,
        actor,
        estateScope(actor, req.query.estateId),
        req.query,
        req.locale,
      );
      return sendListExport(reply, file);
    },
  );

  app.post(
    '/api/requests',
    {
      config: { access: roles(...INTAKE_ROLES) },
      schema: {
        tags,
        description:
          'Take a request (工单). Send an Idempotency-Key header so a retried submit never makes a second request.',
        headers: z.object({ 'idempotency-key': z.string().min(8).max(100).optional() }),
        body: CreateRequestBody,
        response: { 201: RequestDetail },
      },
    },
    async (req, reply) => {
      const key = req.headers['idempotency-key'];
      if (key !== undefined && typeof key !== 'string')
        throw fieldError('Idempotency-Key', 'validation.format');
      const result = await createRequest(deps, req.actor!, req.body, key);
      return reply.status(201).send(result.body);
    },
  );

  app.get(
    '/api/requests/:id',
    { config: { access: ANY_STAFF }, schema: { tags, params: Params, response: { 200: RequestDetail } } },
    async (req) => getRequestDetail(deps.db, req.actor!, req.params.id),
  );

  app.post(
    '/api/requests/:id/transitions',
    {
      config: { access: roles(...TRANSITION_ROLES) },
      schema: { tags, params: Params, body: TransitionBody, response: { 200: RequestDetail } },
    },
    async (req) => transitionRequest(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/requests/:id/callbacks',
    {
      config: { access: roles(...CALLBACK_ROLES) },
      schema: { tags, params: Params, body: CallbackBody, response: { 201: RequestDetail } },
    },
    async (req, reply) =>
      reply.status(201).send(await recordCallback(deps, req.actor!, req.params.id, req.body)),
  );
}
