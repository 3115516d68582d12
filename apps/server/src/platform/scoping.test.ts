/**
 * The authorisation table: every /api route is classified here, and for each estate-scoped resource
 * staff of one estate can neither read nor change another estate's data. A new route fails the first
 * test until it is added to this table (and so until its scoping is tested).
 */
import { SLA_DEFAULTS } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../modules/auth/auth.table.ts';
import { type Client, createTestContext, type TestContext } from '../testing/harness.ts';
import { rows } from './db.ts';
import { newId } from './ids.ts';
import { hashPassword } from './passwords.ts';

let ctx: TestContext;
let ygh: string;
let twd: string;
let agent: Client;
let twAgent: Client;
let admin: Client;
let manager: Client;
let twManager: Client;
/** The engineering department of each estate (department routes take its id). */
const engineering: Record<string, string> = {};
/** An occupied unit per estate (the look-up's probe). */
const occupiedUnit: Record<string, string> = {};

interface Probe {
  /** A URL that reads data of the given estate. */
  url(estateId: string): string;
  /** The estate ids of what came back (to prove nothing foreign leaks). */
  estatesOf(body: any): string[];
  /** Probe as the estates' managers (routes the desk agents may not call). */
  as?: 'manager';
}

const ESTATE_ROUTES: Record<string, Probe> = {
  'GET /api/estates/:id/buildings': {
    url: (e) => `/api/estates/${e}/buildings`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/estates/:id/units': {
    url: (e) => `/api/estates/${e}/units`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/estates/:id/locations': {
    url: (e) => `/api/estates/${e}/locations`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/estates/:id/arrears': {
    url: (e) => `/api/estates/${e}/arrears`,
    estatesOf: (b) => (b.list ? [b.list.estateId, ...b.history.map((h: any) => h.estateId)] : []),
  },
  'GET /api/units/:id': {
    url: (e) => `/api/units/${occupiedUnit[e] ?? 'none'}`,
    estatesOf: (b) => [b.estateId],
  },
  'GET /api/units/:id/file': {
    url: (e) => `/api/units/${occupiedUnit[e] ?? 'none'}/file`,
    estatesOf: (b) => [b.unit.estateId],
  },
  'GET /api/residents': {
    url: (e) => `/api/residents?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  // VIP cards (demo: 阳光花园's cards, applications, assistant and services; docs/decisions/0021).
  'GET /api/vip/cards': {
    url: (e) => `/api/vip/cards?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/vip/applications': {
    url: (e) => `/api/vip/applications?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/vip/services': {
    url: (e) => `/api/vip/services?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/vip/assistants': {
    url: (e) => `/api/vip/assistants?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/vip/reminders': {
    url: (e) => `/api/vip/reminders?estateId=${e}`,
    estatesOf: (b) => [...b.estateIds, ...b.items.filter((i: any) => i.estateId).map((i: any) => i.estateId)],
  },
  'GET /api/departments': {
    url: (e) => `/api/departments?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/staff': {
    url: (e) => `/api/staff?estateId=${e}`,
    estatesOf: (b) => b.items.flatMap((i: any) => i.estateIds),
  },
  'GET /api/requests': {
    url: (e) => `/api/requests?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/home': {
    url: (e) => `/api/home?estateId=${e}`,
    estatesOf: (b) => b.estates.map((i: any) => i.id),
  },
  'GET /api/departments/:id/board': {
    url: (e) => `/api/departments/${engineering[e]}/board`,
    estatesOf: (b) => [b.department.estateId, ...b.items.map((i: any) => i.estateId)],
  },
  'GET /api/departments/:id/members': {
    url: (e) => `/api/departments/${engineering[e]}/members`,
    estatesOf: (b) => [b.department.estateId],
  },
  'GET /api/payments': {
    url: (e) => `/api/payments?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
    as: 'manager',
  },
  'GET /api/payments/summary': {
    url: (e) => `/api/payments/summary?estateId=${e}`,
    estatesOf: (b) => b.estateIds,
    as: 'manager',
  },
  'GET /api/payments/uncollected': {
    url: (e) => `/api/payments/uncollected?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/handovers/night': {
    url: (e) => `/api/handovers/night?estateId=${e}`,
    estatesOf: (b) => [b.estateId, ...b.items.map((i: any) => i.estateId)],
  },
  'GET /api/callbacks/due': {
    url: (e) => `/api/callbacks/due?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/callbacks/quotas': {
    url: (e) => `/api/callbacks/quotas?estateId=${e}`,
    estatesOf: (b) => [b.estateId],
  },
  'GET /api/lookup': {
    url: (e) => `/api/lookup?estateId=${e}&unitId=${occupiedUnit[e] ?? 'none'}`,
    estatesOf: (b) => b.residents.map((r: any) => r.estateId),
  },
  'GET /api/estates/:id/sla-settings': {
    url: (e) => `/api/estates/${e}/sla-settings`,
    estatesOf: (b) => [b.estateId],
  },
  'GET /api/complaint-events': {
    url: (e) => `/api/complaint-events?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/complaints': {
    url: (e) => `/api/complaints?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/complaint-memos': {
    url: (e) => `/api/complaint-memos?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/kpis': {
    url: (e) => `/api/kpis?estateId=${e}`,
    estatesOf: (b) => b.estateIds,
    as: 'manager',
  },
  'GET /api/kpis/:key/records': {
    url: (e) => `/api/kpis/complaint_handling_rate/records?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
    as: 'manager',
  },
  'GET /api/visit-plans': {
    url: (e) => `/api/visit-plans?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/visits': {
    url: (e) => `/api/visits?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/visit-coverage': {
    url: (e) => `/api/visit-coverage?estateId=${e}`,
    estatesOf: (b) => [...b.estates.map((i: any) => i.estateId), ...b.stewards.map((i: any) => i.estateId)],
    as: 'manager',
  },
  'GET /api/reception-days': {
    url: (e) => `/api/reception-days?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/mailbox': {
    url: (e) => `/api/mailbox?estateId=${e}`,
    estatesOf: (b) => [...b.estates.map((i: any) => i.estateId), ...b.openings.map((i: any) => i.estateId)],
  },
  'GET /api/committee-meetings': {
    url: (e) => `/api/committee-meetings?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/developer-logs': {
    url: (e) => `/api/developer-logs?estateId=${e}`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/notices': {
    url: (e) => `/api/notices?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/greetings': {
    url: (e) => `/api/greetings?estateId=${e}&days=62`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/complaints/analysis': {
    url: (e) => `/api/complaints/analysis?estateId=${e}`,
    estatesOf: (b) => [...b.estateIds, ...b.recurring.map((g: any) => g.estateId)],
    as: 'manager',
  },
  // The residents' audit (the demo's grade changes, letters …): managers and the company only.
  'GET /api/audit': {
    url: (e) => `/api/audit?estateId=${e}&pageSize=200`,
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
    as: 'manager',
  },
};
/**
 * Writes to an estate's own settings: a manager of the other estate (a role that may write them) gets
 * 404 for 阳光花园, and nothing changes.
 */
const ESTATE_WRITES: Record<string, { method: string; url: (estateId: string) => string; body?: object }> = {
  'PUT /api/estates/:id/sla-settings': {
    method: 'PUT',
    url: (e) => `/api/estates/${e}/sla-settings`,
    body: { settings: SLA_DEFAULTS, version: 0 },
  },
  'DELETE /api/estates/:id/sla-settings': {
    method: 'DELETE',
    url: (e) => `/api/estates/${e}/sla-settings?version=0`,
  },
};
/** Lists that cover "all my estates" when no estate is named. */
const ESTATE_LISTS: Record<string, Probe> = {
  'GET /api/estates': { url: () => '/api/estates', estatesOf: (b) => b.items.map((i: any) => i.id) },
  'GET /api/residents': {
    url: () => '/api/residents?pageSize=200',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/departments': {
    url: () => '/api/departments',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/requests': {
    url: () => '/api/requests?pageSize=200',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/home': { url: () => '/api/home', estatesOf: (b) => b.estates.map((i: any) => i.id) },
  'GET /api/callbacks/due': {
    url: () => '/api/callbacks/due?pageSize=200',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/alerts': {
    url: () => '/api/alerts?all=true',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/staff': {
    url: () => '/api/staff?pageSize=200',
    estatesOf: (b) => b.items.flatMap((i: any) => i.estateIds),
  },
  'GET /api/complaint-events': {
    url: () => '/api/complaint-events',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/complaints': {
    url: () => '/api/complaints?pageSize=200',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
  'GET /api/complaint-memos': {
    url: () => '/api/complaint-memos?pageSize=200',
    estatesOf: (b) => b.items.map((i: any) => i.estateId),
  },
};
/**
 * Routes on one record: staff of the other estate get 404 for a record of 阳光花园 (or 400 on the
 * field, for a body naming it), and nothing changes.
 */
/** 阳光花园 itself, one of its buildings, units and locations, and records of that unit's file. */
type StructureIds = {
  estate: string;
  building: string;
  unit: string;
  location: string;
  key: string;
  meter: string;
  moveIn: string;
  decoration: string;
  document: string;
};
type RecordIds = {
  request: string;
  alert: string;
  payment: string;
  paymentRequest: string;
  memo: string;
  resident: string;
  unit: string;
  /** Relationship work of 阳光花园 (demo data). */
  plan?: string;
  visit?: string;
  receptionDay?: string;
  letter?: string;
  meeting?: string;
  notice?: string;
};
const RECORD_ROUTES: Record<
  string,
  {
    method: string;
    url: (ids: RecordIds) => string;
    body?: object | ((ids: RecordIds) => object);
    status: number;
    /** Try as 天物大厦's manager (a role the route admits) instead of its agent. */
    as?: 'manager';
  }
> = {
  'POST /api/requests': {
    method: 'POST',
    url: () => '/api/requests',
    body: {
      estateId: '',
      channel: 'phone',
      type: 'repair',
      description: '跨项目受理',
      locationText: '大堂',
      reporter: { name: '张三', phone: '13800138000' },
    },
    status: 400,
  },
  'GET /api/requests/:id': { method: 'GET', url: (ids) => `/api/requests/${ids.request}`, status: 404 },
  'POST /api/requests/:id/transitions': {
    method: 'POST',
    url: (ids) => `/api/requests/${ids.request}/transitions`,
    body: { action: 'cancel', version: 1, reason: '越权测试' },
    status: 404,
  },
  'POST /api/requests/:id/callbacks': {
    method: 'POST',
    url: (ids) => `/api/requests/${ids.request}/callbacks`,
    body: { method: 'phone', reached: false },
    status: 404,
  },
};
RECORD_ROUTES['POST /api/alerts/:id/acknowledge'] = {
  method: 'POST',
  url: (ids) => `/api/alerts/${ids.alert}/acknowledge`,
  status: 404,
};
RECORD_ROUTES['POST /api/requests/:id/payments'] = {
  method: 'POST',
  url: (ids) => `/api/requests/${ids.paymentRequest}/payments`,
  body: { amountFen: 5000, method: 'office' },
  status: 404,
};
RECORD_ROUTES['POST /api/requests/:id/payments/:paymentId/confirm'] = {
  method: 'POST',
  url: (ids) => `/api/requests/${ids.paymentRequest}/payments/${ids.payment}/confirm`,
  body: { receiptNo: 'SJ-CROSS-1' },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['PATCH /api/requests/:id/complaint'] = {
  method: 'PATCH',
  url: (ids) => `/api/requests/${ids.request}/complaint`,
  body: { version: 1, validity: 'effective' },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/requests/:id/complaint/links'] = {
  method: 'POST',
  url: (ids) => `/api/requests/${ids.request}/complaint/links`,
  body: { otherId: '019d0000-0000-7000-8000-000000000000' },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['DELETE /api/requests/:id/complaint/links/:otherId'] = {
  method: 'DELETE',
  url: (ids) => `/api/requests/${ids.request}/complaint/links/019d0000-0000-7000-8000-000000000000`,
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/requests/:id/complaint/memos'] = {
  method: 'POST',
  url: (ids) => `/api/requests/${ids.request}/complaint/memos`,
  body: { question: '越权测试', proposals: [{ remedy: '无' }] },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['GET /api/requests/:id/complaint/memos'] = {
  method: 'GET',
  url: (ids) => `/api/requests/${ids.request}/complaint/memos`,
  status: 404,
};
RECORD_ROUTES['POST /api/complaint-memos/:id/decision'] = {
  method: 'POST',
  url: (ids) => `/api/complaint-memos/${ids.memo}/decision`,
  body: { decision: '越权测试' },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/complaint-memos/:id/escalate'] = {
  method: 'POST',
  url: (ids) => `/api/complaint-memos/${ids.memo}/escalate`,
  body: {},
  status: 404,
  as: 'manager',
};
// A case is drafted from and saved on a complaint of the caller's estates (the case library itself is
// company-wide: COMPANY_ROUTES below).
RECORD_ROUTES['GET /api/requests/:id/complaint/case-draft'] = {
  method: 'GET',
  url: (ids) => `/api/requests/${ids.request}/complaint/case-draft`,
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/requests/:id/complaint/case'] = {
  method: 'POST',
  url: (ids) => `/api/requests/${ids.request}/complaint/case`,
  body: { title: '越权测试', summary: '越权测试', handling: '越权测试', lesson: '越权测试' },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/residents'] = {
  method: 'POST',
  url: () => '/api/residents',
  body: { estateId: '', name: '跨项目住户', phones: ['13800138000'] },
  status: 400,
};
RECORD_ROUTES['GET /api/residents/:id'] = {
  method: 'GET',
  url: (ids) => `/api/residents/${ids.resident}`,
  status: 404,
};
RECORD_ROUTES['PATCH /api/residents/:id'] = {
  method: 'PATCH',
  url: (ids) => `/api/residents/${ids.resident}`,
  body: { version: 1, notes: '越权测试' },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/residents/:id/units'] = {
  method: 'POST',
  url: (ids) => `/api/residents/${ids.resident}/units`,
  body: { unitId: '019d0000-0000-7000-8000-000000000000', relation: 'owner' },
  status: 404,
};
RECORD_ROUTES['POST /api/residents/:id/units/:unitId/end'] = {
  method: 'POST',
  url: (ids) => `/api/residents/${ids.resident}/units/${ids.unit}/end`,
  body: {},
  status: 404,
};
RECORD_ROUTES['POST /api/residents/:id/authorisations'] = {
  method: 'POST',
  url: (ids) => `/api/residents/${ids.resident}/authorisations`,
  body: {
    unitId: '019d0000-0000-7000-8000-000000000000',
    fileId: '019d0000-0000-7000-8000-000000000000',
    validFrom: '2026-11-01',
    validUntil: '2027-10-31',
    ownerName: '越权测试',
  },
  status: 404,
};
RECORD_ROUTES['POST /api/residents/:id/reveal'] = {
  method: 'POST',
  url: (ids) => `/api/residents/${ids.resident}/reveal`,
  body: { field: 'phone' },
  status: 404,
};
RECORD_ROUTES['POST /api/requests/:id/reveal'] = {
  method: 'POST',
  url: (ids) => `/api/requests/${ids.request}/reveal`,
  body: { field: 'reporterPhone' },
  status: 404,
};
RECORD_ROUTES['POST /api/residents/:id/vip-applications'] = {
  method: 'POST',
  url: (ids) => `/api/residents/${ids.resident}/vip-applications`,
  body: { level: 2, form: { qualification: '越权测试' } },
  status: 404,
  as: 'manager',
};
RECORD_ROUTES['POST /api/handovers'] = {
  method: 'POST',
  url: () => '/api/handovers',
  body: { estateId: '', shiftDate: '2026-11-22', handedOverById: 'x', receivedById: 'y', requestIds: [] },
  status: 400,
};
/**
 * Setting up the structure (managers of the other estate, a role that may write it) and the unit file
 * (the other estate's front desk): 404 for 阳光花园's estate, buildings, units, locations and records;
 * a building of 阳光花园 named in a body of their own estate is a 400 on the field.
 */
const STRUCTURE_WRITES: Record<
  string,
  { method: string; url: (ids: StructureIds) => string; body?: object }
> = {
  'PATCH /api/estates/:id': {
    method: 'PATCH',
    url: (ids) => `/api/estates/${ids.estate}`,
    body: { version: 1, name: '越权' },
  },
  'POST /api/estates/:id/buildings': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/buildings`,
    body: { name: '越权楼', floors: 3 },
  },
  'PATCH /api/buildings/:id': {
    method: 'PATCH',
    url: (ids) => `/api/buildings/${ids.building}`,
    body: { version: 1, name: '越权楼' },
  },
  'POST /api/estates/:id/units': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/units`,
    body: { buildingId: '019d0000-0000-7000-8000-000000000000', number: '9999', floor: 1 },
  },
  'POST /api/estates/:id/units/bulk/preview': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/units/bulk/preview`,
    body: { buildings: { from: 90, to: 90 }, floors: { from: 1, to: 2 }, rooms: { from: 1, to: 2 } },
  },
  'POST /api/estates/:id/units/bulk': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/units/bulk`,
    body: { buildings: { from: 90, to: 90 }, floors: { from: 1, to: 2 }, rooms: { from: 1, to: 2 } },
  },
  'PATCH /api/units/:id': {
    method: 'PATCH',
    url: (ids) => `/api/units/${ids.unit}`,
    body: { version: 1, status: 'vacant' },
  },
  'POST /api/estates/:id/locations': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/locations`,
    body: { name: '越权区域', kind: 'other' },
  },
  'PATCH /api/locations/:id': {
    method: 'PATCH',
    url: (ids) => `/api/locations/${ids.location}`,
    body: { version: 1, retired: true },
  },
  // The spreadsheet import: the estate is checked before the file is read (modules/imports).
  'GET /api/estates/:id/import/template': {
    method: 'GET',
    url: (ids) => `/api/estates/${ids.estate}/import/template`,
  },
  'POST /api/estates/:id/import': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/import`,
  },
  // Arrears lists: the estate is checked before the file is read (modules/arrears).
  'GET /api/estates/:id/arrears/template': {
    method: 'GET',
    url: (ids) => `/api/estates/${ids.estate}/arrears/template`,
  },
  'POST /api/estates/:id/arrears/import': {
    method: 'POST',
    url: (ids) => `/api/estates/${ids.estate}/arrears/import`,
  },
};
const UNIT_FILE_WRITES: Record<
  string,
  { method: string; url: (ids: StructureIds) => string; body?: object }
> = {
  'POST /api/units/:id/keys': {
    method: 'POST',
    url: (ids) => `/api/units/${ids.unit}/keys`,
    body: { keyName: '入户门钥匙', holderName: '越权', handedAt: '2026-11-22T09:00:00+08:00' },
  },
  'PATCH /api/units/:id/keys/:recordId': {
    method: 'PATCH',
    url: (ids) => `/api/units/${ids.unit}/keys/${ids.key}`,
    body: { version: 1, returnedAt: '2026-11-22T09:30:00+08:00' },
  },
  'DELETE /api/units/:id/keys/:recordId': {
    method: 'DELETE',
    url: (ids) => `/api/units/${ids.unit}/keys/${ids.key}?version=1`,
  },
  'POST /api/units/:id/meters': {
    method: 'POST',
    url: (ids) => `/api/units/${ids.unit}/meters`,
    body: { kind: 'gas', number: 'YQ-CROSS-1' },
  },
  'PATCH /api/units/:id/meters/:recordId': {
    method: 'PATCH',
    url: (ids) => `/api/units/${ids.unit}/meters/${ids.meter}`,
    body: { version: 1, number: 'CROSS' },
  },
  'DELETE /api/units/:id/meters/:recordId': {
    method: 'DELETE',
    url: (ids) => `/api/units/${ids.unit}/meters/${ids.meter}?version=1`,
  },
  'POST /api/units/:id/move-ins': {
    method: 'POST',
    url: (ids) => `/api/units/${ids.unit}/move-ins`,
    body: { movedInOn: '2026-11-01', residentName: '越权' },
  },
  'PATCH /api/units/:id/move-ins/:recordId': {
    method: 'PATCH',
    url: (ids) => `/api/units/${ids.unit}/move-ins/${ids.moveIn}`,
    body: { version: 1, residentName: '越权' },
  },
  'DELETE /api/units/:id/move-ins/:recordId': {
    method: 'DELETE',
    url: (ids) => `/api/units/${ids.unit}/move-ins/${ids.moveIn}?version=1`,
  },
  'POST /api/units/:id/decorations': {
    method: 'POST',
    url: (ids) => `/api/units/${ids.unit}/decorations`,
    body: { startsOn: '2026-11-01', endsOn: '2026-12-01', contractor: '越权装饰' },
  },
  'PATCH /api/units/:id/decorations/:recordId': {
    method: 'PATCH',
    url: (ids) => `/api/units/${ids.unit}/decorations/${ids.decoration}`,
    body: { version: 1, status: 'cancelled' },
  },
  'DELETE /api/units/:id/decorations/:recordId': {
    method: 'DELETE',
    url: (ids) => `/api/units/${ids.unit}/decorations/${ids.decoration}?version=1`,
  },
  'POST /api/units/:id/documents': {
    method: 'POST',
    url: (ids) => `/api/units/${ids.unit}/documents`,
    body: { fileId: '019d0000-0000-7000-8000-000000000000' },
  },
  'DELETE /api/units/:id/documents/:fileId': {
    method: 'DELETE',
    url: (ids) => `/api/units/${ids.unit}/documents/${ids.document}`,
  },
};
// Relationship work (modules/relations): records of 阳光花园 out of reach of 天物大厦 staff.
const ygBody = { estateId: '' };
Object.assign(RECORD_ROUTES, {
  'GET /api/visit-plans/:id': {
    method: 'GET',
    url: (ids: RecordIds) => `/api/visit-plans/${ids.plan}`,
    status: 404,
  },
  'POST /api/visit-plans': {
    method: 'POST',
    url: () => '/api/visit-plans',
    body: { ...ygBody, stewardId: 'x', month: '2026-12', unitIds: [] },
    status: 400,
    as: 'manager',
  },
  'GET /api/visits/:id': { method: 'GET', url: (ids: RecordIds) => `/api/visits/${ids.visit}`, status: 404 },
  'POST /api/visits': {
    method: 'POST',
    url: () => '/api/visits',
    body: { ...ygBody, unitId: 'x', way: 'phone', topics: ['fees'] },
    status: 400,
  },
  'GET /api/reception-days/:id': {
    method: 'GET',
    url: (ids: RecordIds) => `/api/reception-days/${ids.receptionDay}`,
    status: 404,
  },
  'POST /api/reception-days': {
    method: 'POST',
    url: () => '/api/reception-days',
    body: { ...ygBody, date: '2027-01-09', startTime: '09:00', endTime: '11:00', place: '会议室' },
    status: 400,
    as: 'manager',
  },
  'POST /api/reception-days/:id/entries': {
    method: 'POST',
    url: (ids: RecordIds) => `/api/reception-days/${ids.receptionDay}/entries`,
    body: { visitorName: '越权', issue: '越权测试' },
    status: 404,
    as: 'manager',
  },
  'POST /api/mailbox/openings': {
    method: 'POST',
    url: () => '/api/mailbox/openings',
    body: { ...ygBody, witnessName: '越权', letters: [] },
    status: 400,
    as: 'manager',
  },
  'POST /api/mailbox/letters/:id/reply': {
    method: 'POST',
    url: (ids: RecordIds) => `/api/mailbox/letters/${ids.letter}/reply`,
    body: { reply: '越权测试', version: 1 },
    status: 404,
    as: 'manager',
  },
  'POST /api/committee-meetings': {
    method: 'POST',
    url: () => '/api/committee-meetings',
    body: { ...ygBody, date: '2026-11-01', status: 'held', topics: '越权测试' },
    status: 400,
    as: 'manager',
  },
  'PUT /api/committee-meetings/:id': {
    method: 'PUT',
    url: (ids: RecordIds) => `/api/committee-meetings/${ids.meeting}`,
    body: { date: '2026-11-01', status: 'held', topics: '越权测试', version: 1 },
    status: 404,
    as: 'manager',
  },
  'POST /api/developer-logs': {
    method: 'POST',
    url: () => '/api/developer-logs',
    body: { ...ygBody, date: '2026-11-01', status: 'held', contact: '越权', topic: '越权测试' },
    status: 400,
    as: 'manager',
  },
  'GET /api/notices/:id': {
    method: 'GET',
    url: (ids: RecordIds) => `/api/notices/${ids.notice}`,
    status: 404,
  },
  'POST /api/notices': {
    method: 'POST',
    url: () => '/api/notices',
    body: { ...ygBody, title: '越权', body: '越权测试', publishFrom: '2026-11-23T09:00:00+08:00' },
    status: 400,
  },
  'PATCH /api/notices/:id': {
    method: 'PATCH',
    url: (ids: RecordIds) => `/api/notices/${ids.notice}`,
    body: { version: 1, status: 'withdrawn' },
    status: 404,
  },
  'POST /api/greetings': {
    method: 'POST',
    url: () => '/api/greetings',
    body: (ids: RecordIds) => ({
      residentId: ids.resident,
      occasion: 'birthday',
      year: 2026,
      method: 'phone',
    }),
    status: 400,
  },
});
const PUBLIC_ROUTES = [
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/token',
  'GET /api/openapi.json',
];
/** Routes about the caller themselves. */
const SELF_ROUTES = [
  'GET /api/auth/me',
  'POST /api/auth/logout',
  'PUT /api/auth/preferences',
  // The inbox: a person's own notifications only (modules/notifications/notifications.test.ts).
  'GET /api/notifications',
  'POST /api/notifications/:id/read',
  'POST /api/notifications/read-all',
];
/** Company-level reference data: scoped by company, not estate. */
const COMPANY_ROUTES = [
  // A new estate of the caller's company (company roles only: structure.test.ts).
  'POST /api/estates',
  'GET /api/categories',
  'GET /api/calendar/days',
  'PUT /api/calendar/days/:date',
  'DELETE /api/calendar/days/:date',
  'POST /api/calendar/years/:year/import',
  // 案例库: anonymised cases every staff member of the company reads, never another company's (that,
  // and who may edit, in modules/complaints/complaints.cases.test.ts).
  'GET /api/complaint-cases',
  'GET /api/complaint-cases/:id',
  'PATCH /api/complaint-cases/:id',
  // Company roles only (hq_cs, gm), within their company: estate staff get 403, another company sees
  // nothing of this one (modules/complaints/complaints.callbacks.test.ts).
  'GET /api/complaints/company-callbacks',
  // VIP cards: issued, approved, renewed, reissued and revoked by company roles only (hq_cs, gm:
  // estate staff 403), on cards and applications of their company (modules/vip/vip.test.ts).
  'POST /api/residents/:id/vip-card',
  'POST /api/vip/applications/:id/approve',
  'POST /api/vip/applications/:id/reject',
  'POST /api/vip/cards/:id/renew',
  'POST /api/vip/cards/:id/reissue',
  'POST /api/vip/cards/:id/revoke',
];
/**
 * VIP writes of estate staff: naming an estate's assistant and recording a service — 404 for
 * 天物大厦's manager on 阳光花园 (probed below and in modules/vip/vip.test.ts).
 */
const VIP_WRITES = ['PUT /api/estates/:id/vip-assistant', 'POST /api/vip/services'];
/** Attachments: scoped by the file's estate (below, and both directions in modules/files/files.test.ts). */
const FILE_ROUTES = ['POST /api/files', 'GET /api/files/:id'];
/** The live stream never ends, so it is probed here for the refusal only (its events: live.test.ts). */
const STREAM_ROUTES = ['GET /api/stream'];
/**
 * Downloads (xlsx) of the lists above: staff of 阳光花园 export their own estate, get 404 for
 * 天物大厦 and the other way round (probed below); their content in requests.export.test.ts and
 * list-export.test.ts.
 */
const DOWNLOADS: Record<string, { url(estateId: string): string; as?: 'manager' }> = {
  'GET /api/requests/export': { url: (e) => `/api/requests/export?estateId=${e}` },
  'GET /api/callbacks/due/export': { url: (e) => `/api/callbacks/due/export?estateId=${e}` },
  'GET /api/alerts/export': { url: (e) => `/api/alerts/export?estateId=${e}` },
  'GET /api/payments/export': { url: (e) => `/api/payments/export?estateId=${e}`, as: 'manager' },
  'GET /api/departments/:id/board/export': {
    url: (e) => `/api/departments/${engineering[e]}/board/export`,
  },
  'GET /api/handovers/night/export': { url: (e) => `/api/handovers/night/export?estateId=${e}` },
  'GET /api/complaints/export': { url: (e) => `/api/complaints/export?estateId=${e}` },
  'GET /api/estates/:id/units/export': { url: (e) => `/api/estates/${e}/units/export` },
  'GET /api/residents/export': { url: (e) => `/api/residents/export?estateId=${e}` },
  'GET /api/estates/:id/arrears/export': { url: (e) => `/api/estates/${e}/arrears/export` },
};
const DOWNLOAD_ROUTES = Object.keys(DOWNLOADS);
/** The test clock: demo mode only (see dev.test.ts). */
const DEV_ROUTES = ['GET /api/dev/clock', 'POST /api/dev/clock'];

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items as { id: string; name: string }[];
  ygh = estates.find((e) => e.name === '阳光花园')!.id;
  twd = estates.find((e) => e.name === '天物大厦')!.id;
  agent = await ctx.login('agent');
  twAgent = await ctx.login('tw_agent');
  manager = await ctx.login('manager');
  twManager = await ctx.login('tw_manager');
  for (const e of [ygh, twd])
    engineering[e] = (await admin.get(`/api/departments?estateId=${e}`)).body.items.find(
      (d: any) => d.kind === 'engineering',
    ).id;
  for (const row of await rows<{ estate_id: string; unit_id: string }>(
    ctx.database.db,
    sql`select distinct on (estate_id) estate_id, unit_id from resident_units order by estate_id, unit_id`,
  ))
    occupiedUnit[row.estate_id] = row.unit_id;
  // A missed arrival clock in each estate, so the alert lists have something to scope.
  for (const [client, estateId] of [
    [agent, ygh],
    [twAgent, twd],
  ] as const) {
    const dept = (await client.get(`/api/departments?estateId=${estateId}`)).body.items.find(
      (d: any) => d.kind === 'engineering',
    );
    const r = await client.post('/api/requests', {
      estateId,
      locationText: '大堂',
      channel: 'patrol',
      type: 'repair',
      description: '大堂自动门无法关闭',
    });
    await client.post(`/api/requests/${r.body.id}/transitions`, {
      action: 'dispatch',
      version: 1,
      departmentId: dept.id,
    });
  }
  // A completed repair in each estate, waiting for its callback.
  for (const [client, estateId, technician] of [
    [agent, ygh, 'tech'],
    [twAgent, twd, 'tw_tech'],
  ] as const) {
    const worker = await ctx.login(technician);
    const dept = (await client.get(`/api/departments?estateId=${estateId}`)).body.items.find(
      (d: any) => d.kind === 'engineering',
    );
    const r = await client.post('/api/requests', {
      estateId,
      locationText: '地下车库',
      channel: 'patrol',
      type: 'repair',
      description: '车库照明灯不亮',
    });
    let version = r.body.version;
    for (const [who, body] of [
      [client, { action: 'dispatch', departmentId: dept.id }],
      [worker, { action: 'accept' }],
      [worker, { action: 'arrive' }],
      [
        worker,
        {
          action: 'complete',
          workDone: '更换灯管',
          chargeable: false,
          residentConfirmation: { method: 'phone' },
        },
      ],
    ] as const) {
      const res = await who.post(`/api/requests/${r.body.id}/transitions`, { ...body, version });
      version = res.body.version;
    }
  }
  // A collective complaint event in each estate (their forming is modules/complaints/complaints.test.ts).
  for (const estateId of [ygh, twd])
    await ctx.database.db.execute(
      sql`insert into complaint_events (id, company_id, estate_id, created_at, households, people, updated_at)
          select ${newId()}, company_id, id, now(), 5, 5, now() from estates where id = ${estateId}`,
    );
  // A complaint sent up as a memo in each estate, so the memo lists have something to scope.
  for (const [client, estateId] of [
    [agent, ygh],
    [twAgent, twd],
  ] as const) {
    const c = await client.post('/api/requests', {
      estateId,
      locationText: '物业服务中心',
      reporter: { name: '吴先生', phone: '13900005555' },
      channel: 'visit',
      type: 'complaint',
      description: '前台接待人员多次不接电话',
    });
    const memo = await client.post(`/api/requests/${c.body.id}/complaint/memos`, {
      question: '业主要求更换前台接待人员，是否同意？',
      proposals: [{ remedy: '前台人员书面致歉并培训' }],
    });
    expect(memo.status).toBe(201);
  }
  await agent.post('/api/dev/clock', { advanceMinutes: 20 });
});
afterAll(() => ctx.close());

describe('route inventory', () => {
  it('classifies every /api route, so none escapes the scoping tests', () => {
    const known = new Set([
      ...Object.keys(ESTATE_ROUTES),
      ...Object.keys(ESTATE_LISTS),
      ...Object.keys(RECORD_ROUTES),
      ...Object.keys(ESTATE_WRITES),
      ...Object.keys(STRUCTURE_WRITES),
      ...Object.keys(UNIT_FILE_WRITES),
      ...PUBLIC_ROUTES,
      ...SELF_ROUTES,
      ...COMPANY_ROUTES,
      ...DEV_ROUTES,
      ...FILE_ROUTES,
      ...STREAM_ROUTES,
      ...DOWNLOAD_ROUTES,
      ...VIP_WRITES,
    ]);
    const routes = ctx.app.routeTable.map((r) => `${r.method} ${r.url}`);
    const unclassified = routes.filter((r) => !known.has(r));
    expect(unclassified).toEqual([]);
    for (const r of known) expect(routes).toContain(r);
  });

  it('declares public access only on the public routes', () => {
    const publicOnes = ctx.app.routeTable
      .filter((r) => r.access.kind === 'public')
      .map((r) => `${r.method} ${r.url}`);
    expect(publicOnes.sort()).toEqual([...PUBLIC_ROUTES].sort());
  });

  it('refuses to start when a route declares no access', async () => {
    const { createHttp, UndeclaredAccessError } = await import('./http.ts');
    const app = await createHttp({ logLevel: 'silent', version: 't', resolveActor: async () => null });
    expect(() => app.get('/api/forgotten', async () => ({}))).toThrow(UndeclaredAccessError);
    await app.close();
  });

  it('answers 401 to anonymous callers of every non-public route', async () => {
    for (const r of ctx.app.routeTable.filter((x) => x.access.kind !== 'public')) {
      const url = r.url.replace(':id', ygh);
      const res = await ctx.anonymous.request(r.method, url, r.method === 'GET' ? undefined : {});
      expect({ route: `${r.method} ${r.url}`, status: res.status }).toEqual({
        route: `${r.method} ${r.url}`,
        status: 401,
      });
    }
  });
});

describe('estate scoping', () => {
  for (const [route, probe] of Object.entries(ESTATE_ROUTES)) {
    it(`${route}: staff of 阳光花园 read their own estate and get 404 for 天物大厦`, async () => {
      const [ours, others] = probe.as === 'manager' ? [manager, twManager] : [agent, twAgent];
      const own = await ours.get(probe.url(ygh));
      expect(own.status).toBe(200);
      const ownEstates = probe.estatesOf(own.body);
      expect(ownEstates.length).toBeGreaterThan(0);
      expect(new Set(ownEstates)).toEqual(new Set([ygh]));

      const foreign = await ours.get(probe.url(twd));
      expect(foreign.status).toBe(404);
      expect(foreign.body.error.code).toBe('NOT_FOUND');

      const reverse = await others.get(probe.url(ygh));
      expect(reverse.status).toBe(404);
    });
  }

  for (const [route, probe] of Object.entries(ESTATE_LISTS)) {
    it(`${route} without an estate lists only the caller's estates; company roles see all`, async () => {
      const mine = await agent.get(probe.url(''));
      expect(mine.status).toBe(200);
      expect(new Set(probe.estatesOf(mine.body))).toEqual(new Set([ygh]));
      const theirs = await twAgent.get(probe.url(''));
      expect(new Set(probe.estatesOf(theirs.body))).toEqual(new Set([twd]));
      const all = await admin.get(probe.url(''));
      expect(new Set(probe.estatesOf(all.body))).toEqual(new Set([ygh, twd]));
    });
  }

  it('keeps every record route of 阳光花园 out of reach of 天物大厦 staff, changing nothing', async () => {
    const [target] = await rows<{ id: string; version: number; state: string }>(
      ctx.database.db,
      sql`select id, version, state from requests where estate_id = ${ygh} and state = 'new' order by id limit 1`,
    );
    const alert = (await agent.get('/api/alerts')).body.items[0];
    expect(alert.acknowledgedAt).toBeNull();
    // A fee collected on site and waiting for the cashier (demo data), and a fee still to collect.
    const [payment] = await rows<{ id: string; request_id: string }>(
      ctx.database.db,
      sql`select id, request_id from request_payments where estate_id = ${ygh} and status = 'collected' order by id limit 1`,
    );
    const uncollected = (await agent.get(`/api/payments/uncollected?estateId=${ygh}`)).body.items[0];
    // A complaint of 阳光花园 sent up as a memo, waiting for the supervisor.
    const complaint = await agent.post('/api/requests', {
      estateId: ygh,
      locationText: '东门',
      reporter: { name: '周女士', phone: '13900007777' },
      channel: 'phone',
      type: 'complaint',
      description: '门岗保安不让外卖进小区',
    });
    const memoed = await agent.post(`/api/requests/${complaint.body.id}/complaint/memos`, {
      question: '业主要求外卖员可进小区送餐，是否调整门岗规定？',
      proposals: [{ remedy: '设置外卖存放架' }],
    });
    expect(memoed.status).toBe(201);
    const memo = memoed.body.complaint.memos[0];
    // A resident of 阳光花园 with a unit.
    const [resident] = await rows<{ id: string; unit_id: string; version: number }>(
      ctx.database.db,
      sql`select r.id, ru.unit_id, r.version from residents r join resident_units ru on ru.resident_id = r.id
          where r.estate_id = ${ygh} order by r.id limit 1`,
    );
    const revealsOf = async (id: string) =>
      (
        await rows<{ n: number }>(
          ctx.database.db,
          sql`select count(*)::int as n from events where action = 'reveal' and entity_id = ${id}`,
        )
      )[0]!.n;
    const revealsBefore = await revealsOf(resident!.id);
    const one = async (q: ReturnType<typeof sql>) => (await rows<{ id: string }>(ctx.database.db, q))[0]?.id;
    const ids: RecordIds = {
      request: target!.id,
      alert: alert.id,
      payment: payment!.id,
      paymentRequest: uncollected.id,
      memo: memo.id,
      resident: resident!.id,
      unit: resident!.unit_id,
      plan: await one(sql`select id from visit_plans where estate_id = ${ygh} limit 1`),
      visit: await one(sql`select id from visits where estate_id = ${ygh} limit 1`),
      receptionDay: await one(sql`select id from reception_days where estate_id = ${ygh} limit 1`),
      letter: await one(sql`select id from mailbox_letters where estate_id = ${ygh} limit 1`),
      meeting: await one(sql`select id from committee_meetings where estate_id = ${ygh} limit 1`),
      notice: await one(sql`select id from notices where estate_id = ${ygh} limit 1`),
    };
    for (const [k, v] of Object.entries(ids)) expect({ k, v }).toEqual({ k, v: expect.any(String) });
    for (const [route, probe] of Object.entries(RECORD_ROUTES)) {
      const raw = typeof probe.body === 'function' ? probe.body(ids) : probe.body;
      const body = raw && 'estateId' in raw ? { ...raw, estateId: ygh } : raw;
      const url = probe.url(
        route.includes(':paymentId') ? { ...ids, paymentRequest: payment!.request_id } : ids,
      );
      const res = await (probe.as === 'manager' ? twManager : twAgent).request(probe.method, url, body);
      expect({ route, status: res.status }).toEqual({ route, status: probe.status });
    }
    const after = await agent.get(`/api/requests/${target!.id}`);
    expect(after.body).toMatchObject({ version: target!.version, state: target!.state });
    expect((await agent.get(`/api/requests/${uncollected.id}`)).body.payments).toEqual([]);
    expect((await agent.get(`/api/requests/${complaint.body.id}`)).body.complaint.memos).toEqual([
      expect.objectContaining({ id: memo.id, status: 'open', level: 1 }),
    ]);
    const [still] = await rows<{ status: string }>(
      ctx.database.db,
      sql`select status from request_payments where id = ${payment!.id}`,
    );
    expect(still!.status).toBe('collected');
    const [handovers] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from night_handovers where shift_date = '2026-11-22'`,
    );
    expect(handovers!.n).toBe(0);
    // Nothing of the relationship work was written for 阳光花园 by 天物大厦 staff.
    const [written] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select (select count(*) from events e join users u on u.id = e.actor_id
                   where u.username in ('tw_agent', 'tw_manager') and e.estate_id = ${ygh})::int as n`,
    );
    expect(written!.n).toBe(0);
    expect((await agent.get('/api/alerts')).body.items[0]).toMatchObject({
      id: alert.id,
      acknowledgedAt: null,
    });
    const residentNow = (await agent.get(`/api/residents/${resident!.id}`)).body;
    expect(residentNow).toMatchObject({ version: resident!.version, notes: null });
    expect(residentNow.units.map((u: any) => u.unitId)).toContain(resident!.unit_id);
    expect(await revealsOf(resident!.id)).toBe(revealsBefore);
    expect(await revealsOf(target!.id)).toBe(0);
  });

  it('keeps the VIP files of 阳光花园 out of reach of 天物大厦 staff, changing nothing', async () => {
    const [card] = await rows<{ id: string; resident_id: string }>(
      ctx.database.db,
      sql`select id, resident_id from vip_cards where estate_id = ${ygh} and status = 'active' order by id limit 1`,
    );
    const [application] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from vip_applications where estate_id = ${ygh} and status = 'pending' limit 1`,
    );
    const assistant = (await manager.get('/api/vip/assistants')).body.items[0];
    const services = (await manager.get('/api/vip/services')).body.total;
    const twUser = twAgent.user!.id;
    const probes: [Client, string, string, object | undefined, number][] = [
      [twManager, 'PUT', `/api/estates/${ygh}/vip-assistant`, { userId: twUser }, 404],
      [
        twAgent,
        'POST',
        '/api/vip/services',
        { residentId: card!.resident_id, date: '2026-11-21', serviceType: 'greeting' },
        404,
      ],
      [twManager, 'POST', `/api/residents/${card!.resident_id}/vip-card`, { level: 2 }, 403],
      [twManager, 'POST', `/api/vip/applications/${application!.id}/approve`, undefined, 403],
      [twManager, 'POST', `/api/vip/cards/${card!.id}/revoke`, { reason: '越权测试' }, 403],
    ];
    for (const [who, method, url, body, status] of probes) {
      const res = await who.request(method, url, body);
      expect({ url, status: res.status }).toEqual({ url, status });
    }
    // Their own estate answers the assistant, so the 404 is the scoping and not the role.
    expect((await twManager.put(`/api/estates/${twd}/vip-assistant`, { userId: twUser })).status).toBe(200);
    expect((await manager.get('/api/vip/assistants')).body.items[0]).toEqual(assistant);
    expect((await manager.get('/api/vip/services')).body.total).toBe(services);
  });

  it('keeps the settings of 阳光花园 out of reach of 天物大厦’s manager, changing nothing', async () => {
    const twManager = await ctx.login('tw_manager');
    const before = (await agent.get(`/api/estates/${ygh}/sla-settings`)).body;
    for (const [route, probe] of Object.entries(ESTATE_WRITES)) {
      const res = await twManager.request(probe.method, probe.url(ygh), probe.body);
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
      // Their own estate answers, so the 404 is the scoping and not the role.
      const own = await twManager.request(probe.method, probe.url(twd), probe.body);
      expect({ route, status: own.status }).toEqual({ route, status: 200 });
    }
    expect((await agent.get(`/api/estates/${ygh}/sla-settings`)).body).toEqual(before);
  });

  it('keeps the structure and the unit files of 阳光花园 out of reach of 天物大厦 staff, changing nothing', async () => {
    const unit = occupiedUnit[ygh]!;
    const building = (await manager.get(`/api/estates/${ygh}/buildings`)).body.items[0];
    const location = (await manager.get(`/api/estates/${ygh}/locations`)).body.items[0];
    const key = await manager.post(`/api/units/${unit}/keys`, {
      keyName: '入户门钥匙',
      holderName: '装修负责人',
      handedAt: '2026-11-20T10:00:00+08:00',
    });
    const meter = await manager.post(`/api/units/${unit}/meters`, { kind: 'water', number: 'SB-SCOPE-1' });
    const moveIn = await manager.post(`/api/units/${unit}/move-ins`, {
      movedInOn: '2026-10-01',
      residentName: '住户',
    });
    const decoration = await manager.post(`/api/units/${unit}/decorations`, {
      startsOn: '2026-11-01',
      endsOn: '2026-12-31',
      contractor: '示范装饰公司',
      status: 'in_progress',
    });
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const upload = await manager.post(`/api/files?estateId=${ygh}&kind=document`, pdf, {
      'content-type': 'application/pdf',
    });
    const attached = await manager.post(`/api/units/${unit}/documents`, { fileId: upload.body.id });
    for (const r of [key, meter, moveIn, decoration, attached]) expect(r.status).toBe(201);
    const ids: StructureIds = {
      estate: ygh,
      building: building.id,
      unit,
      location: location.id,
      key: key.body.id,
      meter: meter.body.id,
      moveIn: moveIn.body.id,
      decoration: decoration.body.id,
      document: upload.body.id,
    };
    const snapshot = async () => ({
      file: (await manager.get(`/api/units/${unit}/file`)).body,
      buildings: (await manager.get(`/api/estates/${ygh}/buildings`)).body,
      locations: (await manager.get(`/api/estates/${ygh}/locations?includeRetired=true`)).body,
      estates: (await manager.get('/api/estates')).body,
      units: (await manager.get(`/api/estates/${ygh}/units?pageSize=1`)).body.total,
    });
    const before = await snapshot();
    for (const [route, probe] of Object.entries(STRUCTURE_WRITES)) {
      const res = await twManager.request(probe.method, probe.url(ids), probe.body);
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
    for (const [route, probe] of Object.entries(UNIT_FILE_WRITES)) {
      const res = await twAgent.request(probe.method, probe.url(ids), probe.body);
      expect({ route, status: res.status }).toEqual({ route, status: 404 });
    }
    // A building of 阳光花园 named in a unit of 天物大厦: no unit can span two estates.
    const cross = await twManager.post(`/api/estates/${twd}/units`, {
      buildingId: building.id,
      number: '9999',
      floor: 1,
    });
    expect(cross.status).toBe(400);
    expect(cross.body.error.fields.buildingId).toBe('楼栋不存在或不属于该项目');
    const crossBulk = await twManager.post(`/api/estates/${twd}/units/bulk`, {
      buildingId: building.id,
      floors: { from: 1, to: 1 },
      rooms: { from: 1, to: 1 },
    });
    expect(crossBulk.status).toBe(400);
    expect(await snapshot()).toEqual(before);
  });

  it('keeps attachments of 阳光花园 out of reach of 天物大厦 staff', async () => {
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = (client: Client, estateId: string) =>
      client.post(`/api/files?estateId=${estateId}&kind=photo`, png, { 'content-type': 'image/png' });
    const own = await upload(agent, ygh);
    expect(own.status).toBe(201);
    expect((await agent.get(own.body.url)).status).toBe(200);
    expect((await twAgent.get(own.body.url)).status).toBe(404);
    expect((await upload(twAgent, ygh)).status).toBe(404);
  });

  for (const [route, probe] of Object.entries(DOWNLOADS)) {
    it(`${route}: exports the caller’s estate only, and answers 404 for another one`, async () => {
      const [ours, others] = probe.as === 'manager' ? [manager, twManager] : [agent, twAgent];
      const own = await ours.download(probe.url(ygh));
      expect(own.status).toBe(200);
      expect(Number(own.headers['x-export-rows'])).toBeGreaterThan(0);
      expect((await ours.download(probe.url(twd))).status).toBe(404);
      expect((await others.download(probe.url(ygh))).status).toBe(404);
    });
  }

  it('exports all of the caller’s estates, no other, when none is named', async () => {
    const all = await twAgent.download('/api/requests/export');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(all.body as unknown as ArrayBuffer);
    const estates = new Set(wb.getWorksheet(1)!.getColumn(2).values.slice(2));
    expect(estates).toEqual(new Set(['天物大厦']));
  });

  it('refuses the live stream of another estate (404) before it opens', async () => {
    expect((await agent.get(`/api/stream?estateId=${twd}`)).status).toBe(404);
    expect((await twAgent.get(`/api/stream?estateId=${ygh}`)).status).toBe(404);
  });

  it('rejects an estate id that does not exist the same way as a foreign one', async () => {
    const res = await agent.get('/api/estates/00000000-0000-7000-8000-000000000000/units');
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe('项目不存在');
  });
});

describe('roles', () => {
  it('keeps residents out of staff routes (403) while letting them see themselves', async () => {
    const { db } = ctx.database;
    const [someone] = await db.select().from(users).limit(1);
    await db.insert(users).values({
      id: newId(),
      companyId: someone!.companyId,
      username: 'resident_li',
      name: '李业主',
      passwordHash: await hashPassword('resident-pass-1'),
      roles: ['resident'],
      createdAt: ctx.clock.now(),
    });
    const resident = await ctx.login('resident_li', 'resident-pass-1');
    expect((await resident.get('/api/auth/me')).status).toBe(200);
    for (const r of ctx.app.routeTable.filter((x) => x.access.kind === 'roles' && x.method === 'GET')) {
      const res = await resident.get(r.url.replace(':id', ygh));
      expect({ route: r.url, status: res.status }).toEqual({ route: r.url, status: 403 });
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
  });
});
