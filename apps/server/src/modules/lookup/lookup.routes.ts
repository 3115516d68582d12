/** GET /api/lookup: who is calling — residents by phone or unit with their requests, in one call. */
import { LookupQuery, LookupResponse } from '@wuye/contracts';
import { ANY_STAFF, assertEstate } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import type { App } from '../../platform/http.ts';
import { lookUp } from './lookup.repository.ts';

export function lookupRoutes(app: App, deps: { db: Db; clock: Clock }) {
  app.get(
    '/api/lookup',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['residents'],
        description:
          'The front desk’s look-up (spec 01 §1): residents of the estate matching a phone number (all of it or part) or living in a unit, with masked phones, grade and VIP badge, units, notes, arrears (from the estate’s latest arrears list: the sum over the resident’s units and the longest months owed, as of the list’s date; null — unknown — when the estate has loaded none), open requests and the last 5 closed ones.',
        querystring: LookupQuery,
        response: { 200: LookupResponse },
      },
    },
    async (req) => {
      const { estateId, phone, unitId } = req.query;
      assertEstate(req.actor!, estateId);
      return lookUp(deps.db, estateId, unitId ? { unitId } : { phone: phone! }, deps.clock.now());
    },
  );
}
