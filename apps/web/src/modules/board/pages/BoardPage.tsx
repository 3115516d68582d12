/**
 * 部门看板 (spec 01 §6): the orders dispatched to a department, one column per state, each card with its
 * nearest clock counting down; the department's people with their open orders; assign, reassign and
 * accept on behalf — the lifecycle's own `dispatch` and `accept`. A department lead sees their own
 * department; the desk roles pick one.
 */
import { ReloadOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '@wuye/contracts';
import { App, Button, Card, Empty, Select, Skeleton, Tag, Tooltip, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useDepartments } from '../../organization/organization.api';
import { useNow } from '../../requests/components/useNow';
import { useRequestAction } from '../../requests/components/useRequestAction';
import { type ActionRequest, allowedByState, allowedForUser } from '../../requests/lib/actions';
import { type BoardCard, useDepartmentBoard, useDepartmentMembers } from '../board.api';
import { AssignModal, loadLevel } from '../components/AssignModal';
import { BoardCardView } from '../components/BoardCardView';
import '../../requests/requests.css';
import '../board.css';

/** Roles that pick the department to look at (a dept_lead sees their own). */
const PICKING_ROLES: readonly Role[] = ['cs_agent', 'cs_supervisor', 'manager', 'hq_cs', 'gm'];

const COLUMNS: { key: string; label: MessageKey; states: readonly BoardCard['state'][] }[] = [
  { key: 'dispatched', label: 'board.column.dispatched', states: ['dispatched'] },
  { key: 'accepted', label: 'board.column.accepted', states: ['accepted'] },
  { key: 'working', label: 'board.column.working', states: ['on_site', 'in_progress'] },
  { key: 'on_hold', label: 'board.column.on_hold', states: ['on_hold'] },
  { key: 'done', label: 'board.column.done', states: ['done'] },
];

export default function BoardPage() {
  const user = useCurrentUser();
  const { t } = useI18n();
  const { estateId, estates } = useEstate();
  const [params, setParams] = useSearchParams();
  const picks = user.roles.some((r) => PICKING_ROLES.includes(r));
  const departments = useDepartments(picks ? estateId : undefined);
  const choices = picks ? (departments.data?.items ?? []) : [];
  const chosen = params.get('department');
  const departmentId = picks
    ? (choices.find((d) => d.id === chosen)?.id ??
      choices.find((d) => d.kind === 'engineering')?.id ??
      choices[0]?.id)
    : (user.departmentId ?? undefined);

  const board = useDepartmentBoard(departmentId);
  const members = useDepartmentMembers(departmentId);
  const now = useNow(1000);
  const { message } = App.useApp();
  const { run } = useRequestAction();
  const [assigning, setAssigning] = useState<BoardCard | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const dept = board.data?.department;
  const timeZone = estates.find((e) => e.id === dept?.estateId)?.timeZone;
  const estateName = (id: string) => estates.find((e) => e.id === id)?.name ?? '';
  const cards = board.data?.items ?? [];
  const updatedAt = board.dataUpdatedAt ? dayjs(board.dataUpdatedAt).format('HH:mm:ss') : '';

  const asRequest = (c: BoardCard): ActionRequest => ({
    state: c.state,
    type: c.type,
    stateBeforeHold: c.stateBeforeHold,
    departmentId: dept?.id ?? null,
    assigneeId: c.assigneeId,
    quote: null,
  });
  const may = (action: 'dispatch' | 'accept', c: BoardCard) =>
    allowedByState(action, asRequest(c)) && allowedForUser(action, asRequest(c), user);

  const accept = async (c: BoardCard) => {
    setBusy(c.id);
    await run(c.id, c.version, { action: 'accept' });
    setBusy(null);
  };

  const refresh = () => {
    void board.refetch();
    void members.refetch();
  };

  return (
    <div className="board-page">
      <PageHeader
        title={t('board.title')}
        subtitle={
          dept
            ? t('board.subtitle', {
                department: estates.length > 1 ? `${estateName(dept.estateId)} · ${dept.name}` : dept.name,
                n: cards.length,
              })
            : undefined
        }
        extra={
          <>
            {picks ? (
              <Select
                data-testid="board-department"
                style={{ width: 220 }}
                value={departmentId}
                loading={departments.isPending}
                placeholder={t('board.chooseDepartment')}
                showSearch
                optionFilterProp="label"
                onChange={(id: string) => setParams({ department: id }, { replace: true })}
                options={choices.map((d) => ({
                  value: d.id,
                  label: estateId ? d.name : `${estateName(d.estateId)} · ${d.name}`,
                }))}
              />
            ) : null}
            <ExportButton
              path={`/api/departments/${departmentId}/board/export`}
              query={{}}
              doneKey="board.exported"
              disabled={!departmentId}
              testId="board-export"
            />
            <Tooltip title={updatedAt ? t('board.updated', { time: updatedAt }) : undefined}>
              <Button
                icon={<ReloadOutlined spin={board.isFetching} />}
                aria-label={t('common.refresh')}
                onClick={refresh}
              />
            </Tooltip>
          </>
        }
      />

      {!departmentId ? (
        <Card>
          <Empty description={t('board.noDepartment')} />
        </Card>
      ) : board.isError ? (
        <QueryError error={board.error} onRetry={refresh} />
      ) : (
        <>
          <div className="board-members" data-testid="board-members">
            <span className="board-members-title">
              <TeamOutlined /> {t('board.members')}
              <Typography.Text type="secondary" className="board-members-hint">
                {t('board.membersHint')}
              </Typography.Text>
            </span>
            {(members.data?.items ?? []).map((m) => (
              <span key={m.id} className="board-member" data-testid="board-member" data-name={m.name}>
                <span className="board-member-name">{m.name}</span>
                {m.roles.includes('dept_lead') ? (
                  <Tag bordered={false} className="board-member-lead">
                    {t('board.lead')}
                  </Tag>
                ) : null}
                <span
                  className={`assign-load assign-load-${loadLevel(m.openCount)}`}
                  data-testid="board-member-count"
                >
                  {t('board.openCount', { n: m.openCount })}
                </span>
              </span>
            ))}
          </div>
          <div className="board-columns">
            {COLUMNS.map((col) => {
              const list = cards.filter((c) => col.states.includes(c.state));
              return (
                <section
                  key={col.key}
                  className={`board-column board-column-${col.key}`}
                  data-testid={`board-column-${col.key}`}
                >
                  <header className="board-column-head">
                    <span>{t(col.label)}</span>
                    <span className="board-column-count">{list.length}</span>
                  </header>
                  <div className="board-column-body">
                    {board.isPending ? (
                      <Skeleton active paragraph={{ rows: 3 }} />
                    ) : list.length === 0 ? (
                      <div className="board-column-empty">{t('board.columnEmpty')}</div>
                    ) : (
                      list.map((c) => (
                        <BoardCardView
                          key={c.id}
                          card={c}
                          now={now}
                          timeZone={timeZone}
                          canAssign={may('dispatch', c)}
                          canAccept={c.state === 'dispatched' && may('accept', c)}
                          busy={busy === c.id}
                          onAssign={() => setAssigning(c)}
                          onAccept={() => void accept(c)}
                        />
                      ))
                    )}
                  </div>
                </section>
              );
            })}
          </div>
        </>
      )}
      {assigning && dept ? (
        <AssignModal
          card={assigning}
          departmentId={dept.id}
          members={members.data?.items ?? []}
          onClose={() => setAssigning(null)}
          onAssigned={(name) => message.success(t('board.assigned', { name }))}
        />
      ) : null}
    </div>
  );
}
