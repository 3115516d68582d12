/** Dispatch a night request from its row: department, optionally a person (open orders shown). */
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Department } from '../../../shared/api/types';
import { useDepartmentMembers } from '../../board/board.api';
import { useRequestAction } from '../../requests/components/useRequestAction';
import type { NightRequest } from '../handover.api';

/** The department a request usually goes to, to start from. */
function usualKind(r: NightRequest): string | undefined {
  if (r.type === 'repair' || r.type === 'paid_service') return 'engineering';
  if (r.type === 'complaint') return 'customer_service';
  return undefined;
}

export function QuickDispatch({
  row,
  departments,
}: {
  row: NightRequest;
  departments: readonly Department[];
}) {
  const { t } = useI18n();
  const { run } = useRequestAction();
  // The usual department until one is picked (the list may still be loading on the first render).
  const [picked, setDepartmentId] = useState<string | undefined>();
  const departmentId = picked ?? departments.find((d) => d.kind === usualKind(row))?.id;
  const [assigneeId, setAssigneeId] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);
  const members = useDepartmentMembers(departmentId);

  const dispatch = async () => {
    if (!departmentId) return;
    setSaving(true);
    await run(row.id, row.version, { action: 'dispatch', departmentId, assigneeId });
    setSaving(false);
  };

  return (
    <Space.Compact className="quick-dispatch" data-testid="quick-dispatch">
      <Select
        data-testid="quick-department"
        style={{ width: 116 }}
        value={departmentId}
        placeholder={t('handover.department')}
        onChange={(v: string) => {
          setDepartmentId(v);
          setAssigneeId(undefined);
        }}
        options={departments.map((d) => ({ value: d.id, label: d.name }))}
        popupMatchSelectWidth={false}
      />
      <Select
        data-testid="quick-person"
        style={{ width: 136 }}
        allowClear
        value={assigneeId}
        disabled={!departmentId}
        loading={members.isFetching}
        placeholder={t('handover.person')}
        onChange={(v: string | undefined) => setAssigneeId(v)}
        options={(members.data?.items ?? []).map((m) => ({
          value: m.id,
          label: m.name,
          title: m.name,
          count: m.openCount,
        }))}
        optionRender={(o) => (
          <span className="quick-person-option">
            <span>{o.data.label}</span>
            <span className="muted">{t('board.openCount', { n: o.data.count as number })}</span>
          </span>
        )}
        popupMatchSelectWidth={false}
      />
      <Button
        type="primary"
        loading={saving}
        disabled={!departmentId}
        onClick={dispatch}
        data-testid="quick-submit"
      >
        {t('handover.dispatch')}
      </Button>
    </Space.Compact>
  );
}
