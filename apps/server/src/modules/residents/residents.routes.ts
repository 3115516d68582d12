/**
 * /api/residents: the list (masked phones), the person record (create, read masked, change with a
 * version), relations to units, the owners' authorisation letters, the audited reveal of a number;
 * POST /api/requests/:id/reveal (the reporter's phone); GET /api/audit.
 */
import {
  AddAuthorisationBody,
  AddUnitRelationBody,
  AuditList,
  AuditQuery,
  CreateResidentBody,
  EndUnitRelationBody,
  Id,
  PatchResidentBody,
  RequestRevealBody,
  ResidentDetail,
  ResidentList,
  ResidentsQuery,
  RevealBody,
  RevealResponse,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, estateScope, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import {
  AUDIT_ROLES,
  listAudit,
  REVEAL_ROUTE_ROLES,
  revealReporterPhone,
  revealResidentField,
} from './residents.privacy.ts';
import { searchResidents } from './residents.repository.ts';
import {
  addAuthorisation,
  addUnitRelation,
  createResident,
  endUnitRelation,
  getResident,
  patchResident,
  RESIDENT_FILE_ROLES,
  RESIDENT_PATCH_ROLES,
  type ResidentDeps,
} from './residents.usecases.ts';

const Params = z.object({ id: Id });
const RelationParams = z.object({ id: Id, unitId: Id });

export function residentRoutes(app: App, deps: ResidentDeps) {
  const tags = ['residents'];

  app.get(
    '/api/residents',
    {
      config: { access: ANY_STAFF },
      schema: { tags, querystring: ResidentsQuery, response: { 200: ResidentList } },
    },
    async (req) => {
      const { items, total } = await searchResidents(
        deps.db,
        estateScope(req.actor!, req.query.estateId),
        req.query,
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/residents',
    {
      config: { access: roles(...RESIDENT_FILE_ROLES) },
      schema: {
        tags,
        description:
          'Register a person (客户) of one estate, grade C, with their units. Phones are normalised (mainland mobiles; landlines with area code); the ID number must be 18 characters with a valid check character and agree with the birthday and gender given. A unit of another estate → 400 on `units.<i>.unitId`.',
        body: CreateResidentBody,
        response: { 201: ResidentDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createResident(deps, req.actor!, req.body)),
  );

  app.get(
    '/api/residents/:id',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          'The person record with phones, ID number and the emergency contact’s phone masked (POST …/reveal shows one), units and relations, authorisation letters and — staff only — grade with its history, notes and the VIP card (null until issued).',
        params: Params,
        response: { 200: ResidentDetail },
      },
    },
    async (req) => getResident(deps, req.actor!, req.params.id),
  );

  app.patch(
    '/api/residents/:id',
    {
      config: { access: roles(...RESIDENT_PATCH_ROLES) },
      schema: {
        tags,
        description:
          'Change the record at its `version` (a stale one → 409 CONFLICT). `null` clears a field; `phones` is the new list with existing numbers as `{ keep: index }`. A new `grade` needs `gradeReason` and is kept in the grade history. Each change is an audit event.',
        params: Params,
        body: PatchResidentBody,
        response: { 200: ResidentDetail },
      },
    },
    async (req) => patchResident(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/residents/:id/units',
    {
      config: { access: roles(...RESIDENT_FILE_ROLES) },
      schema: {
        tags,
        description:
          'Relate the resident to a unit of their estate (owner, co-owner, tenant, family member, decoration lead, agent). A unit of another estate → 400 on `unitId`.',
        params: Params,
        body: AddUnitRelationBody,
        response: { 201: ResidentDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addUnitRelation(deps, req.actor!, req.params.id, req.body)),
  );

  app.post(
    '/api/residents/:id/units/:unitId/end',
    {
      config: { access: roles(...RESIDENT_FILE_ROLES) },
      schema: {
        tags,
        description:
          'End a relation (moved out, lease over): it leaves the current units and is listed in `pastUnits`.',
        params: RelationParams,
        body: EndUnitRelationBody,
        response: { 200: ResidentDetail },
      },
    },
    async (req) => endUnitRelation(deps, req.actor!, req.params.id, req.params.unitId, req.body),
  );

  app.post(
    '/api/residents/:id/authorisations',
    {
      config: { access: roles(...RESIDENT_FILE_ROLES) },
      schema: {
        tags,
        description:
          'File the owner’s authorisation letter (业主委托书) of a tenant, agent or decoration lead of a unit: an uploaded file (POST /api/files) and its validity period.',
        params: Params,
        body: AddAuthorisationBody,
        response: { 201: ResidentDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await addAuthorisation(deps, req.actor!, req.params.id, req.body)),
  );

  app.post(
    '/api/residents/:id/reveal',
    {
      config: { access: roles(...REVEAL_ROUTE_ROLES) },
      schema: {
        tags,
        description:
          'One personal number in full (`phone` with `index`, `idNumber`, `emergencyPhone`) for cs_agent, cs_supervisor, steward, cashier, manager, hq_cs, gm; a technician only the phone of a resident on an open order assigned to them. Each reveal is audited (GET /api/audit).',
        params: Params,
        body: RevealBody,
        response: { 200: RevealResponse },
      },
    },
    async (req) => revealResidentField(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/requests/:id/reveal',
    {
      config: { access: roles(...REVEAL_ROUTE_ROLES) },
      schema: {
        tags,
        description:
          'The reporter’s phone on a request in full, for the reveal roles and the technician the open order is assigned to; audited (on the request’s timeline and in GET /api/audit).',
        params: Params,
        body: RequestRevealBody,
        response: { 200: RevealResponse },
      },
    },
    async (req) => revealReporterPhone(deps, req.actor!, req.params.id),
  );

  app.get(
    '/api/audit',
    {
      config: { access: roles(...AUDIT_ROLES) },
      schema: {
        tags,
        description:
          'The audit of residents’ records in the caller’s estates, newest first: every reveal (`action: "reveal"`, with `field`) and every change of a record. Filters: a resident, an estate, who, what, local days.',
        querystring: AuditQuery,
        response: { 200: AuditList },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const { items, total } = await listAudit(
        deps,
        actor,
        estateScope(actor, req.query.estateId),
        req.query,
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
