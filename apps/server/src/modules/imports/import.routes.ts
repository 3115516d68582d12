/**
 * The spreadsheet import of an estate's units and residents (template, check, import) and the exports
 * in the same layout. The import is registered in an encapsulated plugin: its body is the raw xlsx
 * (any Content-Type) up to IMPORT_MAX_BYTES, while the rest of the API keeps JSON and 1 MB.
 */
import { Id, IMPORT_ROLES, ImportReport, RESIDENT_FILE_ROLES } from '@wuye/contracts';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_STAFF, assertEstate, estateScope, roles } from '../../platform/access.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { exportDescription, sendListExport } from '../../platform/list-export.ts';
import { attachmentDisposition, XLSX_CONTENT_TYPE } from '../../platform/xlsx.ts';
import { formatBytes } from '../files/files.types.ts';
import { exportResidents, exportUnits, FULL_EXPORT_ROLES } from './import.export.ts';
import { templateWorkbook } from './import.template.ts';
import { IMPORT_MAX_BYTES, IMPORT_MAX_ROWS, type ImportDeps, importWorkbook } from './import.usecases.ts';

const Params = z.object({ id: Id });
const Flag = z
  .enum(['true', 'false', '1', '0'])
  .optional()
  .transform((v) => v === 'true' || v === '1');
const ImportQuery = z.strictObject({ dryRun: Flag });
const ResidentExportQuery = z.strictObject({ estateId: Id.optional(), full: Flag });

export async function importRoutes(app: App, deps: ImportDeps & { maxBytes?: number }): Promise<void> {
  const tags = ['import and export'];
  const maxBytes = deps.maxBytes ?? IMPORT_MAX_BYTES;

  app.get(
    '/api/estates/:id/import/template',
    {
      config: { access: roles(...IMPORT_ROLES) },
      schema: {
        tags,
        description:
          'The import template: sheets 房屋 (楼栋, 房号, 楼层, 建筑面积, 用途, 状态, 项目) and 住户 (姓名, 手机, 其他电话, 身份证号, 性别, 生日, 楼栋, 房号, 与房屋关系, 入住日期, 备注, 项目) with a note on each header, an example row each (refused if left in) and a 填写说明 sheet.',
        params: Params,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      assertEstate(req.actor!, req.params.id);
      const file = await templateWorkbook();
      return reply
        .header('content-type', XLSX_CONTENT_TYPE)
        .header('content-disposition', attachmentDisposition('房屋住户导入模板.xlsx', 'import-template.xlsx'))
        .send(file);
    },
  );

  await spreadsheetUploads(app, (scope) => {
    scope.post(
      '/api/estates/:id/import',
      {
        config: { access: roles(...IMPORT_ROLES) },
        ...uploadLimits(maxBytes),
        schema: {
          tags,
          description: `Import units and residents from an xlsx workbook in the template's layout: the raw file as the body (at most ${formatBytes(maxBytes)}, ${IMPORT_MAX_ROWS.toLocaleString('en-US')} data rows; optional X-File-Name, URI-encoded). Every row is checked (required columns, phones and 18-digit ID numbers, units named by residents in the file or the estate, duplicates in the file and against the estate); errors come back by sheet, row (as Excel numbers it) and column, in Chinese, at most 200 listed with errorTotal. \`dryRun=true\` only checks (200). Otherwise, with any error nothing is written (422, the same report); without, everything is written in one transaction (201) — missing buildings created — and audited. Rows already on file are refused as duplicates (an import only adds).`,
          params: Params,
          querystring: ImportQuery,
          response: { 200: ImportReport, 201: ImportReport, 422: ImportReport },
        },
      },
      async (req, reply) => {
        const report = await importWorkbook(deps, req.actor!, req.params.id, uploadedFile(req.body), {
          dryRun: req.query.dryRun,
          fileName: uploadFileName(req.headers),
        });
        return reply.status(report.dryRun ? 200 : report.ok ? 201 : 422).send(report);
      },
    );
  });

  app.get(
    '/api/estates/:id/units/export',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description: `${exportDescription('The estate’s units in the import layout (sheet 房屋)')} Re-importing it refuses the units as duplicates.`,
        params: Params,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) =>
      sendListExport(reply, await exportUnits(deps, req.actor!, req.params.id, req.locale)),
  );

  app.get(
    '/api/residents/export',
    {
      config: { access: roles(...RESIDENT_FILE_ROLES) },
      schema: {
        tags,
        description: `The residents in the import layout (sheet 住户): one row per resident and current unit, at most 50,000 rows, each export audited. Phones and ID numbers masked; \`full=true\` exports them in full, for ${FULL_EXPORT_ROLES.join(', ')} only (403 otherwise), recorded as such in the audit event.`,
        querystring: ResidentExportQuery,
        produces: [XLSX_CONTENT_TYPE],
      },
    },
    async (req, reply) => {
      const actor = req.actor!;
      const file = await exportResidents(
        deps,
        actor,
        estateScope(actor, req.query.estateId),
        { estateId: req.query.estateId, full: req.query.full },
        req.locale,
      );
      return sendListExport(reply, file);
    },
  );
}

/**
 * Routes whose body is the raw spreadsheet (any Content-Type, as a Buffer), registered in an
 * encapsulated plugin so the rest of the API keeps its JSON parser and 1 MB limit.
 */
export async function spreadsheetUploads(app: App, routes: (scope: App) => void): Promise<void> {
  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
    routes(scope);
  });
}

/** An upload route's body limit, and its refusals as the field error of `file`. */
export function uploadLimits(maxBytes: number) {
  return {
    bodyLimit: maxBytes,
    errorHandler: (err: FastifyError | AppError) => {
      throw bodyError(err, maxBytes);
    },
  };
}

export const uploadedFile = (body: unknown): Buffer | undefined => (Buffer.isBuffer(body) ? body : undefined);

/** The uploaded file's name from X-File-Name (URI-encoded), when given and readable. */
export function uploadFileName(headers: Record<string, string | string[] | undefined>): string | undefined {
  const name = headers['x-file-name'];
  try {
    return typeof name === 'string' ? decodeURIComponent(name).slice(0, 200) : undefined;
  } catch {
    return undefined;
  }
}

function bodyError(err: FastifyError | AppError, maxBytes: number): Error {
  if (err instanceof AppError) return err;
  if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return fieldError('file', { key: 'validation.importTooLarge', params: { size: formatBytes(maxBytes) } });
  if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_TYPE')
    return fieldError('file', 'validation.importNotXlsx');
  return err;
}
