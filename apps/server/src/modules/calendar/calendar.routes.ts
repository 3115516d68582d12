/** /api/calendar: the company's working calendar — read by all staff, edited by hq_cs and gm. */
import { ANY_STAFF, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import {
  CalendarDay,
  CalendarDayBody,
  CalendarDayList,
  CalendarDayParams,
  CalendarDaysQuery,
  CalendarImportBody,
  CalendarImportResult,
  CalendarYearParams,
} from './calendar.schemas.ts';
import {
  type CalendarDeps,
  importCalendarYear,
  listCalendarDays,
  resetCalendarDay,
  setCalendarDay,
} from './calendar.usecases.ts';

export function calendarRoutes(app: App, deps: CalendarDeps) {
  const tags = ['calendar'];
  const editors = { access: roles('hq_cs', 'gm') };

  app.get(
    '/api/calendar/days',
    {
      config: { access: ANY_STAFF },
      schema: { tags, querystring: CalendarDaysQuery, response: { 200: CalendarDayList } },
    },
    async (req) => listCalendarDays(deps, req.actor!, req.query.from, req.query.to),
  );

  app.put(
    '/api/calendar/days/:date',
    {
      config: editors,
      schema: { tags, params: CalendarDayParams, body: CalendarDayBody, response: { 200: CalendarDay } },
    },
    async (req) => setCalendarDay(deps, req.actor!, req.params.date, req.body),
  );

  app.delete(
    '/api/calendar/days/:date',
    { config: editors, schema: { tags, params: CalendarDayParams, response: { 200: CalendarDay } } },
    async (req) => resetCalendarDay(deps, req.actor!, req.params.date),
  );

  app.post(
    '/api/calendar/years/:year/import',
    {
      config: editors,
      schema: {
        tags,
        params: CalendarYearParams,
        body: CalendarImportBody,
        response: { 200: CalendarImportResult },
      },
    },
    async (req) => importCalendarYear(deps, req.actor!, req.params.year, req.body),
  );
}
