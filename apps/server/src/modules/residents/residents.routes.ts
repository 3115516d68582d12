/** /api/residents: the resident list with masked phones (the customer module adds detail and reveal). */
import { ResidentList, ResidentsQuery } from '@wuye/contracts';
import { ANY_STAFF, estateScope } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { searchResidents } from './residents.repository.ts';

export function residentRoutes(app: App, deps: { db: Db }) {
  app.get(
    '/api/residents',
    {
      config: { access: ANY_STAFF },
      schema: { tags: ['residents'], querystring: ResidentsQuery, response: { 200: ResidentList } },
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
}
