/**
 * The night hand-over list (夜间交接) as an xlsx file: the requests of one night (and older ones still
 * undispatched, first), as the morning's hand-over shows them, the reporter's phone masked.
 */
import { CHANNEL_LABELS, type Locale, label, URGENCY_LABELS } from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine } from '../../platform/list-export.ts';
import { type NightRequestWithPhone, nightRequestsWithPhones } from './handover.repository.ts';
import { type HandoverDeps, nightOf } from './handover.usecases.ts';

const HEADERS = {
  channel: { 'zh-CN': '来源', en: 'Channel' },
  urgency: { 'zh-CN': '处理方式', en: 'Urgency' },
  receivedBy: { 'zh-CN': '受理人', en: 'Taken by' },
  department: { 'zh-CN': '派往部门', en: 'Department' },
  carriedOver: { 'zh-CN': '往夜遗留', en: 'Carried over' },
};

export async function exportNightShift(
  deps: HandoverDeps,
  actor: Actor,
  q: { estateId: string; date?: string },
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  const { shiftDate, from, to } = await nightOf(deps, actor, q);
  return buildListExport<NightRequestWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'handover',
      title: { 'zh-CN': `夜间交接_${shiftDate}`, en: `Night_${shiftDate}` },
      scope: [q.estateId],
      estateId: q.estateId,
      filters: { estateId: q.estateId, date: shiftDate },
      describe: (ctx) => [filterLine(ctx, { 'zh-CN': '交接日期', en: 'Morning of' }, shiftDate)],
      read: async () => ({ rows: await nightRequestsWithPhones(deps.db, q.estateId, from, to) }),
      estateOf: (r) => r.estateId,
      columns: ({ col }) => [
        col.number((r) => r.number),
        col.estate((r) => r.estateId),
        col.type((r) => r.type),
        col.state((r) => r.state),
        col.text(HEADERS.channel, 11, (r) => label(CHANNEL_LABELS, r.channel, locale)),
        col.text(HEADERS.urgency, 9, (r) => label(URGENCY_LABELS, r.urgency, locale)),
        col.unit((r) => r.unitLabel),
        col.description((r) => r.description),
        col.reporter((r) => r.reporterName),
        col.phone((r) => r.reporterPhone),
        col.receivedAt((r) => r.receivedAt),
        col.text(HEADERS.receivedBy, 10, (r) => r.receivedByName),
        col.text(HEADERS.department, 12, (r) => r.departmentName),
        col.assignee((r) => r.assigneeName),
        col.vip((r) => r.vip),
        col.flag(HEADERS.carriedOver, (r) => r.carriedOver, 9),
      ],
    },
    limit,
  );
}
