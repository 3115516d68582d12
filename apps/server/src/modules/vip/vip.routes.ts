/**
 * VIP cards: the contract's direct issue (POST /api/residents/:id/vip-card), the estates'
 * applications and the company's decision, renewal, lost-card reissue, revocation, the estate's VIP
 * assistant, the service log and the reminders (/api/vip/…).
 */
import {
  AddVipServiceBody,
  Id,
  IssueVipCardBody,
  ReissueVipCardBody,
  RejectVipApplicationBody,
  RenewVipCardBody,
  RevokeVipCardBody,
  SetVipAssistantBody,
  VIP_APPLY_ROLES,
  VIP_ASSISTANT_ROLES,
  VIP_ISSUE_ROLES,
  VIP_READ_ROLES,
  VipApplication,
  VipApplicationList,
  VipApplicationsQuery,
  VipApplyBody,
  VipAssistant,
  VipAssistantList,
  VipCard,
  VipCardIssued,
  VipCardList,
  VipCardsQuery,
  VipReminderList,
  VipRemindersQuery,
  VipService,
  VipServiceList,
  VipServicesQuery,
} from '@wuye/contracts';
import { z } from 'zod';
import { estateScope, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import {
  addService,
  applyForCard,
  approveApplication,
  issueCard,
  listApplications,
  listAssistants,
  listCards,
  listReminders,
  listServices,
  reissueCard,
  rejectApplication,
  renewCard,
  revokeCard,
  setAssistant,
  type VipDeps,
} from './vip.usecases.ts';

const Params = z.object({ id: Id });
const EstateQuery = z.object({ estateId: Id.optional() });

export function vipRoutes(app: App, deps: VipDeps) {
  const tags = ['vip'];
  const read = { access: roles(...VIP_READ_ROLES) };
  const company = { access: roles(...VIP_ISSUE_ROLES) };

  app.post(
    '/api/residents/:id/vip-card',
    {
      config: company,
      schema: {
        tags,
        description:
          'Issue a VIP card (the company’s approval, hq_cs and gm): number JK + level + the next of 001–999 for that level in the company, valid 3 years from today. Not grade A → 422 RULE_VIOLATION; a card held already → 422; a waiting application is answered by it.',
        params: Params,
        body: IssueVipCardBody,
        response: { 201: VipCardIssued },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await issueCard(deps, req.actor!, req.params.id, req.body.level)),
  );

  app.post(
    '/api/residents/:id/vip-applications',
    {
      config: { access: roles(...VIP_APPLY_ROLES, ...VIP_ISSUE_ROLES) },
      schema: {
        tags,
        description:
          'The estate asks the company for a VIP card for an A-grade resident with the VIP registration form (《VIP客户登记表》). Not grade A, a card held, or an application waiting → 422.',
        params: Params,
        body: VipApplyBody,
        response: { 201: VipApplication },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await applyForCard(deps, req.actor!, req.params.id, req.body)),
  );

  app.get(
    '/api/vip/applications',
    {
      config: read,
      schema: { tags, querystring: VipApplicationsQuery, response: { 200: VipApplicationList } },
    },
    async (req) => {
      const { items, total } = await listApplications(
        deps,
        estateScope(req.actor!, req.query.estateId),
        req.query,
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/vip/applications/:id/approve',
    {
      config: company,
      schema: {
        tags,
        description: 'Approve (hq_cs, gm): the grade is checked again and the card issued.',
        params: Params,
        response: { 200: VipApplication },
      },
    },
    async (req) => approveApplication(deps, req.actor!, req.params.id),
  );

  app.post(
    '/api/vip/applications/:id/reject',
    {
      config: company,
      schema: { tags, params: Params, body: RejectVipApplicationBody, response: { 200: VipApplication } },
    },
    async (req) => rejectApplication(deps, req.actor!, req.params.id, req.body.reason),
  );

  app.get(
    '/api/vip/cards',
    {
      config: read,
      schema: {
        tags,
        description:
          'Cards of the caller’s estates. `status=expired` is an active card past its last day (computed on read); `expiringWithinDays` lists valid cards ending soon, soonest first.',
        querystring: VipCardsQuery,
        response: { 200: VipCardList },
      },
    },
    async (req) => {
      const { items, total } = await listCards(deps, estateScope(req.actor!, req.query.estateId), req.query);
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/vip/cards/:id/renew',
    {
      config: company,
      schema: {
        tags,
        description:
          'Renew (from 90 days before the end, or after): the grade must still be A; the same number gets 3 more years.',
        params: Params,
        body: RenewVipCardBody,
        response: { 200: VipCard },
      },
    },
    async (req) => renewCard(deps, req.actor!, req.params.id),
  );

  app.post(
    '/api/vip/cards/:id/reissue',
    {
      config: company,
      schema: {
        tags,
        description:
          'A lost card: the old number is replaced (never valid again) and a new number of the same level keeps the validity. Answers the new card.',
        params: Params,
        body: ReissueVipCardBody,
        response: { 200: VipCard },
      },
    },
    async (req) => reissueCard(deps, req.actor!, req.params.id, req.body.note ?? null),
  );

  app.post(
    '/api/vip/cards/:id/revoke',
    {
      config: company,
      schema: { tags, params: Params, body: RevokeVipCardBody, response: { 200: VipCard } },
    },
    async (req) => revokeCard(deps, req.actor!, req.params.id, req.body.reason),
  );

  app.get(
    '/api/vip/assistants',
    {
      config: read,
      schema: { tags, querystring: EstateQuery, response: { 200: VipAssistantList } },
    },
    async (req) => listAssistants(deps, estateScope(req.actor!, req.query.estateId)),
  );

  app.put(
    '/api/estates/:id/vip-assistant',
    {
      config: { access: roles(...VIP_ASSISTANT_ROLES) },
      schema: {
        tags,
        description: 'The estate’s one VIP assistant (客户助理), a staff member of the estate.',
        params: Params,
        body: SetVipAssistantBody,
        response: { 200: VipAssistant },
      },
    },
    async (req) => setAssistant(deps, req.actor!, req.params.id, req.body),
  );

  app.get(
    '/api/vip/services',
    {
      config: read,
      schema: { tags, querystring: VipServicesQuery, response: { 200: VipServiceList } },
    },
    async (req) => {
      const { items, total } = await listServices(
        deps,
        estateScope(req.actor!, req.query.estateId),
        req.query,
      );
      return { items, total, page: req.query.page, pageSize: req.query.pageSize };
    },
  );

  app.post(
    '/api/vip/services',
    {
      config: read,
      schema: {
        tags,
        description: 'Record a VIP service given to a resident holding a valid card.',
        body: AddVipServiceBody,
        response: { 201: VipService },
      },
    },
    async (req, reply) => reply.status(201).send(await addService(deps, req.actor!, req.body)),
  );

  app.get(
    '/api/vip/reminders',
    {
      config: read,
      schema: {
        tags,
        description:
          'Birthdays of VIPs (holding a valid card) and festivals within `days` days (3 by default), soonest first.',
        querystring: VipRemindersQuery,
        response: { 200: VipReminderList },
      },
    },
    async (req) => listReminders(deps, estateScope(req.actor!, req.query.estateId), req.query.days),
  );
}
