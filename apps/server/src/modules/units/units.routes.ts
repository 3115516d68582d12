/**
 * /api/units/:id/file and the file's records (一户一档): every staff role reads a unit's file in
 * their estates; the front office (客服, 管家, 大堂) and the management record keys, meters, move-ins,
 * decorations and documents.
 */
import {
  Id,
  type Role,
  UnitDecoration,
  UnitDecorationBody,
  UnitDecorationPatch,
  UnitDocument,
  UnitDocumentBody,
  UnitFile,
  UnitKey,
  UnitKeyBody,
  UnitKeyPatch,
  UnitMeter,
  UnitMeterBody,
  UnitMeterPatch,
  UnitMoveIn,
  UnitMoveInBody,
  UnitMoveInPatch,
  UnitRecordDeleteQuery,
} from '@wuye/contracts';
import { z } from 'zod';
import { ANY_STAFF, roles } from '../../platform/access.ts';
import type { App } from '../../platform/http.ts';
import type { RecordTable } from './units.repository.ts';
import {
  addDecoration,
  addKey,
  addMeter,
  addMoveIn,
  attachDocument,
  detachDocument,
  editDecoration,
  editKey,
  editMeter,
  editMoveIn,
  readUnitFile,
  removeRecord,
  type UnitFileDeps,
} from './units.usecases.ts';

/** Who writes a unit's file: the front office and the management. */
export const UNIT_FILE_EDITORS: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'lobby',
  'manager',
  'hq_cs',
  'gm',
];

const Params = z.object({ id: Id });
const RecordParams = z.object({ id: Id, recordId: Id });
const DocumentParams = z.object({ id: Id, fileId: Id });

const KEYS = 'a key hand-over (钥匙); `returnedAt` records the return';
const METERS = 'a meter (表具) by number; `removedOn` takes it out of service';
const MOVE_INS = 'a move-in (入住) with the documents checked';
const DECORATIONS = 'a decoration (装修): period, contractor, permit number, status';

export function unitFileRoutes(app: App, deps: UnitFileDeps) {
  const tags = ['unit file'];
  const editors = { access: roles(...UNIT_FILE_EDITORS) };

  app.get(
    '/api/units/:id/file',
    {
      config: { access: ANY_STAFF },
      schema: {
        tags,
        description:
          'The unit’s file in one read: facts, status history, people (phones masked), keys, meters, move-ins, decorations, requests and complaints, callbacks and documents.',
        params: Params,
        response: { 200: UnitFile },
      },
    },
    async (req) => readUnitFile(deps, req.actor!, req.params.id),
  );

  const create = (what: string) => ({ tags, description: `Record ${what}.`, params: Params });
  const patch = (what: string) => ({
    tags,
    description: `Correct ${what} at the version read (409 when stale).`,
    params: RecordParams,
  });

  app.post(
    '/api/units/:id/keys',
    { config: editors, schema: { ...create(KEYS), body: UnitKeyBody, response: { 201: UnitKey } } },
    async (req, reply) => reply.status(201).send(await addKey(deps, req.actor!, req.params.id, req.body)),
  );
  app.patch(
    '/api/units/:id/keys/:recordId',
    { config: editors, schema: { ...patch(KEYS), body: UnitKeyPatch, response: { 200: UnitKey } } },
    async (req) => editKey(deps, req.actor!, req.params.id, req.params.recordId, req.body),
  );
  app.post(
    '/api/units/:id/meters',
    { config: editors, schema: { ...create(METERS), body: UnitMeterBody, response: { 201: UnitMeter } } },
    async (req, reply) => reply.status(201).send(await addMeter(deps, req.actor!, req.params.id, req.body)),
  );
  app.patch(
    '/api/units/:id/meters/:recordId',
    { config: editors, schema: { ...patch(METERS), body: UnitMeterPatch, response: { 200: UnitMeter } } },
    async (req) => editMeter(deps, req.actor!, req.params.id, req.params.recordId, req.body),
  );
  app.post(
    '/api/units/:id/move-ins',
    { config: editors, schema: { ...create(MOVE_INS), body: UnitMoveInBody, response: { 201: UnitMoveIn } } },
    async (req, reply) => reply.status(201).send(await addMoveIn(deps, req.actor!, req.params.id, req.body)),
  );
  app.patch(
    '/api/units/:id/move-ins/:recordId',
    { config: editors, schema: { ...patch(MOVE_INS), body: UnitMoveInPatch, response: { 200: UnitMoveIn } } },
    async (req) => editMoveIn(deps, req.actor!, req.params.id, req.params.recordId, req.body),
  );
  app.post(
    '/api/units/:id/decorations',
    {
      config: editors,
      schema: { ...create(DECORATIONS), body: UnitDecorationBody, response: { 201: UnitDecoration } },
    },
    async (req, reply) =>
      reply.status(201).send(await addDecoration(deps, req.actor!, req.params.id, req.body)),
  );
  app.patch(
    '/api/units/:id/decorations/:recordId',
    {
      config: editors,
      schema: { ...patch(DECORATIONS), body: UnitDecorationPatch, response: { 200: UnitDecoration } },
    },
    async (req) => editDecoration(deps, req.actor!, req.params.id, req.params.recordId, req.body),
  );

  for (const [kind, what] of [
    ['keys', KEYS],
    ['meters', METERS],
    ['move-ins', MOVE_INS],
    ['decorations', DECORATIONS],
  ] as const satisfies readonly (readonly [RecordTable, string])[]) {
    app.delete(
      `/api/units/:id/${kind}/:recordId`,
      {
        config: editors,
        schema: {
          tags,
          description: `Remove ${what} entered by mistake, at the version read (the audit log keeps it).`,
          params: RecordParams,
          querystring: UnitRecordDeleteQuery,
        },
      },
      async (req, reply) => {
        await removeRecord(deps, req.actor!, kind, req.params.id, req.params.recordId, req.query.version);
        return reply.status(204).send();
      },
    );
  }

  app.post(
    '/api/units/:id/documents',
    {
      config: editors,
      schema: {
        tags,
        description:
          'Attach a document to the unit: a file uploaded with POST /api/files to the unit’s estate and not attached to a request or another unit.',
        params: Params,
        body: UnitDocumentBody,
        response: { 201: UnitDocument },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await attachDocument(deps, req.actor!, req.params.id, req.body)),
  );

  app.delete(
    '/api/units/:id/documents/:fileId',
    {
      config: editors,
      schema: { tags, description: 'Take a document off the unit (the file stays).', params: DocumentParams },
    },
    async (req, reply) => {
      await detachDocument(deps, req.actor!, req.params.id, req.params.fileId);
      return reply.status(204).send();
    },
  );
}
