/**
 * The test clock (spec 09): only with DEMO=1 and never in production. Moving the clock forward runs
 * the clock sweepers once, so acceptance tests can check 15-minute and 30-day rules without waiting.
 */
import { z } from 'zod';
import { ANY_STAFF } from '../../platform/access.ts';
import type { AdjustableClock } from '../../platform/clock.ts';
import type { App } from '../../platform/http.ts';

export type Sweeper = (now: Date) => Promise<unknown>;

export function devRoutes(app: App, deps: { clock: AdjustableClock; sweepers: Sweeper[] }) {
  const ClockResponse = z.object({ now: z.string() });
  app.get(
    '/api/dev/clock',
    { config: { access: ANY_STAFF }, schema: { tags: ['dev'], response: { 200: ClockResponse } } },
    async () => ({ now: deps.clock.now().toISOString() }),
  );
  app.post(
    '/api/dev/clock',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: ['dev'],
        body: z.strictObject({
          advanceMinutes: z
            .number()
            .int()
            .min(0)
            .max(60 * 24 * 400),
        }),
        response: { 200: ClockResponse },
      },
    },
    async (req) => {
      deps.clock.advanceMinutes(req.body.advanceMinutes);
      const now = deps.clock.now();
      for (const sweep of deps.sweepers) await sweep(now);
      return { now: now.toISOString() };
    },
  );
}
