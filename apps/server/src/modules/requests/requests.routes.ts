/** GET /api/requests — the request list (first form; intake and transitions come with the service desk). */
import { RequestList, RequestsQuery } from '@wuye/contracts';
import { ANY_STAFF, estateScope } from '../../platform/access.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { listRequests } from './requests.repository.ts';

export function requestRoutes(app: App, deps: { db: Db }) {
  app.get(
    '/api/requests',
    {
      config: { access: ANY_STAFF },
      schema: { tags: ['requests'], querystring: RequestsQuery, response: { 200: RequestList } },
    },
    async (req) => {
      const { items, total } = await listRequests(
        deps.db,
        estateScope(req.actor!, req.query.estateId),
        req.query,
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
