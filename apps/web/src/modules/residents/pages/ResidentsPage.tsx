/**
 * 住户: residents of the user's estates, phones masked; search by name, unit or (part of) a phone; a
 * row opens the resident's record; the desk, stewards and management register new residents.
 */
import { LockOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import {
  GRADE_LABELS,
  type Grade,
  IMPORT_ROLES,
  RELATION_LABELS,
  RESIDENT_FILE_ROLES,
  RESIDENT_FULL_EXPORT_ROLES,
} from '@wuye/contracts';
import { Button, Card, Empty, Input, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { ResidentListItem } from '../../../shared/api/types';
import { PAGE_SIZES, useListParams } from '../../../shared/hooks/useListParams';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { ImportDialog } from '../../units/components/ImportDialog';
import { ResidentForm } from '../components/ResidentForm';
import { UnitPicker } from '../components/UnitPicker';
import { PHONE_QUERY, useResidents } from '../residents.api';
import { GRADE_COLORS } from '../residents.labels';

export default function ResidentsPage() {
  const { t, label, locale } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const mayCreate = user.roles.some((r) => RESIDENT_FILE_ROLES.includes(r));
  const mayImport = user.roles.some((r) => IMPORT_ROLES.includes(r));
  const mayExportFull = user.roles.some((r) => RESIDENT_FULL_EXPORT_ROLES.includes(r));
  const [importing, setImporting] = useState(false);
  // An import goes into one estate: the header's, or the only one.
  const importEstateId = estateId ?? (estates.length === 1 ? estates[0]?.id : undefined);
  const list = useListParams(['q', 'phone', 'unitId', 'unit'] as const, estateId);
  const phone = list.values.phone && PHONE_QUERY.test(list.values.phone) ? list.values.phone : undefined;
  const query = useResidents({
    estateId,
    q: list.values.q,
    phone,
    unitId: list.values.unitId,
    page: list.page,
    pageSize: list.pageSize,
  });
  const filtered = Boolean(list.values.q || phone || list.values.unitId);
  const separator = locale === 'zh-CN' ? '，' : ', ';

  const columns: ColumnsType<ResidentListItem> = [
    {
      title: t('residents.name'),
      dataIndex: 'name',
      width: 120,
      render: (v: string, r) => (
        <Link to={`/residents/${r.id}`} onClick={(e) => e.stopPropagation()} data-testid="resident-link">
          <strong>{v}</strong>
        </Link>
      ),
    },
    {
      title: t('residents.grade'),
      dataIndex: 'grade',
      width: 130,
      render: (v: Grade) => <Tag color={GRADE_COLORS[v]}>{label(GRADE_LABELS, v)}</Tag>,
    },
    {
      title: t('residents.phones'),
      dataIndex: 'phones',
      width: 170,
      render: (phones: string[]) =>
        phones.length ? (
          <span className="mono">{phones.join(separator)}</span>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    {
      title: t('residents.units'),
      dataIndex: 'units',
      render: (units: ResidentListItem['units']) =>
        units.length ? (
          <Space size={[4, 4]} wrap>
            {units.map((u) => (
              <Tag key={`${u.unitId}-${u.relation}`} bordered={false}>
                {u.unitLabel}
                <span className="muted"> · {label(RELATION_LABELS, u.relation)}</span>
              </Tag>
            ))}
          </Space>
        ) : (
          <span className="muted">{t('common.none')}</span>
        ),
    },
    ...(multiple && !estateId
      ? [
          {
            title: t('residents.estate'),
            dataIndex: 'estateId',
            width: 120,
            render: (v: string) => estates.find((e) => e.id === v)?.name ?? '',
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('residents.title')}
        subtitle={t('residents.subtitle')}
        extra={
          <Space size={16}>
            <Typography.Text type="secondary">
              <LockOutlined /> {t('residents.privacy')}
            </Typography.Text>
            {mayCreate ? (
              <ExportButton
                path="/api/residents/export"
                query={{ estateId: importEstateId }}
                label={t('import.exportResidents')}
                testId="residents-export"
              />
            ) : null}
            {mayExportFull ? (
              <ExportButton
                path="/api/residents/export"
                query={{ estateId: importEstateId, full: true }}
                label={t('import.exportFull')}
                tooltip={t('import.exportFullTip')}
                testId="residents-export-full"
              />
            ) : null}
            {mayImport && importEstateId ? (
              <Button
                icon={<UploadOutlined />}
                onClick={() => setImporting(true)}
                data-testid="residents-import"
              >
                {t('import.button')}
              </Button>
            ) : null}
            {mayCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="resident-add"
              >
                {t('resident.add')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Card>
        <div className="filter-bar">
          <SearchBox
            testId="residents-search"
            value={list.values.q}
            onSearch={(q) => list.setFilters({ q })}
            placeholder={t('residents.searchPlaceholder')}
            width={240}
          />
          <PhoneSearch value={list.values.phone} onSearch={(v) => list.setFilters({ phone: v })} />
          <UnitPicker
            value={list.values.unitId}
            valueLabel={list.values.unit}
            onChange={(unit) => list.setFilters({ unitId: unit?.id, unit: unit?.label })}
          />
          {filtered ? <Button onClick={list.clear}>{t('common.reset')}</Button> : null}
        </div>
        {query.isError ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
        <Table<ResidentListItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 800 }}
          onRow={(r) => ({ onClick: () => navigate(`/residents/${r.id}`), style: { cursor: 'pointer' } })}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('residents.empty')} />,
          }}
          pagination={{
            current: list.page,
            pageSize: list.pageSize,
            total: query.data?.total ?? 0,
            pageSizeOptions: PAGE_SIZES,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (page, size) => list.setPage(page, size),
          }}
        />
      </Card>
      <ResidentForm
        open={creating}
        onClose={() => setCreating(false)}
        onSaved={(r) => {
          setCreating(false);
          navigate(`/residents/${r.id}`);
        }}
      />
      {importing && importEstateId ? (
        <ImportDialog
          estateId={importEstateId}
          estateName={estates.find((e) => e.id === importEstateId)?.name}
          onClose={() => setImporting(false)}
        />
      ) : null}
    </>
  );
}

/** Phone search with the server's format rule checked before sending. */
function PhoneSearch({
  value,
  onSearch,
}: {
  value: string | undefined;
  onSearch: (v: string | undefined) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState(value ?? '');
  const [invalid, setInvalid] = useState(false);
  useEffect(() => setText(value ?? ''), [value]);
  return (
    <Tooltip open={invalid} title={t('residents.phoneInvalid')} placement="bottom">
      <Input.Search
        data-testid="residents-phone"
        value={text}
        status={invalid ? 'error' : undefined}
        onChange={(e) => {
          setText(e.target.value);
          setInvalid(false);
        }}
        onSearch={(v) => {
          const trimmed = v.trim();
          if (trimmed && !PHONE_QUERY.test(trimmed)) {
            setInvalid(true);
            return;
          }
          onSearch(trimmed || undefined);
        }}
        placeholder={t('residents.phonePlaceholder')}
        allowClear
        inputMode="tel"
        maxLength={20}
        style={{ width: 240 }}
      />
    </Tooltip>
  );
}
