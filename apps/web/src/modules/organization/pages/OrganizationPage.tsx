/** 组织: the departments of the user's estates and the staff who work in them. */
import { DEPARTMENT_KIND_LABELS, type DepartmentKind, ROLE_LABELS, type Role } from '@wuye/contracts';
import { Badge, Card, Empty, Select, Space, Table, Tabs, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Department, StaffMember } from '../../../shared/api/types';
import { PAGE_SIZES, useListParams } from '../../../shared/hooks/useListParams';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useDepartments, useStaff } from '../organization.api';

const ROLES = (Object.keys(ROLE_LABELS) as Role[]).filter((r) => r !== 'resident');

/**
 * Same as COMPANY_WIDE_ROLES in @wuye/contracts, repeated here because importing a value from
 * contracts' enums module would bring zod into the browser bundle.
 */
const COMPANY_WIDE_ROLES: readonly Role[] = ['gm', 'hq_cs', 'quality'];

export const DEPARTMENT_KIND_COLORS: Record<DepartmentKind, string> = {
  engineering: 'blue',
  cleaning: 'cyan',
  security: 'geekblue',
  greening: 'green',
  customer_service: 'magenta',
  control_room: 'purple',
  external: 'default',
};

export default function OrganizationPage() {
  const { t, label } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const list = useListParams(['tab', 'role'] as const, estateId);
  const tab = list.values.tab === 'staff' ? 'staff' : 'departments';
  const role = ROLES.find((r) => r === list.values.role);
  const departments = useDepartments(estateId);
  const staff = useStaff({ estateId, role, page: list.page, pageSize: list.pageSize }, tab === 'staff');
  const estateName = (id: string) => estates.find((e) => e.id === id)?.name ?? '';
  const showEstate = multiple && !estateId;

  const departmentColumns: ColumnsType<Department> = [
    { title: t('org.deptName'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
    {
      title: t('org.deptKind'),
      dataIndex: 'kind',
      width: 160,
      render: (v: DepartmentKind) => (
        <Tag color={DEPARTMENT_KIND_COLORS[v]} bordered={false}>
          {label(DEPARTMENT_KIND_LABELS, v)}
        </Tag>
      ),
    },
    ...(showEstate
      ? [{ title: t('org.estate'), dataIndex: 'estateId', width: 160, render: (v: string) => estateName(v) }]
      : []),
    { title: t('org.staffCount'), dataIndex: 'staffCount', width: 100, align: 'right' },
  ];

  const staffColumns: ColumnsType<StaffMember> = [
    { title: t('org.staffName'), dataIndex: 'name', width: 110, render: (v: string) => <strong>{v}</strong> },
    {
      title: t('org.username'),
      dataIndex: 'username',
      width: 130,
      render: (v: string) => <span className="mono">{v}</span>,
    },
    {
      title: t('org.roles'),
      dataIndex: 'roles',
      render: (roles: Role[]) => (
        <Space size={[4, 4]} wrap>
          {roles.map((r) => (
            <Tag key={r} bordered={false} color={COMPANY_WIDE_ROLES.includes(r) ? 'gold' : 'blue'}>
              {label(ROLE_LABELS, r)}
            </Tag>
          ))}
        </Space>
      ),
    },
    {
      title: t('org.department'),
      dataIndex: 'departmentName',
      width: 140,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('org.estates'),
      dataIndex: 'estateIds',
      width: 180,
      render: (ids: string[], member) =>
        member.roles.some((r) => COMPANY_WIDE_ROLES.includes(r)) ? (
          <Tag color="gold">{t('org.companyWide')}</Tag>
        ) : ids.length ? (
          ids.map((id) => estateName(id) || id).join(' / ')
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    {
      title: t('org.status'),
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) =>
        active ? (
          <Badge status="success" text={t('org.active')} />
        ) : (
          <Badge status="default" text={t('org.inactive')} />
        ),
    },
  ];

  return (
    <>
      <PageHeader title={t('org.title')} subtitle={t('org.subtitle')} />
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(key) => list.setFilters({ tab: key === 'staff' ? 'staff' : undefined, role: undefined })}
          items={[
            {
              key: 'departments',
              label: t('org.departments'),
              children: (
                <>
                  {departments.isError ? (
                    <QueryError error={departments.error} onRetry={() => departments.refetch()} />
                  ) : null}
                  <Table<Department>
                    rowKey="id"
                    size="middle"
                    columns={departmentColumns}
                    dataSource={departments.data?.items ?? []}
                    loading={departments.isFetching}
                    pagination={false}
                    scroll={{ x: 600 }}
                    locale={{
                      emptyText: (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noDepartments')} />
                      ),
                    }}
                  />
                </>
              ),
            },
            {
              key: 'staff',
              label: t('org.staff'),
              children: (
                <>
                  <div className="filter-bar">
                    <Select
                      aria-label={t('org.roles')}
                      allowClear
                      placeholder={t('org.allRoles')}
                      value={role}
                      onChange={(v: Role | undefined) => list.setFilters({ role: v })}
                      options={ROLES.map((r) => ({ value: r, label: label(ROLE_LABELS, r) }))}
                      style={{ width: 200 }}
                    />
                  </div>
                  {staff.isError ? <QueryError error={staff.error} onRetry={() => staff.refetch()} /> : null}
                  <Table<StaffMember>
                    rowKey="id"
                    size="middle"
                    columns={staffColumns}
                    dataSource={staff.data?.items ?? []}
                    loading={staff.isFetching}
                    scroll={{ x: 900 }}
                    locale={{
                      emptyText: (
                        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('org.noStaff')} />
                      ),
                    }}
                    pagination={{
                      current: list.page,
                      pageSize: list.pageSize,
                      total: staff.data?.total ?? 0,
                      pageSizeOptions: PAGE_SIZES,
                      showSizeChanger: true,
                      showTotal: (total) => t('common.total', { total }),
                      onChange: (page, size) => list.setPage(page, size),
                    }}
                  />
                </>
              ),
            },
          ]}
        />
      </Card>
    </>
  );
}
