/**
 * Who writes what (the server checks again): STRUCTURE_EDITORS of organisation.structure.routes.ts,
 * ESTATE_CREATORS beside it, and UNIT_FILE_EDITORS of units.routes.ts. Repeated here as plain lists:
 * the web app takes only types from the server.
 */
import type { Role } from '@wuye/contracts';

export const STRUCTURE_EDITORS: readonly Role[] = ['manager', 'hq_cs', 'gm'];
export const ESTATE_CREATORS: readonly Role[] = ['hq_cs', 'gm'];
export const UNIT_FILE_EDITORS: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'lobby',
  'manager',
  'hq_cs',
  'gm',
];
