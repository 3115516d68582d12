/**
 * 欠费名单 (spec 05 §2, decision 0024): the estate's current arrears list as loaded from the fee
 * system — its date and who loaded it, the totals by age band, the units owing (searchable, by
 * building and band, sorted by amount, months or unit) with their owners, and the lists before it.
 * The cashier, the manager and the company load a new list here; an estate without one says so,
 * since the desk then shows arrears as unknown.
 */
import { UploadOutlined } from '@ant-design/icons';
import { ARREARS_AGES, ARREARS_IMPORT_ROLES, type ArrearsAge, type ArrearsList } from '@wuye/contracts';
import { Button, Card, Empty, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { PAGE_SIZES, useListParams } from '../../../shared/hooks/useListParams';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { SearchBox } from '../../../shared/ui/SearchBox';
import { useBuildings } from '../../units/units.api';
import {
  ARREARS_SORT_KEYS,
  type ArrearsItem,
  type ArrearsSort,
  arrearsPath,
  useArrears,
} from '../arrears.api';
import { ArrearsHistory } from '../components/ArrearsHistory';
import { ArrearsImportDialog } from '../components/ArrearsImportDialog';
import { ArrearsSummary } from '../components/ArrearsSummary';
import { AGE_COLORS, AGE_LABEL_KEYS } from '../lib/ages';
import '../arrears.css';

export default function ArrearsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const canImport = user.roles.some((r) => ARREARS_IMPORT_ROLES.includes(r));
  const [importing, setImporting] = useState(false);
  const { estateId: headerEstateId, estates } = useEstate();
  const params = useListParams(['estate', 'q', 'building', 'age', 'sort'] as const, headerEstateId);

  // A list belongs to one estate: the header's choice, or (under "all estates") one picked here.
  const estate =
    estates.find((e) => e.id === headerEstateId) ??
    estates.find((e) => e.id === params.values.estate) ??
    estates[0];
  const estateId = estate?.id;
  const buildings = useBuildings(estateId);
  const buildingId = buildings.data?.items.some((b) => b.id === params.values.building)
    ? params.values.building
    : undefined;
  const age = ARREARS_AGES.find((a) => a === params.values.age);
  const sort = ARREARS_SORT_KEYS.find((s) => s === params.values.sort) ?? 'amount';
  const query = useArrears(estateId, {
    q: params.values.q,
    buildingId,
    age,
    sort,
    page: params.page,
    pageSize: params.pageSize,
  });
  const data = query.data;
  const list = data?.list ?? null;
  const filtered = Boolean(params.values.q || buildingId || age);

  const importButton =
    canImport && estateId ? (
      <Button
        type="primary"
        icon={<UploadOutlined />}
        onClick={() => setImporting(true)}
        data-testid="arrears-import"
      >
        {t('arrears.import')}
      </Button>
    ) : null;

  const columns: ColumnsType<ArrearsItem> = [
    {
      title: t('arrears.col.unit'),
      dataIndex: 'unitLabel',
      width: 130,
      render: (v: string, row) => (
        <Link to={`/units/${encodeURIComponent(row.unitId)}`} data-testid="arrears-unit-link">
          <strong>{v}</strong>
        </Link>
      ),
    },
    {
      title: t('arrears.col.residents'),
      dataIndex: 'residents',
      width: 170,
      ellipsis: true,
      render: (names: string[]) =>
        names.length ? names.join('、') : <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('arrears.col.amount'),
      dataIndex: 'amountFen',
      width: 130,
      align: 'right',
      render: (fen: number) => <span className="arrears-amount">{formatMoney(fen)}</span>,
    },
    {
      title: t('arrears.col.months'),
      dataIndex: 'months',
      width: 100,
      align: 'right',
      render: (n: number) => t('arrears.monthsValue', { n }),
    },
    {
      title: t('arrears.col.age'),
      dataIndex: 'age',
      width: 110,
      render: (a: ArrearsAge) => (
        <Tag color={AGE_COLORS[a].tag} bordered={false}>
          {t(AGE_LABEL_KEYS[a])}
        </Tag>
      ),
    },
    {
      title: t('arrears.col.since'),
      dataIndex: 'since',
      width: 100,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
    {
      title: t('arrears.col.note'),
      dataIndex: 'note',
      ellipsis: true,
      render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('arrears.title')}
        subtitle={t('arrears.subtitle')}
        extra={
          <Space wrap>
            {headerEstateId || estates.length < 2 ? null : (
              <Select
                aria-label={t('arrears.chooseEstate')}
                value={estateId}
                onChange={(v: string) => params.setFilters({ estate: v, building: undefined })}
                options={estates.map((e) => ({ value: e.id, label: e.name }))}
                style={{ minWidth: 180 }}
              />
            )}
            {estateId && list ? (
              <ExportButton
                path={`${arrearsPath(estateId)}/export`}
                query={{}}
                label={t('arrears.export')}
                doneKey="arrears.exported"
                testId="arrears-export"
              />
            ) : null}
            {list ? importButton : null}
          </Space>
        }
      />
      {importing && estateId ? (
        <ArrearsImportDialog
          estateId={estateId}
          estateName={estate?.name}
          timeZone={estate?.timeZone}
          currentAsOf={list?.asOf ?? null}
          onClose={() => setImporting(false)}
        />
      ) : null}
      {!estateId ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
        </Card>
      ) : query.isPending ? (
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => query.refetch()} />
      ) : !list ? (
        <Card data-testid="arrears-none">
          <Empty
            className="arrears-none"
            description={
              <Space direction="vertical" size={4}>
                <Typography.Text strong>{t('arrears.noList')}</Typography.Text>
                <Typography.Text type="secondary">{t('arrears.noListHint')}</Typography.Text>
                {canImport ? null : (
                  <Typography.Text type="secondary">{t('arrears.noListAsk')}</Typography.Text>
                )}
              </Space>
            }
          >
            {importButton}
          </Empty>
        </Card>
      ) : (
        <div className="arrears-page">
          <ListBar list={list} timeZone={estate?.timeZone} />
          {data ? (
            <ArrearsSummary summary={data.summary} age={age} onAge={(a) => params.setFilters({ age: a })} />
          ) : null}
          <Card>
            <div className="filter-bar">
              <SearchBox
                testId="arrears-search"
                value={params.values.q}
                onSearch={(q) => params.setFilters({ q })}
                placeholder={t('arrears.search')}
                width={240}
              />
              <Select
                aria-label={t('arrears.building')}
                allowClear
                placeholder={t('arrears.allBuildings')}
                value={buildingId}
                onChange={(v: string | undefined) => params.setFilters({ building: v })}
                options={(buildings.data?.items ?? []).map((b) => ({ value: b.id, label: b.name }))}
                style={{ width: 150 }}
                data-testid="arrears-building"
              />
              <Select
                aria-label={t('arrears.age')}
                allowClear
                placeholder={t('arrears.allAges')}
                value={age}
                onChange={(v: ArrearsAge | undefined) => params.setFilters({ age: v })}
                options={ARREARS_AGES.map((a) => ({ value: a, label: t(AGE_LABEL_KEYS[a]) }))}
                style={{ width: 150 }}
                data-testid="arrears-age"
              />
              <Select
                aria-label={t('arrears.sort')}
                value={sort}
                onChange={(v: ArrearsSort) => params.setFilters({ sort: v === 'amount' ? undefined : v })}
                options={ARREARS_SORT_KEYS.map((s) => ({ value: s, label: t(`arrears.sort.${s}`) }))}
                style={{ width: 150 }}
                data-testid="arrears-sort"
              />
              {filtered ? (
                <Button
                  onClick={() => params.setFilters({ q: undefined, building: undefined, age: undefined })}
                >
                  {t('common.reset')}
                </Button>
              ) : null}
            </div>
            <Table<ArrearsItem>
              rowKey="unitId"
              size="middle"
              columns={columns}
              dataSource={data?.items ?? []}
              loading={query.isFetching}
              scroll={{ x: 900 }}
              data-testid="arrears-table"
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={list.units === 0 ? t('arrears.emptyList') : t('arrears.empty')}
                  />
                ),
              }}
              pagination={{
                current: params.page,
                pageSize: params.pageSize,
                total: data?.total ?? 0,
                pageSizeOptions: PAGE_SIZES,
                showSizeChanger: true,
                showTotal: (total) => t('common.total', { total }),
                onChange: (page, size) => params.setPage(page, size),
              }}
            />
          </Card>
          {data && data.history.length > 0 ? (
            <ArrearsHistory history={data.history} timeZone={estate?.timeZone} />
          ) : null}
        </div>
      )}
    </>
  );
}

/** The current list: its date, who loaded it and when, from which file. */
function ListBar({ list, timeZone }: { list: ArrearsList; timeZone?: string }) {
  const { t } = useI18n();
  return (
    <div className="arrears-list-bar" data-testid="arrears-list">
      <Tag color="blue" bordered={false}>
        {t('arrears.currentList')}
      </Tag>
      <span className="arrears-list-asof">
        {t('arrears.asOf')} <strong data-testid="arrears-list-asof">{list.asOf}</strong>
      </span>
      <span className="arrears-list-meta">
        <span>
          {t('arrears.importedBy')}：{list.importedByName}
        </span>
        <span>
          {t('arrears.importedAt')}：{formatDateTime(list.importedAt, timeZone)}
        </span>
        {list.fileName ? (
          <span className="arrears-list-file">
            {t('arrears.fileName')}：{list.fileName}
          </span>
        ) : null}
      </span>
    </div>
  );
}
