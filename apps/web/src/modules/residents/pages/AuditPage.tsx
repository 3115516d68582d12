/**
 * 住户信息查看审计 (managers and the company): who saw which resident's phone or ID number when — and,
 * on「全部操作」, every change of a record — filtered by resident, person and days, in the header's estate.
 */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { AuditAction, AuditItem, RevealField } from '@wuye/contracts';
import { Button, Card, DatePicker, Empty, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { PAGE_SIZES, useListParams } from '../../../shared/hooks/useListParams';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useStaff } from '../../organization/organization.api';
import { useAudit, useResidents } from '../residents.api';
import '../residents.css';

const ACTION_COLORS: Record<AuditAction, string> = {
  reveal: 'orange',
  created: 'blue',
  updated: 'cyan',
  grade_changed: 'purple',
  relation_added: 'geekblue',
  relation_ended: 'default',
  authorisation_added: 'green',
  vip_card_issued: 'gold',
  vip_card_reissued: 'gold',
  vip_card_renewed: 'gold',
  vip_card_revoked: 'red',
  vip_service: 'lime',
  export: 'volcano',
};

const FIELD_KEYS: Record<RevealField, MessageKey> = {
  phone: 'audit.field.phone',
  idNumber: 'audit.field.idNumber',
  emergencyPhone: 'audit.field.emergencyPhone',
};

/** Labels of the record's fields in an `updated` entry. */
const CHANGED_KEYS: Record<string, MessageKey> = {
  name: 'audit.field.name',
  gender: 'resident.gender',
  birthday: 'resident.birthday',
  phones: 'resident.phones',
  idNumber: 'resident.idNumber',
  segment: 'resident.segment',
  vehicles: 'resident.vehicles',
  emergencyName: 'audit.field.emergencyName',
  emergencyPhone: 'audit.field.emergencyPhone',
  emergencyRelation: 'audit.field.emergencyRelation',
  moveInDate: 'resident.moveInDate',
  notes: 'resident.notes',
};

export default function AuditPage() {
  const { t } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const list = useListParams(['residentId', 'resident', 'actorId', 'from', 'to', 'view'] as const, estateId);
  const view = list.values.view === 'all' || list.values.view === 'export' ? list.values.view : 'reveal';
  const query = useAudit({
    estateId,
    residentId: list.values.residentId,
    actorId: list.values.actorId,
    action: view === 'all' ? undefined : view,
    from: list.values.from,
    to: list.values.to,
    page: list.page,
    pageSize: list.pageSize,
  });
  const staff = useStaff({ estateId, page: 1, pageSize: 200 }, true);
  const timeZoneOf = (id: string) => estates.find((e) => e.id === id)?.timeZone;
  const filtered = Boolean(
    list.values.residentId || list.values.actorId || list.values.from || list.values.to,
  );

  const what = (item: AuditItem) => {
    if (item.action === 'reveal' && item.field) {
      if (item.source === 'reporter') return t('audit.reporterPhone', { number: item.requestNumber ?? '' });
      const field =
        item.field === 'phone' && (item.index ?? 0) > 0
          ? t('audit.field.phoneN', { n: (item.index ?? 0) + 1 })
          : t(FIELD_KEYS[item.field]);
      return item.requestNumber ? `${field} · ${t('audit.viaOrder', { number: item.requestNumber })}` : field;
    }
    if (item.action === 'updated' && item.fields?.length)
      return t('audit.changed', {
        fields: item.fields.map((f) => (CHANGED_KEYS[f] ? t(CHANGED_KEYS[f]!) : f)).join('、'),
      });
    if (item.action === 'export' && item.export)
      return t(item.export.full ? 'audit.exportFull' : 'audit.exportMasked', { rows: item.export.rows });
    return '';
  };

  const columns: ColumnsType<AuditItem> = [
    {
      title: t('audit.at'),
      dataIndex: 'at',
      width: 150,
      render: (v: string, r) => (
        <span className="mono">{formatDateTime(v, r.estateId ? timeZoneOf(r.estateId) : undefined)}</span>
      ),
    },
    {
      title: t('audit.actor'),
      dataIndex: 'actorName',
      width: 110,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('audit.action'),
      dataIndex: 'action',
      width: 130,
      render: (a: AuditAction) => <Tag color={ACTION_COLORS[a]}>{t(`audit.action.${a}`)}</Tag>,
    },
    {
      title: t('audit.resident'),
      dataIndex: 'residentName',
      width: 140,
      render: (v: string | null, r) =>
        r.residentId ? (
          <Link to={`/residents/${r.residentId}`}>{v}</Link>
        ) : (
          <span className="muted">{t(r.action === 'export' ? 'audit.roster' : 'audit.noResident')}</span>
        ),
    },
    { title: t('audit.what'), key: 'what', render: (_, r) => what(r) },
    {
      title: t('audit.request'),
      dataIndex: 'requestNumber',
      width: 160,
      render: (v: string | undefined, r) =>
        v && r.requestId ? (
          <Link to={`/requests/${r.requestId}`} className="mono">
            {v}
          </Link>
        ) : null,
    },
    ...(multiple && !estateId
      ? [
          {
            title: t('residents.estate'),
            dataIndex: 'estateId',
            width: 110,
            render: (v: string | null) =>
              v ? (estates.find((e) => e.id === v)?.name ?? '') : t('audit.severalEstates'),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('audit.title')}
        subtitle={t('audit.subtitle')}
        extra={
          <Typography.Text type="secondary">
            <SafetyCertificateOutlined /> {t('residents.privacy')}
          </Typography.Text>
        }
      />
      <Card>
        <div className="audit-filters">
          <Segmented
            data-testid="audit-view"
            value={view}
            onChange={(v) => list.setFilters({ view: v === 'reveal' ? undefined : v })}
            options={[
              { value: 'reveal', label: t('audit.view.reveal') },
              { value: 'export', label: t('audit.view.export') },
              { value: 'all', label: t('audit.view.all') },
            ]}
          />
          <ResidentSearch
            estateId={estateId}
            value={list.values.residentId}
            valueLabel={list.values.resident}
            onChange={(r) => list.setFilters({ residentId: r?.id, resident: r?.name })}
          />
          <Select
            data-testid="audit-actor"
            allowClear
            showSearch
            optionFilterProp="label"
            placeholder={t('audit.actorPlaceholder')}
            value={list.values.actorId}
            onChange={(v: string | undefined) => list.setFilters({ actorId: v })}
            loading={staff.isFetching}
            options={(staff.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
            style={{ width: 160 }}
          />
          <DatePicker.RangePicker
            data-testid="audit-dates"
            value={
              list.values.from || list.values.to
                ? [
                    list.values.from ? dayjs(list.values.from) : null,
                    list.values.to ? dayjs(list.values.to) : null,
                  ]
                : null
            }
            allowEmpty={[true, true]}
            onChange={(range) =>
              list.setFilters({
                from: range?.[0] ? range[0].format('YYYY-MM-DD') : undefined,
                to: range?.[1] ? range[1].format('YYYY-MM-DD') : undefined,
              })
            }
          />
          {filtered ? (
            <Button
              onClick={() =>
                list.setFilters({
                  residentId: undefined,
                  resident: undefined,
                  actorId: undefined,
                  from: undefined,
                  to: undefined,
                })
              }
            >
              {t('common.reset')}
            </Button>
          ) : null}
        </div>
        {query.isError ? <QueryError error={query.error} onRetry={() => query.refetch()} /> : null}
        <Table<AuditItem>
          data-testid="audit-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={query.data?.items ?? []}
          loading={query.isFetching}
          scroll={{ x: 900 }}
          locale={{
            emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('audit.empty')} />,
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
    </>
  );
}

/** A resident picked by typing (part of) their name. */
function ResidentSearch({
  estateId,
  value,
  valueLabel,
  onChange,
}: {
  estateId: string | undefined;
  value: string | undefined;
  valueLabel: string | undefined;
  onChange: (r: { id: string; name: string } | undefined) => void;
}) {
  const { t } = useI18n();
  const [text, setText] = useState('');
  const [debounced, setDebounced] = useState('');
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(text.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [text]);
  const search = useResidents(
    { estateId, q: debounced, page: 1, pageSize: 20 },
    { enabled: debounced.length > 0 },
  );
  const options = (search.data?.items ?? []).map((r) => ({
    value: r.id,
    label: r.units[0] ? `${r.name} · ${r.units[0].unitLabel}` : r.name,
    name: r.name,
  }));
  if (value && !options.some((o) => o.value === value))
    options.unshift({ value, label: valueLabel ?? value, name: valueLabel ?? value });
  return (
    <Space.Compact>
      <Select
        data-testid="audit-resident"
        showSearch
        allowClear
        value={value}
        placeholder={t('audit.residentPlaceholder')}
        filterOption={false}
        searchValue={text}
        onSearch={setText}
        onChange={(id: string | undefined) => {
          setText('');
          const o = options.find((x) => x.value === id);
          onChange(id && o ? { id, name: o.name } : undefined);
        }}
        loading={search.isFetching}
        options={options}
        style={{ width: 220 }}
      />
    </Space.Compact>
  );
}
