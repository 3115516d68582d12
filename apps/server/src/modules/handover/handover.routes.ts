/** /api/handovers: the morning's view of the night shift's requests, and "交接完成". */
import { CreateHandoverBody, NightHandover, NightShift, NightShiftQuery } from '@wuye/contracts';
import { roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { exportNightShift } from './handover.export.ts';
import { getNightShift, HANDOVER_ROLES, type HandoverDeps, recordHandover } from './handover.usecases.ts';

export function handoverRoutes(app: App, deps: HandoverDeps) {
  const tags = ['night hand-over'];
  const config = { access: roles(...HANDOVER_ROLES) };

  app.get(
    '/api/handovers/night',
    {
      config,
      schema: {
        tags,
        description:
          'The requests taken in one night (18:30 the evening before to 08:30 on `date`, the estate’s time zone; the current or last night by default), older night requests still undispatched, and the hand-over record if there is one. Dispatch each with the `dispatch` transition.',
        querystring: NightShiftQuery,
        response: { 200: NightShift },
      },
    },
    async (req) => getNightShift(deps, req.actor!, req.query),
  );

  app.get(
    '/api/handovers/night/export',
    {
      config,
      schema: {
        tags,
        description: exportDescription('The night’s requests of the hand-over (GET /api/handovers/night)'),
        querystring: NightShiftQuery,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) =>
      sendListExport(reply, await exportNightShift(deps, req.actor!, req.query, req.locale)),
  );

  app.post(
    '/api/handovers',
    {
      config,
      schema: {
        tags,
        description:
          'Record the morning hand-over (交接完成): who handed over, who received, the night requests and notes. One per estate and morning.',
        body: CreateHandoverBody,
        response: { 201: NightHandover },
      },
    },
    async (req, reply) => reply.status(201).send(await recordHandover(deps, req.actor!, req.body)),
  );
}
