/**
 * The person record (spec 03 §2–3): create, read (masked), change with optimistic concurrency and
 * field-level errors, the grade with its reason and history, relations to units, and the owners'
 * authorisation letters. Every change writes its audit event in the same transaction; personal
 * numbers go into events masked.
 */
import {
  type AddAuthorisationBody,
  type AddUnitRelationBody,
  type AuthorisationStatus,
  type CreateResidentBody,
  type EndUnitRelationBody,
  GENDER_LABELS,
  type Gender,
  type Grade,
  type HouseholdSegment,
  idBirthday,
  idGender,
  type PatchResidentBody,
  RELATION_LABELS,
  RESIDENT_FILE_ROLES,
  RESIDENT_PATCH_ROLES,
  type ResidentDetail,
  type ResidentRelation,
} from '@wuye/contracts';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import { type EventInput, recordEvents } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, forbidden, notFound } from '../../platform/errors.ts';
import type { Message } from '../../platform/i18n.ts';
import { newId } from '../../platform/ids.ts';
import { maskIdNumber, maskPhone } from '../../platform/mask.ts';
import { localParts } from '../../platform/time.ts';
import { assertFilesUsable, fileUrl, takeFiles } from '../files/files.usecases.ts';
import { estates } from '../organisation/organisation.table.ts';
import {
  type AuthorisationJson,
  findRelation,
  findResident,
  type ResidentRow,
  residentRecordParts,
  residentWithIdNumber,
  unitsByIds,
} from './residents.repository.ts';
import { residentAuthorisations, residents, residentUnits } from './residents.table.ts';

export { RESIDENT_FILE_ROLES, RESIDENT_PATCH_ROLES };

export interface ResidentDeps {
  db: Db;
  clock: Clock;
}

// The bodies after validation: phones, ID numbers and plates normalised.
type CreateInput = z.output<typeof CreateResidentBody>;
type PatchInput = z.output<typeof PatchResidentBody>;
type RelationInput = z.output<typeof AddUnitRelationBody>;
type EndRelationInput = z.output<typeof EndUnitRelationBody>;
type AuthorisationInput = z.output<typeof AddAuthorisationBody>;

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Several field errors in one 400. */
class FieldErrors {
  private readonly fields: Record<string, Message> = {};
  add(field: string, msg: Message | Message['key']) {
    if (!this.fields[field]) this.fields[field] = typeof msg === 'string' ? { key: msg } : msg;
  }
  throwIfAny() {
    if (Object.keys(this.fields).length)
      throw new AppError('VALIDATION', 'validation.failed', { fields: this.fields });
  }
}

/** The resident if the caller may see them (of their company and estates); 404 otherwise. */
async function residentInScope(
  db: Db,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ResidentRow> {
  const row = await findResident(db, actor.companyId, id, options);
  if (!row || !actor.estateIds.includes(row.estate_id)) throw notFound('notFound.resident');
  return row;
}

function today(clock: Clock, timeZone: string): string {
  return localParts(clock.now(), timeZone).date;
}

// ---- read ----------------------------------------------------------------------------------------

export async function getResident(deps: ResidentDeps, actor: Actor, id: string): Promise<ResidentDetail> {
  const row = await residentInScope(deps.db, actor, id);
  return residentDetail(deps.db, row, today(deps.clock, row.time_zone));
}

function authorisationStatus(a: AuthorisationJson, day: string): AuthorisationStatus {
  if (a.validFrom > day) return 'pending';
  if (a.validUntil < day) return 'expired';
  return 'valid';
}

/** The record as staff see it: every personal number masked. */
export async function residentDetail(db: Db, row: ResidentRow, day: string): Promise<ResidentDetail> {
  const parts = await residentRecordParts(db, row.id);
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  return {
    id: row.id,
    estateId: row.estate_id,
    estateName: row.estate_name,
    name: row.name,
    gender: row.gender as Gender | null,
    birthday: row.birthday,
    phones: row.phones.map(maskPhone),
    idNumber: row.id_number ? maskIdNumber(row.id_number) : null,
    segment: row.segment as HouseholdSegment | null,
    vehicles: row.vehicles,
    emergencyContact: row.emergency_name
      ? {
          name: row.emergency_name,
          phone: maskPhone(row.emergency_phone ?? ''),
          relation: row.emergency_relation,
        }
      : null,
    moveInDate: row.move_in_date,
    units: parts.units.map((u) => ({ ...u, relation: u.relation as ResidentRelation })),
    authorisations: parts.authorisations.map((a) => ({
      id: a.id,
      unitId: a.unitId,
      unitLabel: a.unitLabel,
      ownerResidentId: a.ownerResidentId,
      ownerName: a.ownerName,
      validFrom: a.validFrom,
      validUntil: a.validUntil,
      status: authorisationStatus(a, day),
      note: a.note,
      file: {
        id: a.fileId,
        name: a.fileName,
        contentType: a.contentType,
        size: a.size,
        url: fileUrl(a.fileId),
      },
      createdAt: iso(a.createdAt)!,
      createdByName: a.createdByName,
    })),
    version: row.version,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at),
    // Staff only (ResidentStaffPart).
    grade: row.grade as Grade,
    gradeHistory: parts.history
      .filter((e) => e.action === 'grade_changed')
      .map((e) => ({
        at: iso(e.at)!,
        from: (str(e.data?.from) as Grade | null) ?? null,
        to: str(e.data?.to) as Grade,
        reason: str(e.data?.reason) ?? '',
        byId: e.actorId,
        byName: e.actorName,
      })),
    notes: row.notes,
    vipCard: parts.vipCard
      ? {
          ...parts.vipCard,
          status:
            parts.vipCard.status === 'active' && parts.vipCard.validUntil < day
              ? 'expired'
              : parts.vipCard.status,
        }
      : null,
    pastUnits: parts.history
      .filter((e) => e.action === 'relation_ended')
      .map((e) => ({
        unitId: str(e.data?.unitId) ?? '',
        unitLabel: str(e.data?.unitLabel) ?? '',
        relation: str(e.data?.relation) as ResidentRelation,
        since: str(e.data?.since),
        endedOn: str(e.data?.endedOn) ?? iso(e.at)!.slice(0, 10),
        reason: str(e.data?.reason),
        endedByName: e.actorName,
      }))
      .reverse(),
  };
}

// ---- checks shared by create and change -------------------------------------------------------------

interface PersonFacts {
  birthday: string | null;
  gender: Gender | null;
  idNumber: string | null;
}

/**
 * Dates in range, and an ID number that agrees with the birthday and gender given beside it (the
 * number holds both). `given` names the fields the caller sent: a record that disagreed before is
 * only refused when one of them changes, and the error names the field that was sent.
 */
function checkPersonFacts(
  errors: FieldErrors,
  facts: PersonFacts,
  given: { birthday: boolean; gender: boolean; idNumber: boolean },
  day: string,
) {
  if (given.birthday && facts.birthday) {
    if (facts.birthday > day) errors.add('birthday', 'validation.dateFuture');
    else if (facts.birthday < '1900-01-01')
      errors.add('birthday', { key: 'validation.dateTooOld', params: { date: '1900-01-01' } });
  }
  if (!facts.idNumber) return;
  const born = idBirthday(facts.idNumber);
  if (given.idNumber && born > day) errors.add('idNumber', 'validation.idNumberBirth');
  if ((given.birthday || given.idNumber) && facts.birthday && facts.birthday !== born)
    errors.add(given.birthday ? 'birthday' : 'idNumber', {
      key: 'validation.birthdayIdMismatch',
      params: { date: born },
    });
  const sex = idGender(facts.idNumber);
  if ((given.gender || given.idNumber) && facts.gender && facts.gender !== sex)
    errors.add(given.gender ? 'gender' : 'idNumber', {
      key: 'validation.genderIdMismatch',
      params: { gender: GENDER_LABELS[sex] },
    });
}

async function checkIdNumberFree(
  db: Db,
  errors: FieldErrors,
  estateId: string,
  idNumber: string | null | undefined,
  exceptId: string | null,
) {
  if (!idNumber) return;
  const other = await residentWithIdNumber(db, estateId, idNumber, exceptId);
  if (other) errors.add('idNumber', { key: 'validation.idNumberTaken', params: { name: other.name } });
}

// ---- create ----------------------------------------------------------------------------------------

export async function createResident(
  deps: ResidentDeps,
  actor: Actor,
  body: CreateInput,
): Promise<ResidentDetail> {
  if (!actor.estateIds.includes(body.estateId)) throw fieldError('estateId', 'validation.unknownEstate');
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const [estate] = await tx
      .select({ timeZone: estates.timeZone })
      .from(estates)
      .where(and(eq(estates.id, body.estateId), eq(estates.companyId, actor.companyId)));
    if (!estate) throw fieldError('estateId', 'validation.unknownEstate');
    const day = localParts(now, estate.timeZone).date;

    const errors = new FieldErrors();
    checkPersonFacts(
      errors,
      { birthday: body.birthday ?? null, gender: body.gender ?? null, idNumber: body.idNumber ?? null },
      { birthday: true, gender: true, idNumber: true },
      day,
    );
    await checkIdNumberFree(tx, errors, body.estateId, body.idNumber, null);
    const links = body.units ?? [];
    const found = await unitsByIds(
      tx,
      actor.companyId,
      links.map((l) => l.unitId),
    );
    links.forEach((l, i) => {
      if (found.get(l.unitId)?.estateId !== body.estateId)
        errors.add(`units.${i}.unitId`, 'validation.unitNotInEstate');
    });
    errors.throwIfAny();

    const id = newId(now.getTime());
    const emergency = body.emergencyContact ?? null;
    await tx.insert(residents).values({
      id,
      companyId: actor.companyId,
      estateId: body.estateId,
      name: body.name,
      gender: body.gender ?? null,
      phones: body.phones ?? [],
      idNumber: body.idNumber ?? null,
      birthday: body.birthday ?? null,
      grade: 'C',
      segment: body.segment ?? null,
      vehicles: body.vehicles ?? [],
      emergencyName: emergency?.name ?? null,
      emergencyPhone: emergency?.phone ?? null,
      emergencyRelation: emergency?.relation ?? null,
      moveInDate: body.moveInDate ?? null,
      notes: body.notes || null,
      createdAt: now,
    });
    if (links.length)
      await tx.insert(residentUnits).values(
        links.map((l) => ({
          residentId: id,
          unitId: l.unitId,
          companyId: actor.companyId,
          estateId: body.estateId,
          relation: l.relation,
          since: l.since ?? null,
        })),
      );
    await recordEvents(tx, [
      {
        companyId: actor.companyId,
        estateId: body.estateId,
        entityType: 'resident',
        entityId: id,
        action: 'created',
        actorId: actor.userId,
        at: now,
        data: {
          name: body.name,
          units: links.map((l) => ({
            unitId: l.unitId,
            unitLabel: found.get(l.unitId)?.label,
            relation: l.relation,
          })),
        },
      },
    ]);
    const row = await findResident(tx, actor.companyId, id);
    return residentDetail(tx, row!, day);
  });
}

// ---- change ----------------------------------------------------------------------------------------

/** The changeable columns, as the row holds them (phones and ID numbers are masked in events). */
type Profile = {
  name: string;
  gender: string | null;
  birthday: string | null;
  phones: string[];
  idNumber: string | null;
  segment: string | null;
  vehicles: string[];
  emergencyName: string | null;
  emergencyPhone: string | null;
  emergencyRelation: string | null;
  moveInDate: string | null;
  notes: string | null;
};

const profileOf = (r: ResidentRow): Profile => ({
  name: r.name,
  gender: r.gender,
  birthday: r.birthday,
  phones: r.phones,
  idNumber: r.id_number,
  segment: r.segment,
  vehicles: r.vehicles,
  emergencyName: r.emergency_name,
  emergencyPhone: r.emergency_phone,
  emergencyRelation: r.emergency_relation,
  moveInDate: r.move_in_date,
  notes: r.notes,
});

/** How a changed value goes into the audit event: personal numbers masked. */
function auditValue(key: keyof Profile, v: Profile[keyof Profile]): unknown {
  if (v === null) return null;
  if (key === 'phones') return (v as string[]).map(maskPhone);
  if (key === 'emergencyPhone') return maskPhone(v as string);
  if (key === 'idNumber') return maskIdNumber(v as string);
  return v;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export async function patchResident(
  deps: ResidentDeps,
  actor: Actor,
  id: string,
  body: PatchInput,
): Promise<ResidentDetail> {
  if (!hasAnyRole(actor, RESIDENT_PATCH_ROLES)) throw forbidden();
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await residentInScope(tx, actor, id, { forUpdate: true });
    if (row.version !== body.version) throw new AppError('CONFLICT', 'conflict.stale');
    const day = localParts(now, row.time_zone).date;
    const before = profileOf(row);
    const next: Profile = { ...before };
    const errors = new FieldErrors();

    if (body.name !== undefined) next.name = body.name;
    if (body.gender !== undefined) next.gender = body.gender;
    if (body.birthday !== undefined) next.birthday = body.birthday;
    if (body.idNumber !== undefined) next.idNumber = body.idNumber;
    if (body.segment !== undefined) next.segment = body.segment;
    if (body.vehicles !== undefined) next.vehicles = body.vehicles;
    if (body.moveInDate !== undefined) next.moveInDate = body.moveInDate;
    if (body.notes !== undefined) next.notes = body.notes || null;
    if (body.phones !== undefined) {
      next.phones = body.phones.map((p, i) => {
        if (typeof p === 'string') return p;
        const kept = before.phones[p.keep];
        if (kept === undefined)
          errors.add(`phones.${i}`, { key: 'validation.keptPhone', params: { n: before.phones.length } });
        return kept ?? '';
      });
      // A kept number and the same number typed again.
      next.phones.forEach((p, i) => {
        if (p && next.phones.indexOf(p) !== i) errors.add(`phones.${i}`, 'validation.repeated');
      });
    }
    if (body.emergencyContact === null) {
      next.emergencyName = next.emergencyPhone = next.emergencyRelation = null;
    } else if (body.emergencyContact !== undefined) {
      const c = body.emergencyContact;
      next.emergencyName = c.name;
      next.emergencyRelation = c.relation ?? null;
      next.emergencyPhone = c.phone ?? before.emergencyPhone;
      if (!next.emergencyPhone) errors.add('emergencyContact.phone', 'validation.emergencyPhoneRequired');
    }
    checkPersonFacts(
      errors,
      { birthday: next.birthday, gender: next.gender as Gender | null, idNumber: next.idNumber },
      {
        birthday: body.birthday !== undefined,
        gender: body.gender !== undefined,
        idNumber: body.idNumber !== undefined,
      },
      day,
    );
    if (next.idNumber !== before.idNumber)
      await checkIdNumberFree(tx, errors, row.estate_id, next.idNumber, row.id);

    const gradeChange = body.grade !== undefined && body.grade !== row.grade ? body.grade : null;
    if (gradeChange && !body.gradeReason) errors.add('gradeReason', 'validation.gradeReasonRequiredResident');
    errors.throwIfAny();

    const changed = (Object.keys(next) as (keyof Profile)[]).filter((k) => !same(next[k], before[k]));
    if (changed.length === 0 && !gradeChange) return residentDetail(tx, row, day);

    const updated = await tx
      .update(residents)
      .set({
        ...next,
        ...(gradeChange ? { grade: gradeChange } : {}),
        version: sql`${residents.version} + 1`,
        updatedAt: now,
      })
      .where(and(eq(residents.id, row.id), eq(residents.version, row.version)))
      .returning({ id: residents.id });
    if (updated.length === 0) throw new AppError('CONFLICT', 'conflict.stale');

    const base = {
      companyId: row.company_id,
      estateId: row.estate_id,
      entityType: 'resident',
      entityId: row.id,
      actorId: actor.userId,
      at: now,
    };
    const events: EventInput[] = [];
    if (changed.length)
      events.push({
        ...base,
        action: 'updated',
        data: {
          fields: changed,
          changes: Object.fromEntries(
            changed.map((k) => [k, { from: auditValue(k, before[k]), to: auditValue(k, next[k]) }]),
          ),
        },
      });
    if (gradeChange)
      events.push({
        ...base,
        action: 'grade_changed',
        data: { from: row.grade, to: gradeChange, reason: body.gradeReason },
      });
    await recordEvents(tx, events);
    const fresh = await findResident(tx, actor.companyId, row.id);
    return residentDetail(tx, fresh!, day);
  });
}

// ---- relations to units ----------------------------------------------------------------------------

export async function addUnitRelation(
  deps: ResidentDeps,
  actor: Actor,
  id: string,
  body: RelationInput,
): Promise<ResidentDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await residentInScope(tx, actor, id, { forUpdate: true });
    const unit = (await unitsByIds(tx, actor.companyId, [body.unitId])).get(body.unitId);
    if (!unit || unit.estateId !== row.estate_id) throw fieldError('unitId', 'validation.unitNotInEstate');
    const existing = await findRelation(tx, row.id, body.unitId);
    if (existing)
      throw fieldError('unitId', {
        key: 'validation.relationExists',
        params: { relation: RELATION_LABELS[existing.relation as ResidentRelation] },
      });
    await tx.insert(residentUnits).values({
      residentId: row.id,
      unitId: body.unitId,
      companyId: row.company_id,
      estateId: row.estate_id,
      relation: body.relation,
      since: body.since ?? null,
    });
    await recordEvents(tx, [
      {
        companyId: row.company_id,
        estateId: row.estate_id,
        entityType: 'resident',
        entityId: row.id,
        action: 'relation_added',
        actorId: actor.userId,
        at: now,
        data: {
          unitId: body.unitId,
          unitLabel: unit.label,
          relation: body.relation,
          since: body.since ?? null,
        },
      },
    ]);
    return residentDetail(tx, row, today(deps.clock, row.time_zone));
  });
}

/** Ends a relation: the row goes, an event keeps what it was (the record lists it as a past relation). */
export async function endUnitRelation(
  deps: ResidentDeps,
  actor: Actor,
  id: string,
  unitId: string,
  body: EndRelationInput,
): Promise<ResidentDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await residentInScope(tx, actor, id, { forUpdate: true });
    const relation = await findRelation(tx, row.id, unitId);
    if (!relation) throw notFound('notFound.relation');
    const day = today(deps.clock, row.time_zone);
    const endedOn = body.endedOn ?? day;
    if (endedOn > day) throw fieldError('endedOn', 'validation.dateFuture');
    if (relation.since && endedOn < relation.since) throw fieldError('endedOn', 'validation.dateRange');
    const unit = (await unitsByIds(tx, actor.companyId, [unitId])).get(unitId);
    await tx
      .delete(residentUnits)
      .where(and(eq(residentUnits.residentId, row.id), eq(residentUnits.unitId, unitId)));
    await recordEvents(tx, [
      {
        companyId: row.company_id,
        estateId: row.estate_id,
        entityType: 'resident',
        entityId: row.id,
        action: 'relation_ended',
        actorId: actor.userId,
        at: now,
        data: {
          unitId,
          unitLabel: unit?.label ?? null,
          relation: relation.relation,
          since: relation.since,
          endedOn,
          reason: body.reason ?? null,
        },
      },
    ]);
    return residentDetail(tx, row, day);
  });
}

// ---- the owner's authorisation letter -----------------------------------------------------------------

/** Relations that act for the owner and so may need the owner's letter. */
const AUTHORISED_RELATIONS: readonly string[] = ['tenant', 'agent', 'decoration_lead'];
const OWNER_RELATIONS: readonly string[] = ['owner', 'co_owner'];

export async function addAuthorisation(
  deps: ResidentDeps,
  actor: Actor,
  id: string,
  body: AuthorisationInput,
): Promise<ResidentDetail> {
  const now = deps.clock.now();
  return deps.db.transaction(async (tx) => {
    const row = await residentInScope(tx, actor, id, { forUpdate: true });
    const errors = new FieldErrors();
    if (body.validUntil < body.validFrom) errors.add('validUntil', 'validation.validUntilBeforeFrom');
    const unit = (await unitsByIds(tx, actor.companyId, [body.unitId])).get(body.unitId);
    if (!unit || unit.estateId !== row.estate_id) errors.add('unitId', 'validation.unitNotInEstate');
    else {
      const relation = await findRelation(tx, row.id, body.unitId);
      if (!relation || !AUTHORISED_RELATIONS.includes(relation.relation))
        errors.add('unitId', 'validation.authorisationRelation');
    }
    let ownerName = body.ownerName ?? null;
    if (body.ownerResidentId) {
      const owner = await findResident(tx, actor.companyId, body.ownerResidentId);
      const ownerRelation =
        owner && owner.estate_id === row.estate_id ? await findRelation(tx, owner.id, body.unitId) : null;
      if (!owner || !ownerRelation || !OWNER_RELATIONS.includes(ownerRelation.relation))
        errors.add('ownerResidentId', 'validation.authorisationOwner');
      else ownerName = owner.name;
    } else if (!ownerName) errors.add('ownerName', 'validation.authorisationOwnerName');
    errors.throwIfAny();

    const [file] = await assertFilesUsable(tx, actor, row.estate_id, body.fileId, { field: 'fileId' });
    if (file!.kind === 'signature') throw fieldError('fileId', 'validation.invalid');
    const [taken] = await tx
      .select({ id: residentAuthorisations.id })
      .from(residentAuthorisations)
      .where(eq(residentAuthorisations.fileId, body.fileId));
    if (taken) throw fieldError('fileId', 'validation.fileInUseAuthorisation');
    await takeFiles(tx, body.fileId, 'authorisation', { field: 'fileId' });

    const authorisationId = newId(now.getTime());
    await tx.insert(residentAuthorisations).values({
      id: authorisationId,
      companyId: row.company_id,
      estateId: row.estate_id,
      residentId: row.id,
      unitId: body.unitId,
      ownerResidentId: body.ownerResidentId ?? null,
      ownerName: ownerName!,
      fileId: body.fileId,
      validFrom: body.validFrom,
      validUntil: body.validUntil,
      note: body.note ?? null,
      createdById: actor.userId,
      createdAt: now,
    });
    await recordEvents(tx, [
      {
        companyId: row.company_id,
        estateId: row.estate_id,
        entityType: 'resident',
        entityId: row.id,
        action: 'authorisation_added',
        actorId: actor.userId,
        at: now,
        data: {
          authorisationId,
          unitId: body.unitId,
          unitLabel: unit!.label,
          ownerName,
          validFrom: body.validFrom,
          validUntil: body.validUntil,
          fileId: body.fileId,
        },
      },
    ]);
    return residentDetail(tx, row, today(deps.clock, row.time_zone));
  });
}
