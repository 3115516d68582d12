/**
 * Setting up the property structure: estates (created by the company), buildings, units one by one or
 * in bulk, public locations. The estate's manager and the company (hq_cs, gm) write; every staff role
 * reads (organisation.routes.ts and GET /api/units/:id here).
 */
import {
  Building,
  BuildingCreateBody,
  BuildingPatchBody,
  Estate,
  EstateCreateBody,
  EstatePatchBody,
  Id,
  Location,
  LocationCreateBody,
  LocationPatchBody,
  type Role,
  UnitBulkBody,
  UnitBulkPreview,
  UnitBulkResult,
  UnitCreateBody,
  UnitDetail,
  UnitPatchBody,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import {
  createBuilding,
  createBulkUnits,
  createEstate,
  createLocation,
  createUnit,
  getUnit,
  previewBulkUnits,
  type StructureDeps,
  updateBuilding,
  updateEstate,
  updateLocation,
  updateUnit,
} from './organisation.structure.usecases.ts';

/** Who creates estates: the company (an estate's manager is assigned to estates that exist). */
export const ESTATE_CREATORS: readonly Role[] = ['hq_cs', 'gm'];
/** Who sets up an estate's buildings, units and locations, and edits the estate. */
export const STRUCTURE_EDITORS: readonly Role[] = ['manager', 'hq_cs', 'gm'];

const Params = z.object({ id: Id });

export function structureRoutes(app: App, deps: StructureDeps) {
  const tags = ['property structure'];
  const editors = { access: roles(...STRUCTURE_EDITORS) };

  app.post(
    '/api/estates',
    {
      config: { access: roles(...ESTATE_CREATORS) },
      schema: {
        tags,
        description:
          'Create an estate of the caller’s company (company roles). `code` defaults to the next P-number.',
        body: EstateCreateBody,
        response: { 201: Estate },
      },
    },
    async (req, reply) => reply.status(201).send(await createEstate(deps, req.actor!, req.body)),
  );

  app.patch(
    '/api/estates/:id',
    {
      config: editors,
      schema: {
        tags,
        description: 'Edit an estate at the version read; a stale version is a 409.',
        params: Params,
        body: EstatePatchBody,
        response: { 200: Estate },
      },
    },
    async (req) => updateEstate(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/estates/:id/buildings',
    {
      config: editors,
      schema: { tags, params: Params, body: BuildingCreateBody, response: { 201: Building } },
    },
    async (req, reply) =>
      reply.status(201).send(await createBuilding(deps, req.actor!, req.params.id, req.body)),
  );

  app.patch(
    '/api/buildings/:id',
    {
      config: editors,
      schema: {
        tags,
        description:
          'Edit a building at the version read; its floors cannot go below the floor of a unit in it.',
        params: Params,
        body: BuildingPatchBody,
        response: { 200: Building },
      },
    },
    async (req) => updateBuilding(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/estates/:id/units',
    {
      config: editors,
      schema: {
        tags,
        description: 'Create one unit in a building of the estate (a building of another estate is a 400).',
        params: Params,
        body: UnitCreateBody,
        response: { 201: UnitDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await createUnit(deps, req.actor!, req.params.id, req.body)),
  );

  app.post(
    '/api/estates/:id/units/bulk/preview',
    {
      config: editors,
      schema: {
        tags,
        description:
          'What a bulk pattern would create: how many units, the first and last labels, the buildings, and the units that already exist. Writes nothing.',
        params: Params,
        body: UnitBulkBody,
        response: { 200: UnitBulkPreview },
      },
    },
    async (req) => previewBulkUnits(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/estates/:id/units/bulk',
    {
      config: editors,
      schema: {
        tags,
        description:
          'Create every unit of the pattern (and the range’s missing buildings) in one transaction. When any unit already exists nothing is written (400 on `pattern`); more than the cap is a 400 too.',
        params: Params,
        body: UnitBulkBody,
        response: { 201: UnitBulkResult },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await createBulkUnits(deps, req.actor!, req.params.id, req.body)),
  );

  app.get(
    '/api/units/:id',
    {
      config: { access: ANY_STAFF },
      schema: { tags, params: Params, response: { 200: UnitDetail } },
    },
    async (req) => getUnit(deps, req.actor!, req.params.id),
  );

  app.patch(
    '/api/units/:id',
    {
      config: editors,
      schema: {
        tags,
        description:
          'Edit a unit at the version read. A status change is kept in the unit’s status history with `statusNote`.',
        params: Params,
        body: UnitPatchBody,
        response: { 200: UnitDetail },
      },
    },
    async (req) => updateUnit(deps, req.actor!, req.params.id, req.body),
  );

  app.post(
    '/api/estates/:id/locations',
    {
      config: editors,
      schema: { tags, params: Params, body: LocationCreateBody, response: { 201: Location } },
    },
    async (req, reply) =>
      reply.status(201).send(await createLocation(deps, req.actor!, req.params.id, req.body)),
  );

  app.patch(
    '/api/locations/:id',
    {
      config: editors,
      schema: {
        tags,
        description:
          'Rename, re-kind, retire (`retired: true`) or bring back a public location at the version read. A retired location is no longer offered at intake; requests that name it keep it.',
        params: Params,
        body: LocationPatchBody,
        response: { 200: Location },
      },
    },
    async (req) => updateLocation(deps, req.actor!, req.params.id, req.body),
  );
}
