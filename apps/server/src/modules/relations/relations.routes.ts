/** /api routes of relationship work (spec 03 §6): visits, reception days, mailbox, logs, notices, greetings. */
import {
  CommitteeMeeting,
  CommitteeMeetingBody,
  CommitteeMeetingList,
  CoverageQuery,
  CreateGreetingBody,
  CreateMailboxOpeningBody,
  CreateReceptionDayBody,
  CreateReceptionEntryBody,
  CreateVisitBody,
  CreateVisitPlanBody,
  DeveloperLog,
  DeveloperLogBody,
  DeveloperLogList,
  GreetingCalendar,
  GreetingsQuery,
  Id,
  Mailbox,
  MailboxLetter,
  MailboxOpening,
  MailboxQuery,
  Notice,
  NoticeBody,
  NoticeList,
  NoticesQuery,
  ReceptionDay,
  ReceptionDayList,
  ReceptionDaysQuery,
  ReplyLetterBody,
  UpdateCommitteeMeetingBody,
  UpdateNoticeBody,
  Visit,
  VisitCoverage,
  VisitList,
  VisitPlanDetail,
  VisitPlanList,
  VisitPlansQuery,
  VisitsQuery,
  YearQuery,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import * as uc from './relations.usecases.ts';

const IdParams = z.object({ id: Id });

export function relationsRoutes(app: App, deps: uc.RelationsDeps) {
  const visitsTag = ['relations: visits'];
  const managerTag = ['relations: reception day and mailbox'];
  const logsTag = ['relations: owners committee and developer'];
  const noticesTag = ['relations: notices'];
  const greetTag = ['relations: greetings'];
  const visitors = { access: roles(...uc.VISIT_ROLES) };
  const planners = { access: roles(...uc.PLAN_ROLES) };

  app.get(
    '/api/visit-plans',
    {
      config: visitors,
      schema: {
        tags: visitsTag,
        description: 'Monthly visit plans per steward, with how many households are visited.',
        querystring: VisitPlansQuery,
        response: { 200: VisitPlanList },
      },
    },
    async (req) => uc.listVisitPlans(deps, req.actor!, req.query),
  );
  app.post(
    '/api/visit-plans',
    {
      config: planners,
      schema: {
        tags: visitsTag,
        description:
          'Generate a steward’s plan for a month from buildings and/or picked units; the previous month’s unvisited households are carried over. A steward plans for themselves.',
        body: CreateVisitPlanBody,
        response: { 201: VisitPlanDetail },
      },
    },
    async (req, reply) => reply.status(201).send(await uc.createVisitPlan(deps, req.actor!, req.body)),
  );
  app.get(
    '/api/visit-plans/:id',
    {
      config: visitors,
      schema: {
        tags: visitsTag,
        description: 'A plan with its households and the month’s last visit of each.',
        params: IdParams,
        response: { 200: VisitPlanDetail },
      },
    },
    async (req) => uc.getVisitPlan(deps, req.actor!, req.params.id),
  );
  app.get(
    '/api/visits',
    {
      config: visitors,
      schema: {
        tags: visitsTag,
        description: 'Visit records (业户访问记录).',
        querystring: VisitsQuery,
        response: { 200: VisitList },
      },
    },
    async (req) => uc.listVisitRecords(deps, req.actor!, req.query),
  );
  app.post(
    '/api/visits',
    {
      config: visitors,
      schema: {
        tags: visitsTag,
        description:
          'Record a visit or call: topics, opinions, the resident’s signature (a `signature` file) and follow-up requests taken through the ordinary intake (owned by the visitor).',
        body: CreateVisitBody,
        response: { 201: Visit },
      },
    },
    async (req, reply) => reply.status(201).send(await uc.recordVisit(deps, req.actor!, req.body)),
  );
  app.get(
    '/api/visits/:id',
    { config: visitors, schema: { tags: visitsTag, params: IdParams, response: { 200: Visit } } },
    async (req) => uc.getVisit(deps, req.actor!, req.params.id),
  );
  app.get(
    '/api/visit-coverage',
    {
      config: { access: roles(...uc.COVERAGE_ROLES) },
      schema: {
        tags: visitsTag,
        description:
          'The month’s coverage: households visited or called ÷ occupied households (target 85%), per estate and per steward’s plan.',
        querystring: CoverageQuery,
        response: { 200: VisitCoverage },
      },
    },
    async (req) => uc.visitCoverage(deps, req.actor!, req.query),
  );

  const managerReaders = { access: roles(...uc.MANAGER_READERS) };
  const managers = { access: roles(...uc.MANAGER_ROLES) };
  app.get(
    '/api/reception-days',
    {
      config: managerReaders,
      schema: {
        tags: managerTag,
        description: 'Manager reception days (经理接待日) with their records.',
        querystring: ReceptionDaysQuery,
        response: { 200: ReceptionDayList },
      },
    },
    async (req) => uc.listReceptionDays(deps, req.actor!, req.query),
  );
  app.post(
    '/api/reception-days',
    {
      config: managers,
      schema: {
        tags: managerTag,
        description:
          'Schedule a reception day on a weekend or holiday; its notice to all residents is published now and must be out at least 7 days before (400 on `date` otherwise).',
        body: CreateReceptionDayBody,
        response: { 201: ReceptionDay },
      },
    },
    async (req, reply) => reply.status(201).send(await uc.scheduleReceptionDay(deps, req.actor!, req.body)),
  );
  app.get(
    '/api/reception-days/:id',
    {
      config: managerReaders,
      schema: { tags: managerTag, params: IdParams, response: { 200: ReceptionDay } },
    },
    async (req) => uc.getReceptionDay(deps, req.actor!, req.params.id),
  );
  app.post(
    '/api/reception-days/:id/entries',
    {
      config: managers,
      schema: {
        tags: managerTag,
        description:
          'A line of the reception record (经理接待记录表); with `followUp` the issue becomes a request owned by the manager.',
        params: IdParams,
        body: CreateReceptionEntryBody,
        response: { 201: ReceptionDay },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await uc.recordReceptionEntry(deps, req.actor!, req.params.id, req.body)),
  );
  app.get(
    '/api/mailbox',
    {
      config: managerReaders,
      schema: {
        tags: managerTag,
        description:
          'The manager mailbox (经理信箱): per estate the last opening and whether one is due (weekly), and the openings with their letters.',
        querystring: MailboxQuery,
        response: { 200: Mailbox },
      },
    },
    async (req) => uc.getMailbox(deps, req.actor!, req.query),
  );
  app.post(
    '/api/mailbox/openings',
    {
      config: managers,
      schema: {
        tags: managerTag,
        description:
          'Log an opening (经理信箱开启记录): who, when, witness, the letters — each becomes a request owned by the manager (channel `mailbox`).',
        body: CreateMailboxOpeningBody,
        response: { 201: MailboxOpening },
      },
    },
    async (req, reply) => reply.status(201).send(await uc.openMailbox(deps, req.actor!, req.body)),
  );
  app.post(
    '/api/mailbox/letters/:id/reply',
    {
      config: managers,
      schema: {
        tags: managerTag,
        description: 'Record the reply to a letter (回函).',
        params: IdParams,
        body: ReplyLetterBody,
        response: { 200: MailboxLetter },
      },
    },
    async (req) => uc.replyToLetter(deps, req.actor!, req.params.id, req.body),
  );

  const logReaders = { access: roles(...uc.LOG_READERS) };
  const logWriters = { access: roles(...uc.LOG_ROLES) };
  app.get(
    '/api/committee-meetings',
    {
      config: logReaders,
      schema: {
        tags: logsTag,
        description:
          'Owners’ committee (业委会) meetings of a year, planned and held, against the two a year.',
        querystring: YearQuery,
        response: { 200: CommitteeMeetingList },
      },
    },
    async (req) => uc.listCommitteeMeetings(deps, req.actor!, req.query),
  );
  app.post(
    '/api/committee-meetings',
    {
      config: logWriters,
      schema: { tags: logsTag, body: CommitteeMeetingBody, response: { 201: CommitteeMeeting } },
    },
    async (req, reply) => reply.status(201).send(await uc.createCommitteeMeeting(deps, req.actor!, req.body)),
  );
  app.put(
    '/api/committee-meetings/:id',
    {
      config: logWriters,
      schema: {
        tags: logsTag,
        description: 'Edit a meeting (e.g. record the minutes of a planned one); version-checked.',
        params: IdParams,
        body: UpdateCommitteeMeetingBody,
        response: { 200: CommitteeMeeting },
      },
    },
    async (req) => uc.updateCommitteeMeeting(deps, req.actor!, req.params.id, req.body),
  );
  app.get(
    '/api/developer-logs',
    {
      config: logReaders,
      schema: {
        tags: logsTag,
        description:
          'Communication with the developer (发展商) of a year: planned and held, with the requests that need the developer.',
        querystring: YearQuery,
        response: { 200: DeveloperLogList },
      },
    },
    async (req) => uc.listDeveloperLogs(deps, req.actor!, req.query),
  );
  app.post(
    '/api/developer-logs',
    {
      config: logWriters,
      schema: { tags: logsTag, body: DeveloperLogBody, response: { 201: DeveloperLog } },
    },
    async (req, reply) => reply.status(201).send(await uc.createDeveloperLog(deps, req.actor!, req.body)),
  );

  const noticeWriters = { access: roles(...uc.NOTICE_ROLES) };
  app.get(
    '/api/notices',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags: noticesTag,
        description: 'Notices (通知/公告) to an estate or some of its buildings.',
        querystring: NoticesQuery,
        response: { 200: NoticeList },
      },
    },
    async (req) => uc.listNotices(deps, req.actor!, req.query),
  );
  app.post(
    '/api/notices',
    {
      config: noticeWriters,
      schema: {
        tags: noticesTag,
        description: 'A notice, as a draft or published at once; `buildingIds` empty for the whole estate.',
        body: NoticeBody,
        response: { 201: Notice },
      },
    },
    async (req, reply) => reply.status(201).send(await uc.createNotice(deps, req.actor!, req.body)),
  );
  app.get(
    '/api/notices/:id',
    {
      config: { access: ANY_STAFF },
      schema: { tags: noticesTag, params: IdParams, response: { 200: Notice } },
    },
    async (req) => uc.getNotice(deps, req.actor!, req.params.id),
  );
  app.patch(
    '/api/notices/:id',
    {
      config: noticeWriters,
      schema: {
        tags: noticesTag,
        description:
          'Edit, publish (`status: published`) or withdraw a notice; version-checked. A reception day’s notice stays published at least 7 days before the day.',
        params: IdParams,
        body: UpdateNoticeBody,
        response: { 200: Notice },
      },
    },
    async (req) => uc.updateNotice(deps, req.actor!, req.params.id, req.body),
  );

  const greeters = { access: roles(...uc.GREETING_ROLES) };
  app.get(
    '/api/greetings',
    {
      config: greeters,
      schema: {
        tags: greetTag,
        description:
          'The greeting calendar: birthdays and festivals in the next days, with the households to greet and the greetings done.',
        querystring: GreetingsQuery,
        response: { 200: GreetingCalendar },
      },
    },
    async (req) => uc.greetingCalendar(deps, req.actor!, req.query),
  );
  app.post(
    '/api/greetings',
    {
      config: greeters,
      schema: {
        tags: greetTag,
        description: 'Mark a greeting done (by whom, how); one per resident, occasion and year.',
        body: CreateGreetingBody,
      },
    },
    async (req, reply) => reply.status(201).send(await uc.recordGreeting(deps, req.actor!, req.body)),
  );
}
