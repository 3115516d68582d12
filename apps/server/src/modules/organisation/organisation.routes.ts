/** Reference data of the property structure: estates, buildings, units, locations, departments, staff. */
import {
  BuildingList,
  DepartmentList,
  DepartmentsQuery,
  EstateList,
  Id,
  LocationList,
  LocationsQuery,
  StaffList,
  StaffQuery,
  UnitList,
  UnitsQuery,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, assertEstate, estateScope } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import {
  listBuildings,
  listDepartments,
  listEstates,
  listLocations,
  listStaff,
  listUnits,
} from './organisation.repository.ts';

const EstateParams = z.object({ id: Id });

export function organisationRoutes(app: App, deps: { db: Db }) {
  const tags = ['reference data'];
  const config = { access: ANY_STAFF };

  app.get('/api/estates', { config, schema: { tags, response: { 200: EstateList } } }, async (req) => ({
    items: await listEstates(deps.db, req.actor!.estateIds),
  }));

  app.get(
    '/api/estates/:id/buildings',
    { config, schema: { tags, params: EstateParams, response: { 200: BuildingList } } },
    async (req) => {
      assertEstate(req.actor!, req.params.id);
      return { items: await listBuildings(deps.db, req.params.id) };
    },
  );

  app.get(
    '/api/estates/:id/units',
    { config, schema: { tags, params: EstateParams, querystring: UnitsQuery, response: { 200: UnitList } } },
    async (req) => {
      assertEstate(req.actor!, req.params.id);
      const { items, total } = await listUnits(deps.db, req.params.id, req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.get(
    '/api/estates/:id/locations',
    {
      config,
      schema: { tags, params: EstateParams, querystring: LocationsQuery, response: { 200: LocationList } },
    },
    async (req) => {
      assertEstate(req.actor!, req.params.id);
      return {
        items: await listLocations(deps.db, req.params.id, { includeRetired: req.query.includeRetired }),
      };
    },
  );

  app.get(
    '/api/departments',
    { config, schema: { tags, querystring: DepartmentsQuery, response: { 200: DepartmentList } } },
    async (req) => ({ items: await listDepartments(deps.db, estateScope(req.actor!, req.query.estateId)) }),
  );

  app.get(
    '/api/staff',
    { config, schema: { tags, querystring: StaffQuery, response: { 200: StaffList } } },
    async (req) => {
      const actor = req.actor!;
      const scope = estateScope(actor, req.query.estateId);
      const { items, total } = await listStaff(deps.db, actor.companyId, scope, {
        ...req.query,
        includeCompanyWide: actor.companyWide && !req.query.estateId,
      });
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
