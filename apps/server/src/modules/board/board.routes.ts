/** /api/departments/:id/board and /members: the department board and the people to assign to. */
import { DepartmentBoard, DepartmentMemberList, Id } from '@wuye/contracts';
import { z } from 'zod';
import { roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { exportDepartmentBoard } from './board.export.ts';
import {
  BOARD_ROLES,
  type BoardDeps,
  getDepartmentBoard,
  getDepartmentMembers,
  MEMBER_ROLES,
} from './board.usecases.ts';

const Params = z.object({ id: Id });

export function boardRoutes(app: App, deps: BoardDeps) {
  const tags = ['department board'];

  app.get(
    '/api/departments/:id/members',
    {
      config: { access: roles(...MEMBER_ROLES) },
      schema: {
        tags,
        description:
          'The department’s active people, the lead first, each with the open orders assigned to them (to balance the work).',
        params: Params,
        response: { 200: DepartmentMemberList },
      },
    },
    async (req) => getDepartmentMembers(deps, req.actor!, req.params.id),
  );

  app.get(
    '/api/departments/:id/board',
    {
      config: { access: roles(...BOARD_ROLES) },
      schema: {
        tags,
        description:
          'The requests dispatched to the department that it is working on (dispatched to done), the most urgent first, each with its nearest clock. Assign with the `dispatch` transition, accept with `accept`.',
        params: Params,
        response: { 200: DepartmentBoard },
      },
    },
    async (req) => getDepartmentBoard(deps, req.actor!, req.params.id),
  );

  app.get(
    '/api/departments/:id/board/export',
    {
      config: { access: roles(...BOARD_ROLES) },
      schema: {
        tags,
        description: exportDescription('The department board (GET /api/departments/:id/board)'),
        params: Params,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) =>
      sendListExport(reply, await exportDepartmentBoard(deps, req.actor!, req.params.id, req.locale)),
  );
}
