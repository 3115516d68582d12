/**
 * The person records' details for the demo (after the history is in): household segments, vehicles,
 * emergency contacts, move-in dates, office landlines beside the mobiles, co-owners, the grade history
 * of the A, B and D customers, and a tenant with the owner's authorisation letters (one valid, one
 * expired). Its own random stream, so the rest of the demo data stays as it was.
 */
import { type HouseholdSegment, normalisePhone } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { FileStore } from '../modules/files/files.store.ts';
import { files } from '../modules/files/files.table.ts';
import { residentAuthorisations, residentUnits } from '../modules/residents/residents.table.ts';
import { type EventInput, recordEvents } from '../platform/audit.ts';
import { type Db, rows } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { addCivilDays } from '../platform/sla-time.ts';
import { localParts } from '../platform/time.ts';
import { SURNAMES } from './demo.data.ts';
import { Random } from './random.ts';

const DAY = 24 * 60 * 60 * 1000;
const TZ = 'Asia/Shanghai';
const PLATE_LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const EMERGENCY_RELATIONS = ['配偶', '子女', '父母', '兄弟姐妹', '朋友'];

const A_REASONS = [
  '区人大代表，经管理处推荐列为重点客户',
  '集团特殊关系客户，经公司客户服务中心确认',
  '对公司发展有重大贡献的业主',
];
const B_REASONS = ['购买集团物业两套以上的忠诚业主', '多次书面表扬物业服务，认可度高', '集团员工购房'];
const D_REASONS = [
  '一年内多次无效投诉，沟通时需注意方式',
  '无正当理由拒缴物业服务费超过 6 个月',
  '曾牵头组织聚众投诉',
];

/** A one-page PDF in Chinese (Adobe's STSong-Light, which every PDF viewer carries): the demo's 业主委托书. */
export function demoLetterPdf(): Buffer {
  const ucs2 = (s: string) => `<${Buffer.from(s, 'utf16le').swap16().toString('hex')}>`;
  const lines: [number, number, number, string][] = [
    [22, 235, 760, '业主委托书'],
    [12, 72, 700, '本人系阳光花园房屋业主，现委托该房屋租户代为办理网络、水电开户等'],
    [12, 72, 680, '物业相关手续，委托期限以物业服务中心登记为准。'],
    [12, 72, 640, '委托人（业主）签字：              受托人签字：'],
    [12, 72, 610, '日期：'],
    [10, 72, 120, '示范物业 · 演示文件'],
  ];
  const content = lines
    .map(([size, x, y, text]) => `BT /F1 ${size} Tf ${x} ${y} Td ${ucs2(text)} Tj ET`)
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 7 0 R >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** Puts the demo's files into the store (content-addressed: a no-op when they are there). */
export async function storeDemoFiles(store: FileStore): Promise<void> {
  await store.put(demoLetterPdf());
}

interface Person {
  id: string;
  estate_id: string;
  estate_name: string;
  birthday: string | null;
  grade: string;
  unit_id: string;
  relation: string;
  status: string;
  building: string;
  number: string;
  household: number;
}

function segmentOf(rnd: Random, p: Person, year: number): HouseholdSegment | null {
  if (!rnd.chance(0.85)) return null;
  const age = p.birthday ? year - Number(p.birthday.slice(0, 4)) : 40;
  if (age >= 65) return rnd.pick(['active_senior', 'empty_nest'] as const);
  if (p.household >= 2) {
    if (age >= 50) return rnd.pick(['mature_family', 'empty_nest'] as const);
    return rnd.pick([
      'couple_with_children',
      'couple_with_children',
      'couple_dink',
      'mature_family',
    ] as const);
  }
  if (age < 35) return rnd.pick(['single_dink', 'single_dink', 'single_parent'] as const);
  return rnd.pick(['older_single', 'single_parent', 'single_dink'] as const);
}

function plate(rnd: Random): string {
  const letter = () => PLATE_LETTERS[rnd.int(0, PLATE_LETTERS.length - 1)];
  const digits = (n: number) => String(rnd.int(0, 10 ** n - 1)).padStart(n, '0');
  const region = rnd.pick(['B', 'B', 'B', 'A', 'S']);
  // One in four a new-energy car (粤BD12345), some ordinary plates with a letter inside.
  if (rnd.chance(0.25)) return `粤${region}${rnd.pick(['D', 'F'])}${digits(5)}`;
  return rnd.chance(0.3) ? `粤${region}${letter()}${digits(4)}` : `粤${region}${digits(5)}`;
}

export async function demoResidentDetails(
  db: Db,
  input: { companyId: string; now: Date; seed: number },
): Promise<void> {
  const { companyId, now } = input;
  const staff = await rows<{ id: string; username: string }>(
    db,
    sql`select id, username from users where company_id = ${companyId} and username in ('manager', 'admin')`,
  );
  const userId = (name: string) => staff.find((u) => u.username === name)?.id ?? null;
  const rnd = new Random(input.seed ^ 0x2e51de);
  const year = Number(localParts(now, TZ).date.slice(0, 4));
  const people = await rows<Person>(
    db,
    sql`select r.id, r.estate_id, e.name as estate_name, r.birthday::text as birthday, r.grade, ru.unit_id,
          ru.relation, u.status, b.name as building, u.number,
          (select count(*)::int from resident_units x where x.unit_id = ru.unit_id) as household
        from residents r join estates e on e.id = r.estate_id
        join resident_units ru on ru.resident_id = r.id
        join units u on u.id = ru.unit_id join buildings b on b.id = u.building_id
        where r.company_id = ${companyId}
        order by r.id`,
  );
  const usedPhones = new Set(
    (await rows<{ p: string }>(db, sql`select unnest(phones) as p from residents`)).map((r) => r.p),
  );
  const freshPhone = (prefix: () => string, digits: number) => {
    let p: string;
    do p = prefix() + String(rnd.int(0, 10 ** digits - 1)).padStart(digits, '0');
    while (usedPhones.has(p) || normalisePhone(p) !== p);
    usedPhones.add(p);
    return p;
  };

  type Detail = {
    id: string;
    segment: string | null;
    vehicles: string;
    emergency_name: string | null;
    emergency_phone: string | null;
    emergency_relation: string | null;
    move_in_date: string | null;
    landline: string | null;
  };
  const details: Detail[] = [];
  const coOwners: string[] = [];
  const events: EventInput[] = [];
  const manager = userId('manager');
  const admin = userId('admin');
  for (const p of people) {
    const main = p.relation !== 'member';
    const office = p.estate_name === '天物大厦';
    const cars = main ? (rnd.chance(0.1) ? 2 : rnd.chance(0.4) ? 1 : 0) : 0;
    const vehicles = Array.from({ length: cars }, () => plate(rnd));
    const emergency = main && rnd.chance(0.6);
    const moveIn = main
      ? addCivilDays(
          localParts(now, TZ).date,
          -(p.relation === 'tenant' ? rnd.int(30, 1500) : rnd.int(400, 6000)),
        )
      : null;
    details.push({
      id: p.id,
      segment: main && !office ? segmentOf(rnd, p, year) : null,
      vehicles: vehicles.join(','),
      emergency_name: emergency ? rnd.pick(SURNAMES) + rnd.pick(['先生', '女士']) : null,
      emergency_phone: emergency ? freshPhone(() => rnd.pick(['139', '186', '158', '177']), 8) : null,
      emergency_relation: emergency ? rnd.pick(EMERGENCY_RELATIONS) : null,
      move_in_date: moveIn,
      // Office tenants give their company's switchboard too.
      landline: office && main && rnd.chance(0.6) ? freshPhone(() => '0755', 8) : null,
    });
    if (!main && p.status === 'occupied' && p.estate_name === '阳光花园' && rnd.chance(0.3))
      coOwners.push(p.id);

    // Grade history: the A, D (and some B) customers were graded by people, with their reasons.
    const reasons =
      p.grade === 'A'
        ? A_REASONS
        : p.grade === 'D'
          ? D_REASONS
          : p.grade === 'B' && rnd.chance(0.3)
            ? B_REASONS
            : null;
    if (reasons && main) {
      const at = new Date(now.getTime() - rnd.int(20, 300) * DAY - rnd.int(0, 8 * 60) * 60_000);
      events.push({
        companyId,
        estateId: p.estate_id,
        entityType: 'resident',
        entityId: p.id,
        action: 'grade_changed',
        actorId: p.grade === 'A' ? admin : manager,
        at,
        data: { from: 'C', to: p.grade, reason: rnd.pick(reasons) },
      });
    }
  }
  await db.execute(sql`update residents r set
        segment = v.segment,
        vehicles = case when v.vehicles = '' then '{}'::text[] else string_to_array(v.vehicles, ',') end,
        emergency_name = v.emergency_name, emergency_phone = v.emergency_phone,
        emergency_relation = v.emergency_relation, move_in_date = v.move_in_date::date,
        phones = case when v.landline is null then r.phones else r.phones || array[v.landline] end
      from json_to_recordset(${JSON.stringify(details)}::json) as v(id text, segment text, vehicles text,
        emergency_name text, emergency_phone text, emergency_relation text, move_in_date text, landline text)
      where r.id = v.id`);
  await db.execute(sql`update resident_units ru set since = r.move_in_date
      from residents r where r.id = ru.resident_id and r.company_id = ${companyId} and ru.relation <> 'member'`);
  if (coOwners.length)
    await db.execute(sql`update resident_units set relation = 'co_owner'
        where resident_id in (select jsonb_array_elements_text(${JSON.stringify(coOwners)}::jsonb))`);

  // A tenant of 阳光花园 with the owner's letters: the owner (of a flat in another building) lets this one.
  const ygh = people.filter((p) => p.estate_name === '阳光花园');
  const tenant = [...ygh].reverse().find((p) => p.relation === 'tenant');
  const owner = [...ygh].reverse().find((p) => p.relation === 'owner' && p.building !== tenant?.building);
  if (tenant && owner && manager) {
    await db.insert(residentUnits).values({
      residentId: owner.id,
      unitId: tenant.unit_id,
      companyId,
      estateId: tenant.estate_id,
      relation: 'owner',
      since: addCivilDays(localParts(now, TZ).date, -2400),
    });
    const pdf = demoLetterPdf();
    const today = localParts(now, TZ).date;
    const letters = [
      { from: addCivilDays(today, -200), until: addCivilDays(today, 165), note: '网络、水电开户' },
      { from: addCivilDays(today, -930), until: addCivilDays(today, -201), note: '上一租期' },
    ];
    for (const [i, l] of letters.entries()) {
      const at = new Date(now.getTime() - (i === 0 ? 200 : 930) * DAY);
      const fileId = newId(at.getTime());
      await db.insert(files).values({
        id: fileId,
        companyId,
        estateId: tenant.estate_id,
        sha256: FileStore.sha256(pdf),
        size: pdf.length,
        contentType: 'application/pdf',
        originalName: `业主委托书-${tenant.building}-${tenant.number}${i ? '-上一租期' : ''}.pdf`,
        kind: 'document',
        uploadedBy: manager,
        uploadedAt: at,
        usedFor: 'authorisation',
      });
      const [ownerRow] = await rows<{ name: string }>(
        db,
        sql`select name from residents where id = ${owner.id}`,
      );
      const authorisationId = newId(at.getTime() + 1);
      await db.insert(residentAuthorisations).values({
        id: authorisationId,
        companyId,
        estateId: tenant.estate_id,
        residentId: tenant.id,
        unitId: tenant.unit_id,
        ownerResidentId: owner.id,
        ownerName: ownerRow!.name,
        fileId,
        validFrom: l.from,
        validUntil: l.until,
        note: l.note,
        createdById: manager,
        createdAt: at,
      });
      events.push({
        companyId,
        estateId: tenant.estate_id,
        entityType: 'resident',
        entityId: tenant.id,
        action: 'authorisation_added',
        actorId: manager,
        at,
        data: {
          authorisationId,
          unitId: tenant.unit_id,
          ownerName: ownerRow!.name,
          validFrom: l.from,
          validUntil: l.until,
          fileId,
        },
      });
    }
  }
  // Who looked at whose numbers over the last week (the managers' audit page has history).
  const viewers = await rows<{ id: string; username: string }>(
    db,
    sql`select id, username from users where company_id = ${companyId}
          and username in ('agent', 'agent2', 'cashier', 'steward', 'supervisor') order by username`,
  );
  const mains = ygh.filter((p) => p.relation !== 'member');
  for (let i = 0; i < 14 && viewers.length && mains.length; i++) {
    const p = mains[rnd.int(0, mains.length - 1)]!;
    const viewer = viewers[rnd.int(0, viewers.length - 1)]!;
    const field = viewer.username === 'cashier' && rnd.chance(0.5) ? 'idNumber' : 'phone';
    events.push({
      companyId,
      estateId: p.estate_id,
      entityType: 'resident',
      entityId: p.id,
      action: 'reveal',
      actorId: viewer.id,
      at: new Date(now.getTime() - rnd.int(1, 7 * 24 * 60) * 60_000),
      data: field === 'phone' ? { field, index: 0 } : { field },
    });
  }
  await recordEvents(db, events);
}
