/** /api/requests/:id/payments (record, confirm) and /api/payments (the cashier's list and totals). */
import {
  CollectPaymentBody,
  ConfirmPaymentBody,
  Id,
  PaymentList,
  PaymentSummary,
  PaymentSummaryQuery,
  PaymentsExportQuery,
  PaymentsQuery,
  RequestDetail,
  UncollectedList,
  UncollectedQuery,
} from '@wuye/contracts';
import { z } from 'zod';
import { estateScope, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { exportPayments } from './payments.export.ts';
import { listPayments } from './payments.repository.ts';
import {
  COLLECT_ROLES,
  CONFIRM_ROLES,
  collectPayment,
  confirmPayment,
  dayWindows,
  PAYMENT_LIST_ROLES,
  type PaymentDeps,
  paymentSummary,
  UNCOLLECTED_ROLES,
  uncollectedFor,
} from './payments.usecases.ts';

const Params = z.object({ id: Id });
const PaymentParams = z.object({ id: Id, paymentId: Id });

export function paymentRoutes(app: App, deps: PaymentDeps) {
  const tags = ['payments'];

  app.post(
    '/api/requests/:id/payments',
    {
      config: { access: roles(...COLLECT_ROLES) },
      schema: {
        tags,
        description:
          'Record the repair fee of a completed chargeable request: taken on site by the assigned technician (or their lead), or paid at the office or in the portal (desk, cashier). An amount other than the completion’s fee needs a note.',
        params: Params,
        body: CollectPaymentBody,
        response: { 201: RequestDetail },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await collectPayment(deps, req.actor!, req.params.id, req.body)),
  );

  app.post(
    '/api/requests/:id/payments/:paymentId/confirm',
    {
      config: { access: roles(...CONFIRM_ROLES) },
      schema: {
        tags,
        description: 'The cashier confirms a collected payment with the receipt number (once).',
        params: PaymentParams,
        body: ConfirmPaymentBody,
        response: { 200: RequestDetail },
      },
    },
    async (req) => confirmPayment(deps, req.actor!, req.params.id, req.params.paymentId, req.body),
  );

  app.get(
    '/api/payments',
    {
      config: { access: roles(...PAYMENT_LIST_ROLES) },
      schema: { tags, querystring: PaymentsQuery, response: { 200: PaymentList } },
    },
    async (req) => {
      const q = req.query;
      const windows = await dayWindows(deps.db, estateScope(req.actor!, q.estateId), q.from, q.to);
      const { items, total } = await listPayments(deps.db, windows, q);
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/api/payments/export',
    {
      config: { access: roles(...PAYMENT_LIST_ROLES) },
      schema: {
        tags,
        description: exportDescription('The cashier’s list (GET /api/payments)'),
        querystring: PaymentsExportQuery,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      const scope = estateScope(req.actor!, req.query.estateId);
      const file = await exportPayments(deps, req.actor!, scope, req.query, req.locale);
      return sendListExport(reply, file);
    },
  );

  app.get(
    '/api/payments/summary',
    {
      config: { access: roles(...PAYMENT_LIST_ROLES) },
      schema: { tags, querystring: PaymentSummaryQuery, response: { 200: PaymentSummary } },
    },
    async (req) => paymentSummary(deps, estateScope(req.actor!, req.query.estateId), req.query.date),
  );

  app.get(
    '/api/payments/uncollected',
    {
      config: { access: roles(...UNCOLLECTED_ROLES) },
      schema: { tags, querystring: UncollectedQuery, response: { 200: UncollectedList } },
    },
    async (req) => {
      const q = req.query;
      const { items, total } = await uncollectedFor(deps, req.actor!, estateScope(req.actor!, q.estateId), q);
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );
}
