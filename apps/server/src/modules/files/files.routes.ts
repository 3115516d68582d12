/**
 * /api/files: upload an attachment as the raw request body, and download it again. Registered in an
 * encapsulated plugin so the raw-body parser and the 10 MB body limit apply to these routes only
 * (the rest of the API keeps JSON and 1 MB).
 */
import { Id } from '@wuye/contracts';
import type { FastifyError } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ANY_STAFF, roles } from '../../platform/access.ts';
import { AppError, fieldError } from '../../platform/errors.ts';
import type { App } from '../../platform/http.ts';
import { fileMessages as m } from './files.messages.ts';
import {
  CONTENT_TYPES,
  contentDisposition,
  DEFAULT_MAX_BYTES,
  describeTypes,
  FILE_CONTENT_TYPES,
  FILE_KINDS,
  type FileContentType,
  formatBytes,
} from './files.types.ts';
import { type FileDeps, findReadableFile, uploadFile } from './files.usecases.ts';

/** Every staff role that works requests. */
export const UPLOAD_ROLES = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'lobby',
  'control_room',
  'manager',
  'hq_cs',
  'gm',
  'technician',
  'dept_lead',
] as const;

const UploadQuery = z.strictObject({ estateId: Id, kind: z.enum(FILE_KINDS) });
const FileSummary = z.object({
  id: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  name: z.string(),
  kind: z.enum(FILE_KINDS),
  url: z.string(),
});
const Params = z.object({ id: Id });

export async function fileRoutes(app: App, deps: FileDeps): Promise<void> {
  const maxBytes = deps.maxBytes ?? DEFAULT_MAX_BYTES;
  const tags = ['files'];

  await app.register(async (instance) => {
    const scope = instance.withTypeProvider<ZodTypeProvider>();
    // Whatever the Content-Type, the body arrives as bytes; the use case checks type and content.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    scope.post(
      '/api/files',
      {
        config: { access: roles(...UPLOAD_ROLES) },
        bodyLimit: maxBytes,
        // Fastify's own refusals of the body (too large, malformed Content-Type) name the `file` field.
        errorHandler: (err) => {
          throw bodyError(err, maxBytes);
        },
        schema: {
          tags,
          description: `Upload an attachment: the raw file as the body with its Content-Type (${FILE_CONTENT_TYPES.join(', ')}), at most ${formatBytes(maxBytes)} (a signature: a PNG of at most 1 MB). Optional X-File-Name header, URI-encoded (encodeURIComponent). The content must match the declared type.`,
          querystring: UploadQuery,
          response: { 201: FileSummary },
        },
      },
      async (req, reply) => {
        const summary = await uploadFile(deps, req.actor!, {
          estateId: req.query.estateId,
          kind: req.query.kind,
          contentType: req.headers['content-type'],
          fileName: req.headers['x-file-name'],
          content: req.body,
        });
        return reply.status(201).send(summary);
      },
    );

    scope.get(
      '/api/files/:id',
      {
        config: { access: ANY_STAFF },
        // The content of an id never changes: the browser may keep it (privately) for an hour.
        onSend: async (_req, reply, payload) => {
          if (reply.statusCode === 200 || reply.statusCode === 304)
            reply.header('cache-control', 'private, max-age=3600');
          return payload;
        },
        schema: {
          tags,
          description:
            'Download an attachment of one of your estates. Images are shown inline; PDF and Office documents are always downloaded.',
          params: Params,
        },
      },
      async (req, reply) => {
        const file = await findReadableFile(deps.db, req.actor!, req.params.id);
        const info = CONTENT_TYPES[file.contentType as FileContentType];
        const etag = `"${file.sha256}"`;
        reply
          .header('etag', etag)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('content-disposition', contentDisposition(info?.inline ?? false, file.originalName));
        if (req.headers['if-none-match'] === etag) return reply.status(304).send();
        const { stream, size } = await deps.store.read(file.sha256);
        return reply
          .type(info ? file.contentType : 'application/octet-stream')
          .header('content-length', size)
          .send(stream);
      },
    );
  });
}

function bodyError(err: FastifyError | AppError, maxBytes: number): Error {
  if (err instanceof AppError) return err;
  switch (err.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return fieldError('file', m.tooLarge(formatBytes(maxBytes)));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return fieldError('file', m.type(describeTypes(FILE_CONTENT_TYPES)));
  }
  return err;
}
