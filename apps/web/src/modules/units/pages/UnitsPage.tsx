/**
 * 房屋: the buildings of an estate on the left, its units (searchable, by status) on the right, each
 * opening its file (一户一档). The estate's manager and the company add units one by one or in bulk
 * and edit them.
 */
import { PlusOutlined, SettingOutlined, ThunderboltOutlined, UploadOutlined } from '@ant-design/icons';
import {
  IMPORT_ROLES,
  UNIT_STATUS_LABELS,
  UNIT_USE_LABELS,
  type UnitStatus,
  type UnitUse,
} from '@wuye/contracts';
import { Button, Card, Empty, Select, Skeleton, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Unit } from '../../../shared/api/types';
import { PAGE_SIZES, useListParams } from '../../../shared/hooks/useListParams';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { BulkUnitsModal } from '../components/BulkUnitsModal';
import { ImportDialog } from '../components/ImportDialog';
import { UnitFormModal } from '../components/UnitFormModal';
import { STRUCTURE_EDITORS } from '../lib/roles';
import { useBuildings, useUnits } from '../units.api';
import '../units.css';

const STATUSES = Object.keys(UNIT_STATUS_LABELS) as UnitStatus[];

type Editing = { kind: 'unit'; unit?: Unit } | { kind: 'bulk' } | { kind: 'import' } | null;

export const UNIT_STATUS_COLORS: Record<UnitStatus, string> = {
  vacant: 'default',
  occupied: 'green',
  rented: 'blue',
  decorating: 'orange',
};

export default function UnitsPage() {
  const { t, label } = useI18n();
  const user = useCurrentUser();
  const canEdit = user.roles.some((r) => STRUCTURE_EDITORS.includes(r));
  const canImport = user.roles.some((r) => IMPORT_ROLES.includes(r));
  const [editing, setEditing] = useState<Editing>(null);
  const { estateId: headerEstateId, estates } = useEstate();
  const list = useListParams(['estate', 'building', 'status', 'q'] as const, headerEstateId);

  // Units belong to one estate: the header's choice, or (under "all estates") one picked here.
  const estateId = headerEstateId ?? estates.find((e) => e.id === list.values.estate)?.id ?? estates[0]?.id;
  const buildings = useBuildings(estateId);
  const buildingId = buildings.data?.items.some((b) => b.id === list.values.building)
    ? list.values.building
    : undefined;
  const status = STATUSES.find((s) => s === list.values.status);
  const units = useUnits(estateId, {
    buildingId,
    status,
    q: list.values.q,
    page: list.page,
    pageSize: list.pageSize,
  });
  const filtered = Boolean(status || list.values.q);
  const totalUnits = buildings.data?.items.reduce((sum, b) => sum + b.unitCount, 0) ?? 0;

  const columns: ColumnsType<Unit> = [
    { title: t('units.building'), dataIndex: 'buildingName', width: 140, ellipsis: true },
    {
      title: t('units.number'),
      dataIndex: 'number',
      width: 110,
      render: (v: string, unit) => (
        <Link
          to={`/units/${encodeURIComponent(unit.id)}`}
          data-testid={`unit-link-${unit.buildingName}-${v}`}
        >
          <strong>{v}</strong>
        </Link>
      ),
    },
    { title: t('units.floor'), dataIndex: 'floor', width: 80, align: 'right' },
    {
      title: t('units.area'),
      dataIndex: 'areaM2',
      width: 130,
      align: 'right',
      render: (v: number | null) =>
        v === null ? <span className="muted">{t('common.none')}</span> : v.toFixed(2),
    },
    {
      title: t('units.use'),
      dataIndex: 'use',
      width: 100,
      render: (v: UnitUse) => label(UNIT_USE_LABELS, v),
    },
    {
      title: t('units.status'),
      dataIndex: 'status',
      width: 110,
      render: (v: UnitStatus) => <Tag color={UNIT_STATUS_COLORS[v]}>{label(UNIT_STATUS_LABELS, v)}</Tag>,
    },
    {
      title: t('units.residentCount'),
      dataIndex: 'residentCount',
      width: 90,
      align: 'right',
      render: (n: number, unit) =>
        n > 0 ? (
          <Link
            to={`/residents?${new URLSearchParams({ unitId: unit.id, unit: `${unit.buildingName}-${unit.number}` })}`}
          >
            {n}
          </Link>
        ) : (
          <span className="muted">0</span>
        ),
    },
    {
      title: t('structure.actions'),
      key: 'actions',
      width: canEdit ? 150 : 100,
      render: (_: unknown, unit) => (
        <Space size={4}>
          <Link to={`/units/${encodeURIComponent(unit.id)}`}>{t('units.openFile')}</Link>
          {canEdit ? (
            <Button type="link" size="small" onClick={() => setEditing({ kind: 'unit', unit })}>
              {t('structure.edit')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('units.title')}
        subtitle={t('units.subtitle')}
        extra={
          <Space wrap>
            {headerEstateId || estates.length < 2 ? null : (
              <Select
                aria-label={t('units.chooseEstate')}
                value={estateId}
                onChange={(v: string) => list.setFilters({ estate: v, building: undefined })}
                options={estates.map((e) => ({ value: e.id, label: e.name }))}
                style={{ minWidth: 180 }}
              />
            )}
            {estateId ? (
              <ExportButton
                path={`/api/estates/${encodeURIComponent(estateId)}/units/export`}
                query={{}}
                label={t('import.exportUnits')}
                testId="units-export"
              />
            ) : null}
            {canImport && estateId ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setEditing({ kind: 'import' })}
                data-testid="units-import"
              >
                {t('import.button')}
              </Button>
            ) : null}
            {canEdit && estateId ? (
              <>
                <Link to="/settings/estate">
                  <Button icon={<SettingOutlined />}>{t('units.manageBuildings')}</Button>
                </Link>
                <Button
                  icon={<ThunderboltOutlined />}
                  onClick={() => setEditing({ kind: 'bulk' })}
                  data-testid="units-bulk"
                >
                  {t('units.bulk')}
                </Button>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  disabled={!buildings.data?.items.length}
                  onClick={() => setEditing({ kind: 'unit' })}
                  data-testid="units-add"
                >
                  {t('units.add')}
                </Button>
              </>
            ) : null}
          </Space>
        }
      />
      {editing?.kind === 'unit' && estateId ? (
        <UnitFormModal
          estateId={estateId}
          buildings={buildings.data?.items ?? []}
          unit={editing.unit}
          defaultBuildingId={buildingId}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {editing?.kind === 'import' && estateId ? (
        <ImportDialog
          estateId={estateId}
          estateName={estates.find((e) => e.id === estateId)?.name}
          onClose={() => setEditing(null)}
        />
      ) : null}
      {editing?.kind === 'bulk' && estateId ? (
        <BulkUnitsModal
          estateId={estateId}
          buildings={buildings.data?.items ?? []}
          defaultBuildingId={buildingId}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <div className="units-layout">
        <Card title={t('units.buildings')} size="small" styles={{ body: { padding: 8 } }}>
          {buildings.isPending && estateId ? (
            <Skeleton active paragraph={{ rows: 5 }} style={{ padding: 8 }} />
          ) : buildings.isError ? (
            <QueryError error={buildings.error} onRetry={() => buildings.refetch()} />
          ) : buildings.data && buildings.data.items.length > 0 ? (
            <nav className="building-list" aria-label={t('units.buildings')}>
              <button
                type="button"
                className={`building-item${buildingId ? '' : ' active'}`}
                onClick={() => list.setFilters({ building: undefined })}
              >
                <span>{t('units.allBuildings')}</span>
                <span className="building-item-meta">{t('units.unitCount', { n: totalUnits })}</span>
              </button>
              {buildings.data.items.map((b) => (
                <button
                  type="button"
                  key={b.id}
                  className={`building-item${buildingId === b.id ? ' active' : ''}`}
                  onClick={() => list.setFilters({ building: b.id })}
                >
                  <span>{b.name}</span>
                  <span className="building-item-meta">
                    {t('units.floors', { n: b.floors })} · {t('units.unitCount', { n: b.unitCount })}
                  </span>
                </button>
              ))}
            </nav>
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.noBuildings')} />
          )}
        </Card>
        <Card>
          <div className="filter-bar">
            <SearchBox
              testId="units-search"
              value={list.values.q}
              onSearch={(q) => list.setFilters({ q })}
              placeholder={t('units.searchPlaceholder')}
              width={240}
            />
            <Select
              aria-label={t('units.status')}
              allowClear
              placeholder={t('units.allStatuses')}
              value={status}
              onChange={(v: UnitStatus | undefined) => list.setFilters({ status: v })}
              options={STATUSES.map((s) => ({ value: s, label: label(UNIT_STATUS_LABELS, s) }))}
              style={{ width: 150 }}
            />
            {filtered ? (
              <Button onClick={() => list.setFilters({ status: undefined, q: undefined })}>
                {t('common.reset')}
              </Button>
            ) : null}
          </div>
          {units.isError ? <QueryError error={units.error} onRetry={() => units.refetch()} /> : null}
          <Table<Unit>
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={units.data?.items ?? []}
            loading={units.isFetching}
            scroll={{ x: 900 }}
            locale={{
              emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('units.empty')} />,
            }}
            pagination={{
              current: list.page,
              pageSize: list.pageSize,
              total: units.data?.total ?? 0,
              pageSizeOptions: PAGE_SIZES,
              showSizeChanger: true,
              showTotal: (total) => t('common.total', { total }),
              onChange: (page, size) => list.setPage(page, size),
            }}
          />
        </Card>
      </div>
    </>
  );
}
