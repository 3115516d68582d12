/**
 * Seeds the demo company into an empty database (embedded `npm start`, or DEMO=1): estates,
 * buildings, units, residents with valid phones and ID numbers, departments of every kind, the demo
 * accounts (password demo1234), a category tree per request type and a few hundred historical
 * requests dated relative to the day of seeding. Deterministic: the same seed gives the same data.
 */
import { REQUEST_NUMBER_PREFIX, type RequestState, type RequestType, SLA_DEFAULTS } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { userEstates, users } from '../modules/auth/auth.table.ts';
import { callbackAssignments } from '../modules/callbacks/callbacks.table.ts';
import { categories } from '../modules/categories/categories.table.ts';
import { complaints } from '../modules/complaints/complaints.table.ts';
import { nightHandovers } from '../modules/handover/handover.table.ts';
import {
  buildings,
  companies,
  departments,
  estates,
  locations,
  unitStatusChanges,
  units,
} from '../modules/organisation/organisation.table.ts';
import { requestPayments } from '../modules/payments/payments.table.ts';
import { searchDocument } from '../modules/requests/requests.search.ts';
import {
  callbacks,
  requestCounters,
  requestDeadlines,
  requests,
} from '../modules/requests/requests.table.ts';
import { residents, residentUnits } from '../modules/residents/residents.table.ts';
import { unitDecorations, unitKeys, unitMeters, unitMoveIns } from '../modules/units/units.table.ts';
import { type EventInput, recordEvents } from '../platform/audit.ts';
import type { Clock } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { hashPassword } from '../platform/passwords.ts';
import { isNight, localParts } from '../platform/time.ts';
import { complaintAnalysisDemo } from './demo.analysis.ts';
import { demoArrears } from './demo.arrears.ts';
import { demoCallbacks, recentRepairsAwaitingCallback } from './demo.callbacks.ts';
import { demoCases } from './demo.cases.ts';
import { collectiveNoiseComplaint, historicalComplaints } from './demo.complaints.ts';
import {
  CATEGORIES,
  COMPANY,
  DEMO_PASSWORD,
  DEPARTMENTS,
  DESCRIPTIONS,
  ESTATES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  LOCATIONS,
  MOBILE_PREFIXES,
  REGION_CODES,
  SURNAMES,
  USERS,
} from './demo.data.ts';
import { deskDemo } from './demo.desk.ts';
import { demoRelations } from './demo.relations.ts';
import { demoResidentDetails } from './demo.residents.ts';
import { type DemoUnit, unitFileDemo } from './demo.units.ts';
import { demoVip } from './demo.vip.ts';
import { idChecksum, Random } from './random.ts';

export interface SeedSummary {
  companyId: string;
  estates: number;
  units: number;
  residents: number;
  users: number;
  requests: number;
  gradeA: number;
}

const TZ = 'Asia/Shanghai';
const DAY = 24 * 60 * 60 * 1000;

/** True when the database has no company yet (the only time demo data is seeded). */
export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(companies);
  return (row?.n ?? 0) === 0;
}

export async function seedDemo(
  db: Db,
  clock: Clock,
  options: { requests?: number; seed?: number } = {},
): Promise<SeedSummary> {
  const rnd = new Random(options.seed ?? 20261122);
  const now = clock.now();
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Reference data gets ids stamped before the oldest request, in creation order.
  let stamp = now.getTime() - 200 * DAY;
  const id = () => {
    stamp += 1;
    return newId(stamp);
  };

  const summary = await db.transaction(async (tx) => {
    const companyId = id();
    await tx
      .insert(companies)
      .values({ id: companyId, name: COMPANY.name, code: COMPANY.code, createdAt: now });

    // Estates, departments, locations.
    const estateIds: Record<'ygh' | 'twd', string> = { ygh: id(), twd: id() };
    await tx.insert(estates).values(
      ESTATES.map((e) => ({
        id: estateIds[e.key],
        companyId,
        name: e.name,
        code: e.code,
        type: e.type,
        address: e.address,
        timeZone: TZ,
        createdAt: now,
      })),
    );
    const deptIds: Record<string, string> = {};
    const deptRows = ESTATES.flatMap((e) =>
      DEPARTMENTS.map((d) => {
        const deptId = id();
        deptIds[`${e.key}:${d.kind}`] = deptId;
        return { id: deptId, companyId, estateId: estateIds[e.key], name: d.name, kind: d.kind };
      }),
    );
    await tx.insert(departments).values(deptRows);
    const locationRows = ESTATES.flatMap((e) =>
      LOCATIONS[e.key].map((l) => ({
        id: id(),
        companyId,
        estateId: estateIds[e.key],
        name: l.name,
        kind: l.kind,
      })),
    );
    await tx.insert(locations).values(locationRows);

    // Buildings and units: 阳光花园 six residential buildings; 天物大厦 two office towers with shops below.
    const buildingRows: (typeof buildings.$inferInsert)[] = [];
    const unitRows: (typeof units.$inferInsert & { key: 'ygh' | 'twd'; buildingName: string })[] = [];
    for (let b = 1; b <= 6; b++) {
      const buildingId = id();
      const floors = b <= 2 ? 18 : 11;
      buildingRows.push({
        id: buildingId,
        companyId,
        estateId: estateIds.ygh,
        name: `${b}栋`,
        floors,
        sort: b,
      });
      for (let f = 1; f <= floors; f++) {
        for (let n = 1; n <= (b <= 2 ? 2 : 4); n++) {
          const status =
            b === 1
              ? rnd.chance(0.85)
                ? 'occupied'
                : 'rented'
              : rnd.pick(['occupied', 'occupied', 'occupied', 'rented', 'vacant', 'decorating'] as const);
          unitRows.push({
            id: id(),
            companyId,
            estateId: estateIds.ygh,
            buildingId,
            number: `${f}${String(n).padStart(2, '0')}`,
            floor: f,
            areaM2: String(rnd.pick([89.5, 98.2, 118.6, 126.3, 143.8])),
            use: 'residence',
            status,
            key: 'ygh',
            buildingName: `${b}栋`,
          });
        }
      }
    }
    for (const [i, name] of ['A座', 'B座'].entries()) {
      const buildingId = id();
      buildingRows.push({
        id: buildingId,
        companyId,
        estateId: estateIds.twd,
        name,
        floors: 20,
        sort: i + 1,
      });
      for (let f = 1; f <= 20; f++) {
        for (let n = 1; n <= (f === 1 ? 4 : 6); n++) {
          unitRows.push({
            id: id(),
            companyId,
            estateId: estateIds.twd,
            buildingId,
            number: `${f}${String(n).padStart(2, '0')}`,
            floor: f,
            areaM2: String(f === 1 ? rnd.pick([60, 85.5, 120]) : rnd.pick([156.4, 210.8, 320.5, 480])),
            use: f === 1 ? 'shop' : 'office',
            status: rnd.pick(['occupied', 'rented', 'rented', 'rented', 'vacant'] as const),
            key: 'twd',
            buildingName: name,
          });
        }
      }
    }
    await tx.insert(buildings).values(buildingRows);
    await insertBatched(
      tx,
      units,
      unitRows.map(({ key: _k, buildingName: _b, ...u }) => u),
    );

    // Residents: one main person per occupied unit (owner or tenant), some family members.
    const usedPhones = new Set<string>();
    const residentRows: (typeof residents.$inferInsert)[] = [];
    const linkRows: (typeof residentUnits.$inferInsert)[] = [];
    const unitResidents = new Map<string, { id: string; name: string; phone: string }>();
    let gradeA = 0;
    for (const u of unitRows) {
      if (u.status === 'vacant') continue;
      const people = u.key === 'ygh' ? (rnd.chance(0.35) ? 2 : 1) : 1;
      for (let p = 0; p < people; p++) {
        const male = rnd.chance(0.5);
        const name = rnd.pick(SURNAMES) + rnd.pick(male ? GIVEN_MALE : GIVEN_FEMALE);
        let phone: string;
        do phone = rnd.pick(MOBILE_PREFIXES) + String(rnd.int(0, 99_999_999)).padStart(8, '0');
        while (usedPhones.has(phone));
        usedPhones.add(phone);
        const year = rnd.int(1950, 1998);
        const birthday = `${year}-${String(rnd.int(1, 12)).padStart(2, '0')}-${String(rnd.int(1, 28)).padStart(2, '0')}`;
        const seq = rnd.int(0, 99) * 10 + (male ? rnd.pick([1, 3, 5, 7, 9]) : rnd.pick([0, 2, 4, 6, 8]));
        const first17 = `${rnd.pick(REGION_CODES)}${birthday.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
        let grade: 'A' | 'B' | 'C' | 'D' = 'C';
        if (p === 0) {
          const r = rnd.next();
          grade = r < 0.05 ? 'A' : r < 0.25 ? 'B' : r < 0.97 ? 'C' : 'D';
          if (u.key === 'ygh' && u.buildingName === '1栋' && u.number === '1801') grade = 'A';
        }
        if (grade === 'A') gradeA++;
        const residentId = id();
        residentRows.push({
          id: residentId,
          companyId,
          estateId: estateIds[u.key],
          name,
          gender: male ? 'male' : 'female',
          phones: [phone],
          idNumber: first17 + idChecksum(first17),
          birthday,
          grade,
          createdAt: now,
        });
        linkRows.push({
          residentId,
          unitId: u.id!,
          companyId,
          estateId: estateIds[u.key],
          relation: p > 0 ? 'member' : u.status === 'rented' ? 'tenant' : 'owner',
        });
        if (p === 0) unitResidents.set(u.id!, { id: residentId, name, phone });
      }
    }
    await insertBatched(tx, residents, residentRows);
    await insertBatched(tx, residentUnits, linkRows);

    // Staff.
    const userIds: Record<string, string> = {};
    for (const u of USERS) userIds[u.username] = id();
    await tx.insert(users).values(
      USERS.map((u) => ({
        id: userIds[u.username]!,
        companyId,
        username: u.username,
        name: u.name,
        passwordHash,
        roles: u.roles,
        departmentId: u.department ? (deptIds[`${u.estates[0] ?? 'ygh'}:${u.department}`] ?? null) : null,
        phone: `1390000${String(USERS.indexOf(u)).padStart(4, '0')}`,
        createdAt: now,
      })),
    );
    await tx
      .insert(userEstates)
      .values(
        USERS.flatMap((u) =>
          u.estates.map((e) => ({ userId: userIds[u.username]!, estateId: estateIds[e], companyId })),
        ),
      );

    // Categories.
    const categoryIds: Record<string, string> = {};
    const categoryRows: (typeof categories.$inferInsert)[] = [];
    for (const [type, tree] of Object.entries(CATEGORIES) as [
      RequestType,
      (typeof CATEGORIES)[RequestType],
    ][]) {
      tree.forEach((node, i) => {
        const parentId = id();
        categoryIds[`${type}:${node.code}`] = parentId;
        categoryRows.push({
          id: parentId,
          companyId,
          type,
          parentId: null,
          code: node.code,
          name: node.name,
          sort: i,
          emergency: node.emergency ?? false,
        });
        node.children?.forEach((child, j) => {
          const childId = id();
          categoryIds[`${type}:${child.code}`] = childId;
          categoryRows.push({
            id: childId,
            companyId,
            type,
            parentId,
            code: child.code,
            name: child.name,
            sort: j,
            emergency: child.emergency ?? false,
          });
        });
      });
    }
    await tx.insert(categories).values(categoryRows);
    const emergencyCodes = new Set(
      (Object.entries(CATEGORIES) as [RequestType, (typeof CATEGORIES)[RequestType]][]).flatMap(
        ([type, tree]) =>
          tree
            .flatMap((n) => [n, ...(n.children ?? [])])
            .flatMap((n) => (n.emergency ? [`${type}:${n.code}`] : [])),
      ),
    );

    // Historical requests over the last 90 days.
    const total = options.requests ?? 360;
    const typeWeights: [RequestType, number][] = [
      ['repair', 48],
      ['complaint', 12],
      ['enquiry', 15],
      ['help', 5],
      ['suggestion', 5],
      ['praise', 5],
      ['paid_service', 10],
    ];
    const leafCodes = (type: RequestType) =>
      CATEGORIES[type].flatMap((n) => (n.children?.length ? n.children.map((c) => c.code) : [n.code]));
    const occupied = unitRows.filter((u) => unitResidents.has(u.id!));
    const occupiedYgh = occupied.filter((x) => x.key === 'ygh');
    const counters = new Map<string, number>();
    const requestRows: (typeof requests.$inferInsert)[] = [];
    const eventRows: EventInput[] = [];
    const times = Array.from({ length: total }, () => now.getTime() - rnd.next() * 90 * DAY).sort(
      (a, b) => a - b,
    );
    for (const t0 of times) {
      const receivedAt = new Date(t0);
      const type = weightedPick(rnd, typeWeights);
      const code = rnd.pick(leafCodes(type));
      // Common-area matters happen at a public location; everything else at someone's home.
      const atPublicLocation = PUBLIC_AREA_CODES.has(code) || type === 'suggestion';
      const u = atPublicLocation ? null : rnd.chance(0.85) ? rnd.pick(occupiedYgh) : rnd.pick(occupied);
      const key = u?.key ?? (rnd.chance(0.8) ? 'ygh' : 'twd');
      const estateId = estateIds[key];
      const resident = u ? unitResidents.get(u.id!) : undefined;
      const night = isNight(receivedAt, TZ);
      const receiver =
        key === 'twd'
          ? 'tw_agent'
          : night
            ? 'night'
            : rnd.pick(['agent', 'agent', 'agent2', 'supervisor', 'steward']);
      const channel = night
        ? rnd.chance(0.7)
          ? 'night_duty'
          : 'phone'
        : atPublicLocation && type !== 'suggestion'
          ? rnd.pick(['phone', 'patrol', 'staff', 'visit'] as const)
          : rnd.pick(['phone', 'phone', 'phone', 'visit', 'online', 'letter'] as const);
      const parts = localParts(receivedAt, TZ);
      const prefix = REQUEST_NUMBER_PREFIX[type];
      const counterKey = `${prefix}:${parts.compactDate}`;
      const seq = (counters.get(counterKey) ?? 0) + 1;
      counters.set(counterKey, seq);
      const ageDays = (now.getTime() - t0) / DAY;
      const state = historicalState(rnd, type, ageDays);
      const requestId = newId(t0);
      const description = rnd.pick(DESCRIPTIONS[code] ?? ['住户反映的问题，已记录']);
      const departmentKind = departmentFor(type, code);
      const dispatched = !['new'].includes(state) && needsDispatch(type);
      const technician = key === 'twd' ? 'tw_tech' : rnd.pick(['tech', 'tech', 'tech2']);
      // Drawn in this order (place, then name) to keep the seeded history the same as before.
      const locationText = u ? null : rnd.pick(LOCATIONS[key]).name;
      const reporterName = resident?.name ?? rnd.pick(SURNAMES) + (rnd.chance(0.5) ? '先生' : '女士');
      requestRows.push({
        id: requestId,
        companyId,
        estateId,
        number: `${prefix}${parts.compactDate}${String(seq).padStart(4, '0')}`,
        type,
        subtype: type === 'repair' ? (u ? 'in_home' : 'public') : null,
        channel,
        state,
        categoryId: categoryIds[`${type}:${code}`] ?? null,
        unitId: u?.id ?? null,
        locationText,
        residentId: resident?.id ?? null,
        reporterName,
        reporterPhone: resident?.phone ?? null,
        description,
        emergency: emergencyCodes.has(`${type}:${code}`),
        ...searchDocument({ estateId, description, reporterName, locationText }),
        urgency: 'immediate',
        ownerId: userIds[receiver]!,
        receivedById: userIds[receiver]!,
        receivedAt,
        departmentId: dispatched ? (deptIds[`${key}:${departmentKind}`] ?? null) : null,
        assigneeId: dispatched && departmentKind === 'engineering' ? userIds[technician]! : null,
        night,
        version: 1,
        updatedAt: receivedAt,
        closedAt:
          state === 'closed' || state === 'cancelled'
            ? new Date(Math.min(t0 + 2 * DAY, now.getTime()))
            : null,
      });
      eventRows.push(
        ...historicalEvents({
          companyId,
          estateId,
          requestId,
          state,
          t0,
          now: now.getTime(),
          rnd,
          receiverId: userIds[receiver]!,
          techId: userIds[technician]!,
          departmentId: deptIds[`${key}:${departmentKind}`]!,
          dispatch: needsDispatch(type),
        }),
      );
    }
    recentRepairsAwaitingCallback({
      companyId,
      now,
      timeZone: TZ,
      units: occupied.map((u) => ({ id: u.id!, estateId: u.estateId, key: u.key })),
      residentOf: (unitId) => unitResidents.get(unitId),
      categoryIds,
      userIds,
      deptIds,
      counters,
      requests: requestRows,
      events: eventRows,
    });
    const desk = deskDemo({
      companyId,
      estateId: estateIds.ygh,
      now,
      timeZone: TZ,
      users: userIds,
      department: (kind) => deptIds[`ygh:${kind}`]!,
      unit: (building, number) => {
        const inBuilding = occupiedYgh.filter((x) => x.buildingName === building);
        const u = inBuilding.find((x) => x.number === number) ?? inBuilding[0] ?? occupiedYgh[0]!;
        return { id: u.id!, resident: unitResidents.get(u.id!)! };
      },
      category: (type, code) => categoryIds[`${type}:${code}`] ?? null,
      number: (type, at) => {
        const prefix = REQUEST_NUMBER_PREFIX[type];
        const key = `${prefix}:${localParts(at, TZ).compactDate}`;
        const seq = (counters.get(key) ?? 0) + 1;
        counters.set(key, seq);
        return `${key.replace(':', '')}${String(seq).padStart(4, '0')}`;
      },
      history: requestRows,
    });
    requestRows.push(...desk.requestRows);
    eventRows.push(...desk.eventRows);
    const { deadlines, calls } = clocksFromTimelines(requestRows, eventRows);
    const complaintHistory = historicalComplaints(requestRows, eventRows, userIds, now);
    deadlines.push(...complaintHistory.deadlines);
    eventRows.push(...complaintHistory.events);
    const assignments = demoCallbacks({
      requests: requestRows,
      events: eventRows,
      calls,
      userIds,
      estateKeys: { [estateIds.ygh]: 'ygh', [estateIds.twd]: 'twd' },
      departmentKinds: Object.fromEntries(deptRows.map((d) => [d.id, d.kind])),
      now,
      timeZone: TZ,
    });
    // Every demo request is searchable from the start (the desk's and callbacks' extras included).
    await insertBatched(
      tx,
      requests,
      requestRows.map((r) =>
        r.searchTokens
          ? r
          : {
              ...r,
              ...searchDocument({
                estateId: r.estateId,
                description: r.description,
                reporterName: r.reporterName ?? null,
                locationText: r.locationText ?? null,
              }),
            },
      ),
    );
    for (let i = 0; i < eventRows.length; i += 500) await recordEvents(tx, eventRows.slice(i, i + 500));
    await insertBatched(tx, requestPayments, desk.paymentRows);
    await insertBatched(tx, nightHandovers, desk.handoverRows);
    await insertBatched(tx, requestDeadlines, deadlines);
    await insertBatched(tx, complaints, complaintHistory.complaints);
    await insertBatched(tx, callbacks, [...calls, ...complaintHistory.callbacks]);
    await insertBatched(tx, callbackAssignments, assignments);

    // The unit files: meters, move-ins, keys, decorations and status changes.
    const estateCodes = Object.fromEntries(ESTATES.map((e) => [e.key, e.code]));
    const files = unitFileDemo({
      units: unitRows.map((u) => ({
        id: u.id!,
        companyId,
        estateId: u.estateId,
        estateCode: estateCodes[u.key]!,
        buildingName: u.buildingName,
        buildingNo: u.key === 'ygh' ? Number.parseInt(u.buildingName, 10) : u.buildingName === 'A座' ? 1 : 2,
        number: u.number,
        status: u.status as DemoUnit['status'],
      })),
      residentOf: (unitId) => unitResidents.get(unitId),
      users: userIds,
      now,
      timeZone: TZ,
    });
    await insertBatched(tx, unitMeters, files.meters);
    await insertBatched(tx, unitMoveIns, files.moveIns);
    await insertBatched(tx, unitKeys, files.keys);
    await insertBatched(tx, unitDecorations, files.decorations);
    await insertBatched(tx, unitStatusChanges, files.statusChanges);
    await tx.insert(requestCounters).values(
      [...counters].map(([k, last]) => {
        const [prefix, day] = k.split(':') as [string, string];
        return { companyId, prefix, day, last };
      }),
    );

    return {
      companyId,
      estates: ESTATES.length,
      units: unitRows.length,
      residents: residentRows.length,
      users: USERS.length,
      requests: requestRows.length,
      gradeA,
    };
  });
  // After the history is in: yesterday's collective complaint, through the real intake.
  const before = summary.requests;
  await collectiveNoiseComplaint(db, summary.companyId, now);
  // Recurring problems and handled complaints for the complaint analysis and its KPIs.
  await complaintAnalysisDemo(db, summary.companyId, now);
  // Then a few of the closed complaints become cases of the library, through the real use case.
  await demoCases(db, summary.companyId, now);
  await demoResidentDetails(db, { companyId: summary.companyId, now, seed: options.seed ?? 20261122 });
  // Relationship work: visits, reception days, the mailbox, logs, notices, greetings.
  await demoRelations(db, summary.companyId, now);
  await demoVip(db, { companyId: summary.companyId, now });
  await demoArrears(db, { companyId: summary.companyId, now });
  const [added] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(requests)
    .where(sql`${requests.companyId} = ${summary.companyId}`);
  return { ...summary, requests: added?.n ?? before };
}

/** Categories that concern common areas (reported at a public location, not a unit). */
const PUBLIC_AREA_CODES = new Set([
  'lift',
  'public_facility',
  'fire_equipment',
  'access_control',
  'hygiene',
  'greening',
  'security',
  'parking',
  'noise_equipment',
  'pets',
  'lost_found',
]);

/**
 * The clocks and callbacks the historical timelines imply (spec 01 §4 defaults): arrival 15 minutes
 * from dispatch, fix 8 hours from arrival, callback 2 days from completion (same day for paid services).
 */
function clocksFromTimelines(list: (typeof requests.$inferInsert)[], timeline: EventInput[]) {
  const byRequest = new Map<string, EventInput[]>();
  for (const e of timeline) {
    const l = byRequest.get(e.entityId) ?? [];
    l.push(e);
    byRequest.set(e.entityId, l);
  }
  const deadlines: (typeof requestDeadlines.$inferInsert)[] = [];
  const calls: (typeof callbacks.$inferInsert)[] = [];
  const callbackOf = (r: typeof requests.$inferInsert, e: EventInput) => {
    const data = (e.data ?? {}) as { satisfaction?: string; stars?: number };
    calls.push({
      id: newId(e.at.getTime()),
      companyId: r.companyId,
      estateId: r.estateId,
      requestId: r.id!,
      byId: e.actorId!,
      at: e.at,
      method: 'phone',
      reached: true,
      satisfaction: data.satisfaction ?? 'satisfied',
      stars: data.stars ?? 5,
      problemFound: false,
    });
  };
  for (const r of list) {
    // A complaint's callbacks are recorded like any (its clocks are the complaint's: demo.complaints.ts).
    if (r.type === 'complaint')
      for (const e of byRequest.get(r.id!) ?? []) if (e.action === 'callback') callbackOf(r, e);
    if (r.type !== 'repair' && r.type !== 'paid_service') continue;
    const open = new Map<string, typeof requestDeadlines.$inferInsert>();
    const start = (kind: string, at: Date, windowMs: number) => {
      const d = {
        id: newId(at.getTime()),
        companyId: r.companyId,
        estateId: r.estateId,
        requestId: r.id!,
        kind,
        startedAt: at,
        dueAt: new Date(at.getTime() + windowMs),
        warnAt: new Date(at.getTime() + windowMs * SLA_DEFAULTS.warningFraction),
        status: 'pending',
      };
      open.set(kind, d);
      deadlines.push(d);
    };
    const meet = (kind: string, at: Date) => {
      const d = open.get(kind);
      if (!d) return;
      d.status = at <= d.dueAt! ? 'met' : 'missed';
      d.metAt = at;
      open.delete(kind);
    };
    for (const e of byRequest.get(r.id!) ?? []) {
      if (e.action === 'dispatch') start('on_site', e.at, SLA_DEFAULTS.onSiteMinutes * 60_000);
      if (e.action === 'arrive') {
        meet('on_site', e.at);
        start('fix', e.at, SLA_DEFAULTS.fixHours * 3_600_000);
      }
      if (e.action === 'complete') {
        meet('fix', e.at);
        start(
          'callback',
          e.at,
          r.type === 'paid_service' ? 12 * 3_600_000 : SLA_DEFAULTS.callbackDays * 86_400_000,
        );
      }
      if (e.action === 'callback') {
        meet('callback', e.at);
        callbackOf(r, e);
      }
      if (e.action === 'hold')
        for (const d of open.values()) Object.assign(d, { status: 'paused', pausedAt: e.at });
    }
    // Closed or cancelled requests leave no clock running.
    if (r.state === 'closed' || r.state === 'cancelled')
      for (const d of open.values()) d.status = 'cancelled';
  }
  return { deadlines, calls };
}

function weightedPick<T>(rnd: Random, list: [T, number][]): T {
  const sum = list.reduce((s, [, w]) => s + w, 0);
  let r = rnd.next() * sum;
  for (const [v, w] of list) {
    r -= w;
    if (r < 0) return v;
  }
  return list[list.length - 1]![0];
}

function needsDispatch(type: RequestType): boolean {
  return type === 'repair' || type === 'paid_service' || type === 'complaint' || type === 'help';
}

function departmentFor(type: RequestType, code: string): string {
  if (type === 'repair' || type === 'paid_service')
    return code.includes('cleaning') ? 'cleaning' : 'engineering';
  if (['hygiene', 'pets'].includes(code)) return 'cleaning';
  if (['security', 'parking', 'decoration'].includes(code)) return 'security';
  if (code === 'greening') return 'greening';
  if (['noise_equipment', 'leak', 'leak_ceiling'].includes(code)) return 'engineering';
  return 'customer_service';
}

/** Old requests are almost all closed; recent ones are spread over the open states. */
function historicalState(rnd: Random, type: RequestType, ageDays: number): RequestState {
  if (rnd.chance(0.03)) return 'cancelled';
  if (ageDays > 10) return 'closed';
  const simple = !needsDispatch(type);
  if (simple) return ageDays > 1 ? 'closed' : rnd.pick(['new', 'closed', 'confirmed'] as const);
  if (ageDays > 4) return rnd.pick(['closed', 'closed', 'closed', 'callback_done', 'confirmed'] as const);
  return rnd.pick([
    'new',
    'dispatched',
    'accepted',
    'on_site',
    'in_progress',
    'done',
    'confirmed',
    'on_hold',
    'closed',
  ] as const);
}

const PATH: RequestState[] = [
  'dispatched',
  'accepted',
  'on_site',
  'in_progress',
  'confirmed',
  'callback_done',
  'closed',
];
const ACTION: Record<string, string> = {
  dispatched: 'dispatch',
  accepted: 'accept',
  on_site: 'arrive',
  in_progress: 'start',
  confirmed: 'complete',
  callback_done: 'callback',
  closed: 'close',
};

function historicalEvents(o: {
  companyId: string;
  estateId: string;
  requestId: string;
  state: RequestState;
  t0: number;
  now: number;
  rnd: Random;
  receiverId: string;
  techId: string;
  departmentId: string;
  dispatch: boolean;
}): EventInput[] {
  const base = { companyId: o.companyId, estateId: o.estateId, entityType: 'request', entityId: o.requestId };
  const list: EventInput[] = [{ ...base, action: 'created', actorId: o.receiverId, at: new Date(o.t0) }];
  if (o.state === 'new') return list;
  let t = o.t0;
  const step = () => {
    t = Math.min(t + o.rnd.int(3, 90) * 60_000, o.now);
    return new Date(t);
  };
  if (o.state === 'cancelled') {
    list.push({
      ...base,
      action: 'cancel',
      actorId: o.receiverId,
      at: step(),
      data: { reason: '住户已自行解决' },
    });
    return list;
  }
  const target = o.state === 'on_hold' ? 'on_site' : o.state === 'done' ? 'in_progress' : o.state;
  const path = o.dispatch ? PATH : (['confirmed', 'closed'] as RequestState[]);
  for (const s of path) {
    const action = ACTION[s]!;
    const isTech = ['accept', 'arrive', 'start', 'complete'].includes(action) && o.dispatch;
    const data: Record<string, unknown> =
      action === 'dispatch'
        ? { departmentId: o.departmentId, assigneeId: o.techId }
        : action === 'complete'
          ? {
              workDone: '已处理完毕，住户确认',
              residentConfirmation: { method: o.dispatch ? 'signature' : 'phone' },
            }
          : action === 'callback'
            ? {
                reached: true,
                satisfaction: o.rnd.chance(0.92) ? 'satisfied' : 'fair',
                stars: o.rnd.chance(0.8) ? 5 : 4,
              }
            : {};
    list.push({ ...base, action, actorId: isTech ? o.techId : o.receiverId, at: step(), data });
    if (s === target) break;
  }
  if (o.state === 'on_hold')
    list.push({
      ...base,
      action: 'hold',
      actorId: o.techId,
      at: step(),
      data: { reasonCode: 'waiting_parts', reason: '等待配件到货' },
    });
  if (o.state === 'done')
    list.push({
      ...base,
      action: 'complete',
      actorId: o.techId,
      at: step(),
      data: { workDone: '已维修', residentConfirmation: { method: 'portal' } },
    });
  return list;
}

// biome-ignore lint/suspicious/noExplicitAny: generic batch insert over any table
async function insertBatched(db: Db, table: any, list: object[], size = 500): Promise<void> {
  for (let i = 0; i < list.length; i += size) await db.insert(table).values(list.slice(i, i + size));
}
