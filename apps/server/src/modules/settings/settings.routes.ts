/** /api/estates/:id/sla-settings: an estate's clock settings (时限设置). */
import { EstateSlaSettings, Id, type Role, SlaSettingsBody, SlaSettingsResetQuery } from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import {
  getEstateSlaSettings,
  resetEstateSlaSettings,
  type SettingsDeps,
  saveEstateSlaSettings,
} from './settings.usecases.ts';

const Params = z.object({ id: Id });
/** Who changes an estate's clock numbers: its manager, and the company. */
export const SLA_EDITORS: readonly Role[] = ['manager', 'hq_cs', 'gm'];

export function settingsRoutes(app: App, deps: SettingsDeps) {
  const tags = ['settings'];
  const editors = { access: roles(...SLA_EDITORS) };

  app.get(
    '/api/estates/:id/sla-settings',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          "The estate's clock settings: the effective values, the seeds' defaults, and which fields the estate set itself.",
        params: Params,
        response: { 200: EstateSlaSettings },
      },
    },
    async (req) => getEstateSlaSettings(deps, req.actor!, req.params.id),
  );

  app.put(
    '/api/estates/:id/sla-settings',
    {
      config: editors,
      schema: {
        tags,
        description:
          'Save the whole set at the version read (0 before the first save); a stale version is a 409. ' +
          'New values apply to clocks started afterwards; running clocks keep their due times.',
        params: Params,
        body: SlaSettingsBody,
        response: { 200: EstateSlaSettings },
      },
    },
    async (req) => saveEstateSlaSettings(deps, req.actor!, req.params.id, req.body),
  );

  app.delete(
    '/api/estates/:id/sla-settings',
    {
      config: editors,
      schema: {
        tags,
        description: "Put every value back to the seeds' defaults, at the version read.",
        params: Params,
        querystring: SlaSettingsResetQuery,
        response: { 200: EstateSlaSettings },
      },
    },
    async (req) => resetEstateSlaSettings(deps, req.actor!, req.params.id, req.query.version),
  );
}
