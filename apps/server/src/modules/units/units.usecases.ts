/**
 * The unit file (一户一档): the one read that gathers a unit's facts, status history, people (phones
 * masked), keys, meters, move-ins, decorations, requests, callbacks and documents; and the writes of
 * the file's own records. Every call starts from the unit, within the caller's estates (404 for a unit
 * of another estate); a record is found under its unit only. Each write is one transaction with its
 * audit event; edits and removals name the version they read (409 when stale).
 */
import {
  ARREARS_READ_ROLES,
  type DecorationStatus,
  type MeterKind,
  type MoveInDocument,
  UNIT_FILE_LIST_LIMIT,
  type UnitDecoration,
  type UnitDecorationBody,
  type UnitDecorationPatch,
  type UnitDocument,
  type UnitDocumentBody,
  type UnitFile,
  type UnitKey,
  type UnitKeyBody,
  type UnitKeyPatch,
  type UnitMeter,
  type UnitMeterBody,
  type UnitMeterPatch,
  type UnitMoveIn,
  type UnitMoveInBody,
  type UnitMoveInPatch,
  unitLabel,
} from '@wuye/contracts';
import { type Actor, assertEstate, hasAnyRole } from '../../platform/access.ts';
import { type EventInput, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import { newId } from '../../platform/ids.ts';
import { maskPhone } from '../../platform/mask.ts';
import { arrearsOfUnit } from '../arrears/arrears.repository.ts';
import { assertFilesUsable, fileUrl, releaseFiles, takeFiles } from '../files/files.usecases.ts';
import { statusHistory, unitDetail } from '../organisation/organisation.structure.repository.ts';
import { listVisits } from '../relations/relations.repository.ts';
import {
  callbacksOfUnit,
  type DecorationRow,
  decorationsOfUnit,
  deleteDocument,
  deleteRecord,
  documentsOfUnit,
  findRecord,
  findUnitOfFile,
  insertDocument,
  insertRecord,
  isResidentOfUnit,
  keysOfUnit,
  type MeterRow,
  meterNumberOwner,
  metersOfUnit,
  moveInsOfUnit,
  peopleOfUnit,
  type RecordRows,
  type RecordTable,
  requestsOfUnit,
  updateRecord,
} from './units.repository.ts';

export interface UnitFileDeps {
  db: Db;
  clock: Clock;
}

/** A little slack for a clock a minute ahead on the front-desk PC. */
const FUTURE_SLACK_MS = 5 * 60_000;

const iso = (v: Date | string) => new Date(v).toISOString();
const isoOrNull = (v: Date | string | null) => (v === null ? null : iso(v));
const stale = () => new AppError('CONFLICT', 'conflict.stale');

// ---- the file -----------------------------------------------------------------------------------

export async function readUnitFile(
  deps: Pick<UnitFileDeps, 'db'>,
  actor: Actor,
  unitId: string,
): Promise<UnitFile> {
  const { db } = deps;
  const unit = await unitDetail(db, unitId);
  if (!unit || unit.companyId !== actor.companyId || !actor.estateIds.includes(unit.estateId))
    throw notFound('notFound.unit');
  const limit = UNIT_FILE_LIST_LIMIT;
  const [
    history,
    people,
    keys,
    meters,
    moveIns,
    decorations,
    requests,
    callbacks,
    visits,
    documents,
    arrears,
  ] = await Promise.all([
    statusHistory(db, unitId),
    peopleOfUnit(db, unitId),
    keysOfUnit(db, unitId),
    metersOfUnit(db, unitId),
    moveInsOfUnit(db, unitId),
    decorationsOfUnit(db, unitId),
    requestsOfUnit(db, unit.estateId, unitId, limit),
    callbacksOfUnit(db, unit.estateId, unitId, limit),
    listVisits(db, [unit.estateId], { unitId, pageSize: limit }),
    documentsOfUnit(db, unitId),
    // What the unit owes, for those who may read arrears (not the technicians).
    hasAnyRole(actor, ARREARS_READ_ROLES) ? arrearsOfUnit(db, unit.estateId, unitId) : null,
  ]);
  const { timeZone, companyId: _c, ...facts } = unit;
  return {
    unit: { ...facts, label: unitLabel(unit.buildingName, unit.number) },
    timeZone,
    statusHistory: history.map((h) => ({
      at: iso(h.at),
      byName: h.by_name,
      from: h.from_status,
      to: h.to_status,
      note: h.note,
    })),
    people: people.map((p) => ({
      residentId: p.resident_id,
      name: p.name,
      phones: p.phones.map(maskPhone),
      grade: p.grade,
      relation: p.relation,
      since: p.since,
    })),
    keys: keys.map((k) => ({
      id: k.id,
      keyName: k.key_name,
      copies: k.copies,
      holderName: k.holder_name,
      holderResidentId: k.holder_resident_id,
      handedAt: iso(k.handed_at),
      handedByName: k.handed_by_name,
      returnedAt: isoOrNull(k.returned_at),
      returnedToName: k.returned_to_name,
      note: k.note,
      version: k.version,
    })),
    meters: meters.map(meterJson),
    moveIns: moveIns.map((m) => ({
      id: m.id,
      movedInOn: m.moved_in_on,
      residentId: m.resident_id,
      residentName: m.resident_name,
      handledByName: m.handled_by_name,
      documentsChecked: m.documents_checked as MoveInDocument[],
      note: m.note,
      version: m.version,
    })),
    decorations: decorations.map(decorationJson),
    requests: {
      items: requests.items.map((r) => ({
        id: r.id,
        number: r.number,
        type: r.type,
        state: r.state,
        description: r.description,
        receivedAt: iso(r.received_at),
        closedAt: isoOrNull(r.closed_at),
      })),
      ...requests.counts,
    },
    callbacks: {
      items: callbacks.items.map((c) => ({
        id: c.id,
        requestId: c.request_id,
        requestNumber: c.request_number,
        at: iso(c.at),
        byName: c.by_name,
        method: c.method,
        reached: c.reached,
        satisfaction: c.satisfaction,
        comment: c.comment,
      })),
      total: callbacks.total,
    },
    visits,
    documents: documents.map(
      (d): UnitDocument => ({
        fileId: d.file_id,
        name: d.name,
        title: d.title,
        contentType: d.content_type,
        size: d.size,
        kind: d.kind,
        url: fileUrl(d.file_id),
        attachedAt: iso(d.attached_at),
        attachedByName: d.attached_by_name,
      }),
    ),
    arrears,
  };
}

function meterJson(m: MeterRow): UnitMeter {
  return {
    id: m.id,
    kind: m.kind as MeterKind,
    number: m.number,
    position: m.position,
    installedOn: m.installedOn,
    removedOn: m.removedOn,
    note: m.note,
    version: m.version,
  };
}

function decorationJson(d: DecorationRow): UnitDecoration {
  return {
    id: d.id,
    startsOn: d.startsOn,
    endsOn: d.endsOn,
    contractor: d.contractor,
    permitNo: d.permitNo,
    status: d.status as DecorationStatus,
    note: d.note,
    version: d.version,
  };
}

// ---- the shared shape of a record write ---------------------------------------------------------

type UnitOfFile = NonNullable<Awaited<ReturnType<typeof findUnitOfFile>>>;

/** The unit, locked for the write, if it is one of the caller's (404 otherwise). */
async function writableUnit(db: Db, actor: Actor, unitId: string): Promise<UnitOfFile> {
  const unit = await findUnitOfFile(db, actor.companyId, unitId, true);
  if (!unit || !actor.estateIds.includes(unit.estateId)) throw notFound('notFound.unit');
  return unit;
}

/** The record under its unit, at the version the editor read. */
async function recordAt<K extends RecordTable>(
  db: Db,
  kind: K,
  unitId: string,
  id: string,
  version: number,
): Promise<RecordRows[K]> {
  const row = await findRecord(db, kind, unitId, id, true);
  if (!row) throw notFound('notFound.record');
  if (row.version !== version) throw stale();
  return row;
}

const ENTITY: Record<RecordTable, string> = {
  keys: 'unit_key',
  meters: 'unit_meter',
  'move-ins': 'unit_move_in',
  decorations: 'unit_decoration',
};

function recordEvent(
  actor: Actor,
  unit: UnitOfFile,
  kind: RecordTable,
  id: string,
  action: string,
  at: Date,
  data: Record<string, unknown>,
): EventInput {
  return {
    companyId: actor.companyId,
    estateId: unit.estateId,
    entityType: ENTITY[kind],
    entityId: id,
    action,
    actorId: actor.userId,
    at,
    data: { unitId: unit.id, unit: unitLabel(unit.buildingName, unit.number), ...data },
  };
}

/** The fields of `set` that differ from `row`, as { field: { from, to } }. */
function changesOf(row: object, set: object): Record<string, { from: unknown; to: unknown }> {
  const out: Record<string, { from: unknown; to: unknown }> = {};
  for (const [k, to] of Object.entries(set)) {
    if (to === undefined) continue;
    const from = (row as Record<string, unknown>)[k];
    const same =
      from instanceof Date && to instanceof Date
        ? from.getTime() === to.getTime()
        : JSON.stringify(from) === JSON.stringify(to);
    if (!same) out[k] = { from, to };
  }
  return out;
}

/** Edits one record: guard → versioned update → event (nothing is written when nothing changes). */
async function editRecord<K extends RecordTable>(
  deps: UnitFileDeps,
  actor: Actor,
  kind: K,
  unitId: string,
  id: string,
  version: number,
  build: (tx: Db, unit: UnitOfFile, row: RecordRows[K], at: Date) => Promise<Partial<RecordRows[K]>>,
): Promise<RecordRows[K]> {
  return deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    const row = await recordAt(tx, kind, unitId, id, version);
    const at = deps.clock.now();
    const set = await build(tx, unit, row, at);
    const changes = changesOf(row, set);
    if (Object.keys(changes).length === 0) return row;
    const onlyChanged = Object.fromEntries(
      Object.keys(changes).map((k) => [k, (set as Record<string, unknown>)[k]]),
    ) as Partial<RecordRows[K]>;
    const updated = await updateRecord(tx, kind, id, version, onlyChanged);
    if (!updated) throw stale();
    await recordEvents(tx, [
      recordEvent(actor, unit, kind, id, 'changed', at, { version: updated.version, changes }),
    ]);
    return updated;
  });
}

export async function removeRecord(
  deps: UnitFileDeps,
  actor: Actor,
  kind: RecordTable,
  unitId: string,
  id: string,
  version: number,
): Promise<void> {
  await deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    const row = await recordAt(tx, kind, unitId, id, version);
    if (!(await deleteRecord(tx, kind, id, version))) throw stale();
    const { companyId: _c, estateId: _e, unitId: _u, ...kept } = row as Record<string, unknown>;
    await recordEvents(tx, [
      recordEvent(actor, unit, kind, id, 'removed', deps.clock.now(), { record: kept }),
    ]);
  });
}

async function residentOfUnit(db: Db, unitId: string, field: string, residentId: string | null | undefined) {
  if (residentId && !(await isResidentOfUnit(db, unitId, residentId)))
    throw fieldError(field, 'validation.residentNotOfUnit');
}

function notFuture(field: string, at: Date, now: Date) {
  if (at.getTime() > now.getTime() + FUTURE_SLACK_MS) throw fieldError(field, 'validation.notFuture');
}

// ---- keys (钥匙) --------------------------------------------------------------------------------

async function keyJson(db: Db, unitId: string, id: string): Promise<UnitKey> {
  const k = (await keysOfUnit(db, unitId)).find((x) => x.id === id)!;
  return {
    id: k.id,
    keyName: k.key_name,
    copies: k.copies,
    holderName: k.holder_name,
    holderResidentId: k.holder_resident_id,
    handedAt: iso(k.handed_at),
    handedByName: k.handed_by_name,
    returnedAt: isoOrNull(k.returned_at),
    returnedToName: k.returned_to_name,
    note: k.note,
    version: k.version,
  };
}

export async function addKey(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  body: UnitKeyBody,
): Promise<UnitKey> {
  return deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    const at = deps.clock.now();
    const handedAt = new Date(body.handedAt);
    notFuture('handedAt', handedAt, at);
    await residentOfUnit(tx, unitId, 'holderResidentId', body.holderResidentId);
    const row = await insertRecord(tx, 'keys', {
      id: newId(at.getTime()),
      companyId: unit.companyId,
      estateId: unit.estateId,
      unitId,
      keyName: body.keyName,
      copies: body.copies ?? 1,
      holderName: body.holderName,
      holderResidentId: body.holderResidentId ?? null,
      handedAt,
      handedById: actor.userId,
      note: body.note || null,
    });
    await recordEvents(tx, [
      recordEvent(actor, unit, 'keys', row.id, 'handed_over', at, {
        keyName: row.keyName,
        copies: row.copies,
        holderName: row.holderName,
        handedAt: body.handedAt,
      }),
    ]);
    return keyJson(tx, unitId, row.id);
  });
}

export async function editKey(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  id: string,
  body: UnitKeyPatch,
): Promise<UnitKey> {
  const row = await editRecord(deps, actor, 'keys', unitId, id, body.version, async (tx, _unit, row, now) => {
    await residentOfUnit(tx, unitId, 'holderResidentId', body.holderResidentId);
    const handedAt = body.handedAt ? new Date(body.handedAt) : row.handedAt;
    if (body.handedAt) notFuture('handedAt', handedAt, now);
    const returnedAt =
      body.returnedAt === undefined
        ? row.returnedAt
        : body.returnedAt === null
          ? null
          : new Date(body.returnedAt);
    if (returnedAt) {
      notFuture('returnedAt', returnedAt, now);
      if (returnedAt < handedAt) throw fieldError('returnedAt', 'validation.returnedBeforeHanded');
    }
    const returning =
      body.returnedAt !== undefined &&
      (returnedAt?.getTime() ?? null) !== (row.returnedAt?.getTime() ?? null);
    return {
      keyName: body.keyName,
      copies: body.copies,
      holderName: body.holderName,
      holderResidentId: body.holderResidentId,
      handedAt: body.handedAt ? handedAt : undefined,
      returnedAt: body.returnedAt === undefined ? undefined : returnedAt,
      // Who took the keys back is whoever records the return.
      returnedToId: returning ? (returnedAt ? actor.userId : null) : undefined,
      note: body.note === undefined ? undefined : body.note || null,
    };
  });
  return keyJson(deps.db, unitId, row.id);
}

// ---- meters (表具) ------------------------------------------------------------------------------

async function meterUnique(db: Db, estateId: string, kind: MeterKind, number: string, exceptId?: string) {
  const owner = await meterNumberOwner(db, estateId, kind, number, exceptId);
  if (owner) throw fieldError('number', { key: 'validation.meterNumberTaken', params: { unit: owner } });
}

export async function addMeter(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  body: UnitMeterBody,
): Promise<UnitMeter> {
  return deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    await meterUnique(tx, unit.estateId, body.kind, body.number);
    const at = deps.clock.now();
    const row = await insertRecord(tx, 'meters', {
      id: newId(at.getTime()),
      companyId: unit.companyId,
      estateId: unit.estateId,
      unitId,
      kind: body.kind,
      number: body.number,
      position: body.position || null,
      installedOn: body.installedOn ?? null,
      note: body.note || null,
    });
    await recordEvents(tx, [
      recordEvent(actor, unit, 'meters', row.id, 'added', at, { kind: row.kind, number: row.number }),
    ]);
    return meterJson(row);
  });
}

export async function editMeter(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  id: string,
  body: UnitMeterPatch,
): Promise<UnitMeter> {
  const row = await editRecord(deps, actor, 'meters', unitId, id, body.version, async (tx, unit, row) => {
    if (body.number && body.number !== row.number)
      await meterUnique(tx, unit.estateId, row.kind as MeterKind, body.number, id);
    const installedOn = body.installedOn === undefined ? row.installedOn : body.installedOn;
    const removedOn = body.removedOn === undefined ? row.removedOn : body.removedOn;
    if (installedOn && removedOn && removedOn < installedOn)
      throw fieldError('removedOn', 'validation.removedBeforeInstalled');
    return {
      number: body.number,
      position: body.position === undefined ? undefined : body.position || null,
      installedOn: body.installedOn,
      removedOn: body.removedOn,
      note: body.note === undefined ? undefined : body.note || null,
    };
  });
  return meterJson(row);
}

// ---- move-ins (入住) ----------------------------------------------------------------------------

async function moveInJson(db: Db, unitId: string, id: string): Promise<UnitMoveIn> {
  const m = (await moveInsOfUnit(db, unitId)).find((x) => x.id === id)!;
  return {
    id: m.id,
    movedInOn: m.moved_in_on,
    residentId: m.resident_id,
    residentName: m.resident_name,
    handledByName: m.handled_by_name,
    documentsChecked: m.documents_checked as MoveInDocument[],
    note: m.note,
    version: m.version,
  };
}

export async function addMoveIn(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  body: UnitMoveInBody,
): Promise<UnitMoveIn> {
  return deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    await residentOfUnit(tx, unitId, 'residentId', body.residentId);
    const at = deps.clock.now();
    const documents = [...new Set(body.documentsChecked ?? [])];
    const row = await insertRecord(tx, 'move-ins', {
      id: newId(at.getTime()),
      companyId: unit.companyId,
      estateId: unit.estateId,
      unitId,
      movedInOn: body.movedInOn,
      residentId: body.residentId ?? null,
      residentName: body.residentName,
      handledById: actor.userId,
      documentsChecked: documents,
      note: body.note || null,
    });
    await recordEvents(tx, [
      recordEvent(actor, unit, 'move-ins', row.id, 'added', at, {
        movedInOn: row.movedInOn,
        residentName: row.residentName,
        documentsChecked: documents,
      }),
    ]);
    return moveInJson(tx, unitId, row.id);
  });
}

export async function editMoveIn(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  id: string,
  body: UnitMoveInPatch,
): Promise<UnitMoveIn> {
  await editRecord(deps, actor, 'move-ins', unitId, id, body.version, async (tx) => {
    await residentOfUnit(tx, unitId, 'residentId', body.residentId);
    return {
      movedInOn: body.movedInOn,
      residentId: body.residentId,
      residentName: body.residentName,
      documentsChecked: body.documentsChecked ? [...new Set(body.documentsChecked)] : undefined,
      note: body.note === undefined ? undefined : body.note || null,
    };
  });
  return moveInJson(deps.db, unitId, id);
}

// ---- decorations (装修) -------------------------------------------------------------------------

export async function addDecoration(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  body: UnitDecorationBody,
): Promise<UnitDecoration> {
  return deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    const at = deps.clock.now();
    const row = await insertRecord(tx, 'decorations', {
      id: newId(at.getTime()),
      companyId: unit.companyId,
      estateId: unit.estateId,
      unitId,
      startsOn: body.startsOn,
      endsOn: body.endsOn,
      contractor: body.contractor,
      permitNo: body.permitNo || null,
      status: body.status ?? 'applied',
      note: body.note || null,
      createdById: actor.userId,
    });
    await recordEvents(tx, [
      recordEvent(actor, unit, 'decorations', row.id, 'added', at, {
        startsOn: row.startsOn,
        endsOn: row.endsOn,
        contractor: row.contractor,
        status: row.status,
      }),
    ]);
    return decorationJson(row);
  });
}

export async function editDecoration(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  id: string,
  body: UnitDecorationPatch,
): Promise<UnitDecoration> {
  const row = await editRecord(
    deps,
    actor,
    'decorations',
    unitId,
    id,
    body.version,
    async (_tx, _unit, row) => {
      const startsOn = body.startsOn ?? row.startsOn;
      const endsOn = body.endsOn ?? row.endsOn;
      if (endsOn < startsOn) throw fieldError(body.endsOn ? 'endsOn' : 'startsOn', 'validation.dateRange');
      return {
        startsOn: body.startsOn,
        endsOn: body.endsOn,
        contractor: body.contractor,
        permitNo: body.permitNo === undefined ? undefined : body.permitNo || null,
        status: body.status,
        note: body.note === undefined ? undefined : body.note || null,
      };
    },
  );
  return decorationJson(row);
}

// ---- documents ----------------------------------------------------------------------------------

/**
 * Files the unit keeps (房产证复印件, 入住资料 …): uploaded with POST /api/files to the unit's
 * estate, then attached here. The same checks as a request's attachments: the file is of the caller's
 * company and of the unit's estate, and serves no other record (request, letter, visit); a file is on
 * one unit only.
 */
export async function attachDocument(
  deps: UnitFileDeps,
  actor: Actor,
  unitId: string,
  body: UnitDocumentBody,
): Promise<UnitDocument> {
  return deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    assertEstate(actor, unit.estateId);
    const [file] = await assertFilesUsable(tx, actor, unit.estateId, body.fileId, { field: 'fileId' });
    const at = deps.clock.now();
    const attached = await insertDocument(tx, {
      fileId: file!.id,
      companyId: unit.companyId,
      estateId: unit.estateId,
      unitId,
      title: body.title || null,
      attachedById: actor.userId,
      attachedAt: at,
    });
    if (!attached) throw fieldError('fileId', 'validation.fileOnUnit');
    await takeFiles(tx, file!.id, 'unit_document', { field: 'fileId' });
    await recordEvents(tx, [
      {
        companyId: actor.companyId,
        estateId: unit.estateId,
        entityType: 'unit',
        entityId: unitId,
        action: 'document_attached',
        actorId: actor.userId,
        at,
        data: { fileId: file!.id, name: file!.originalName, title: body.title ?? null },
      },
    ]);
    return {
      fileId: file!.id,
      name: file!.originalName,
      title: body.title || null,
      contentType: file!.contentType,
      size: file!.size,
      kind: file!.kind,
      url: fileUrl(file!.id),
      attachedAt: at.toISOString(),
      attachedByName: actor.name,
    };
  });
}

export async function detachDocument(deps: UnitFileDeps, actor: Actor, unitId: string, fileId: string) {
  await deps.db.transaction(async (tx) => {
    const unit = await writableUnit(tx, actor, unitId);
    const row = await deleteDocument(tx, unitId, fileId);
    if (!row) throw notFound('notFound.file');
    await releaseFiles(tx, fileId, 'unit_document');
    await recordEvents(tx, [
      {
        companyId: actor.companyId,
        estateId: unit.estateId,
        entityType: 'unit',
        entityId: unitId,
        action: 'document_detached',
        actorId: actor.userId,
        at: deps.clock.now(),
        data: { fileId, title: row.title },
      },
    ]);
  });
}
