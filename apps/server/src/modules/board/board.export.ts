/**
 * A department board (部门看板) as an xlsx file: the cards the board shows, in its order (late ones
 * first, then by the nearest clock), each with its column, assignee and clock, the reporter's phone
 * masked. Who may export it is who may see the board.
 */
import { DEADLINE_KIND_LABELS, type Locale, label, URGENCY_LABELS } from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import { buildListExport, EXPORT_ROW_LIMIT, filterLine } from '../../platform/list-export.ts';
import { type BoardCardWithPhone, boardCardsWithPhones } from './board.repository.ts';
import { type BoardDeps, visibleDepartment } from './board.usecases.ts';

const HEADERS = {
  urgency: { 'zh-CN': '处理方式', en: 'Urgency' },
  appointmentAt: { 'zh-CN': '预约时间', en: 'Appointment' },
  clock: { 'zh-CN': '当前时限', en: 'Clock' },
};

export async function exportDepartmentBoard(
  deps: BoardDeps,
  actor: Actor,
  departmentId: string,
  locale: Locale,
  limit = EXPORT_ROW_LIMIT,
) {
  const dept = await visibleDepartment(deps.db, actor, departmentId);
  const now = deps.clock.now();
  return buildListExport<BoardCardWithPhone>(
    deps,
    actor,
    locale,
    {
      resource: 'board',
      title: { 'zh-CN': `部门看板_${dept.name}`, en: `Board_${dept.name}` },
      scope: [dept.estateId],
      estateId: dept.estateId,
      filters: { departmentId: dept.id },
      describe: (ctx) => [filterLine(ctx, { 'zh-CN': '部门', en: 'Department' }, dept.name)],
      read: async () => ({ rows: await boardCardsWithPhones(deps.db, dept.id, now) }),
      estateOf: (r) => r.estateId,
      columns: ({ col }) => [
        col.number((r) => r.number),
        col.estate((r) => r.estateId),
        col.type((r) => r.type),
        col.state((r) => r.state),
        col.text(HEADERS.urgency, 9, (r) => label(URGENCY_LABELS, r.urgency, locale)),
        col.unit((r) => r.unitLabel),
        col.description((r) => r.description),
        col.reporter((r) => r.reporterName),
        col.phone((r) => r.reporterPhone),
        col.assignee((r) => r.assigneeName),
        col.time(HEADERS.appointmentAt, (r) => r.appointmentAt),
        col.text(HEADERS.clock, 10, (r) =>
          r.clock ? label(DEADLINE_KIND_LABELS, r.clock.kind, locale) : null,
        ),
        col.dueAt((r) => r.clock?.dueAt ?? null),
        col.overdue((r) => r.overdue),
        col.receivedAt((r) => r.receivedAt),
        col.vip((r) => r.vip),
        col.night((r) => r.night),
      ],
    },
    limit,
  );
}
