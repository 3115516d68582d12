/**
 * Arrears lists (decision 0024): the estate's current list and its history, the template, the check
 * and load of a new list (raw xlsx body, in an encapsulated plugin like the units import), the export.
 */
import {
  ARREARS_IMPORT_ROLES,
  ARREARS_READ_ROLES,
  ArrearsImportReport,
  ArrearsPage,
  ArrearsQuery,
  Id,
} from '@wuye/contracts';
import { z } from 'zod';
import { assertEstate, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { formatBytes } from '../files/files.types.ts';
import { spreadsheetUploads, uploadedFile, uploadFileName, uploadLimits } from '../imports/import.routes.ts';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS } from '../imports/import.usecases.ts';
import {
  type ArrearsDeps,
  arrearsPage,
  arrearsTemplate,
  exportArrears,
  importArrears,
} from './arrears.usecases.ts';

const Params = z.object({ id: Id });
const ImportQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false', '1', '0'])
    .optional()
    .transform((v) => v === 'true' || v === '1'),
  /** The list's date (截止日期); today in the estate when not given. */
  asOf: z.iso.date().optional(),
});

export async function arrearsRoutes(app: App, deps: ArrearsDeps & { maxBytes?: number }): Promise<void> {
  const tags = ['arrears'];
  const maxBytes = deps.maxBytes ?? IMPORT_MAX_BYTES;

  app.get(
    '/api/estates/:id/arrears',
    {
      config: { access: roles(...ARREARS_READ_ROLES) },
      schema: {
        tags,
        description:
          'The estate’s current arrears list (the newest loaded; `list` null when none was ever loaded, i.e. arrears unknown): its units owing with amount, months, first month owed, note and owners, filtered by room number or resident name (`q`), building and age band, sorted by amount (default), months or unit; the whole list’s summary by age (0–30, 31–90, 91–180, >180 days); the lists loaded before.',
        params: Params,
        querystring: ArrearsQuery,
        response: { 200: ArrearsPage },
      },
    },
    async (req) => arrearsPage(deps, req.actor!, req.params.id, req.query),
  );

  app.get(
    '/api/estates/:id/arrears/template',
    {
      config: { access: roles(...ARREARS_IMPORT_ROLES) },
      schema: {
        tags,
        description:
          'The arrears template: sheet 欠费 (楼栋, 房号, 欠费金额, 欠费月数, 起欠月份, 备注) with a note on each header and an example row (refused if left in), and a 填写说明 sheet.',
        params: Params,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      assertEstate(req.actor!, req.params.id);
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachmentDisposition('欠费导入模板.xlsx', 'arrears-template.xlsx'))
        .send(await arrearsTemplate());
    },
  );

  await spreadsheetUploads(app, (scope) => {
    scope.post(
      '/api/estates/:id/arrears/import',
      {
        config: { access: roles(...ARREARS_IMPORT_ROLES) },
        ...uploadLimits(maxBytes),
        schema: {
          tags,
          description: `Load the fee system’s arrears list of the estate as of \`asOf\` (not after today, not before the current list’s date) from an xlsx in the template’s layout: the raw file as the body (at most ${formatBytes(maxBytes)}, ${IMPORT_MAX_ROWS.toLocaleString('en-US')} rows; optional X-File-Name, URI-encoded). Every row is checked (the unit exists in the estate and appears once, amount in yuan > 0 with at most 2 decimals, months 1–600, first month owed as YYYY-MM); errors by row and column in Chinese. \`dryRun=true\` only checks (200). Otherwise, with any error nothing is written (422); without, the list becomes the estate’s current one in one transaction (201) — units not on it owe nothing — and the load is audited. A sheet with only its header loads an empty list (nobody owes).`,
          params: Params,
          querystring: ImportQuery,
          response: { 200: ArrearsImportReport, 201: ArrearsImportReport, 422: ArrearsImportReport },
        },
      },
      async (req, reply) => {
        const report = await importArrears(deps, req.actor!, req.params.id, uploadedFile(req.body), {
          dryRun: req.query.dryRun,
          asOf: req.query.asOf,
          fileName: uploadFileName(req.headers),
        });
        return reply.status(report.dryRun ? 200 : report.ok ? 201 : 422).send(report);
      },
    );
  });

  app.get(
    '/api/estates/:id/arrears/export',
    {
      config: { access: roles(...ARREARS_READ_ROLES) },
      schema: {
        tags,
        description: `${exportDescription('The estate’s current arrears list in the template’s layout (sheet 欠费), loadable again')} 400 when the estate has no list.`,
        params: Params,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) =>
      sendListExport(reply, await exportArrears(deps, req.actor!, req.params.id, req.locale)),
  );
}
