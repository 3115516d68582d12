/** Reading escalation memos (工作传签单): one complaint's chain, and the memos waiting across estates. */
import { ComplaintMemoChain, ComplaintMemoList, ComplaintMemosQuery, Id } from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, estateScope } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { listMemos, memoChain } from './complaints.memos.ts';
import type { ComplaintDeps } from './complaints.usecases.ts';

export function complaintMemoRoutes(app: App, deps: Pick<ComplaintDeps, 'db'>) {
  const tags = ['complaints'];

  app.get(
    '/api/requests/:id/complaint/memos',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          'The complaint’s escalation memos (工作传签单) in order: each level’s question, remedies with costs (fen) and decision. The same chain as `complaint.memos` of the request detail.',
        params: z.object({ id: Id }),
        response: { 200: ComplaintMemoChain },
      },
    },
    async (req) => memoChain(deps.db, req.actor!, req.params.id),
  );

  app.get(
    '/api/complaint-memos',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          'Escalation memos of the caller’s estates, or of `estateId`, newest first, with the complaint’s number and description. `status=open&mine=true`: the memos waiting for a role the caller holds (a supervisor’s or manager’s workbench).',
        querystring: ComplaintMemosQuery,
        response: { 200: ComplaintMemoList },
      },
    },
    async (req) => {
      const actor = req.actor!;
      const { items, total } = await listMemos(
        deps.db,
        actor,
        estateScope(actor, req.query.estateId),
        req.query,
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );
}
