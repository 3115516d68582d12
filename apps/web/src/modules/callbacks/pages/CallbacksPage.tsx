/**
 * 回访: the callback centre. The month's quota progress on top; below, the requests waiting for a
 * callback in four tabs — all due, my sampled callbacks, overdue, and the redial list — each row with
 * the callback form and, after the last unreached try, closing as unreachable.
 */
import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Space, Tabs, Tooltip } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { ExportButton } from '../../../shared/ui/ExportButton';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { useNow } from '../../requests/components/useNow';
import {
  type CallbackDueItem,
  type DueTab,
  dueFilters,
  useCallbackQuotas,
  useDueCallbacks,
} from '../callbacks.api';
import { DueTable } from '../components/DueTable';
import { QuotaStrip } from '../components/QuotaStrip';
import { RequestActionModal } from '../components/RequestActionModal';
import '../../requests/requests.css';
import '../callbacks.css';

const TABS: readonly DueTab[] = ['all', 'mine', 'overdue', 'retrying'];

export default function CallbacksPage() {
  const { t } = useI18n();
  const { estateId, estates, multiple } = useEstate();
  const [params, setParams] = useSearchParams();
  const tab = TABS.find((x) => x === params.get('tab')) ?? 'all';
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  // Unset: the server's this month in the estate's zone (its clock, not the browser's, decides).
  const [month, setMonth] = useState<string | undefined>();
  const [acting, setActing] = useState<{ item: CallbackDueItem; kind: 'callback' | 'close' } | null>(null);
  const now = useNow(1000);

  const due = useDueCallbacks({ estateId, tab, ...paging });
  const quotas = useCallbackQuotas({ estateId, month });
  const counts = due.data?.counts;
  const timeZoneOf = (id: string) => estates.find((e) => e.id === id)?.timeZone;

  const setTab = (next: string) => {
    setPaging((p) => ({ ...p, page: 1 }));
    setParams((p) => {
      const copy = new URLSearchParams(p);
      if (next === 'all') copy.delete('tab');
      else copy.set('tab', next);
      return copy;
    });
  };

  return (
    <>
      <PageHeader
        title={t('callbacks.title')}
        subtitle={t('callbacks.subtitle')}
        extra={
          <Space>
            <ExportButton
              path="/api/callbacks/due/export"
              query={dueFilters(estateId, tab)}
              doneKey="callbacks.exported"
              testId="callbacks-export"
            />
            <Tooltip
              title={t('common.lastUpdated', { time: dayjs(due.dataUpdatedAt || now).format('HH:mm:ss') })}
            >
              <Button
                icon={<ReloadOutlined spin={due.isFetching} />}
                onClick={() => {
                  void due.refetch();
                  void quotas.refetch();
                }}
              >
                {t('common.refresh')}
              </Button>
            </Tooltip>
          </Space>
        }
      />
      <QuotaStrip
        data={quotas.data}
        loading={quotas.isPending}
        error={quotas.isError ? quotas.error : null}
        onRetry={() => quotas.refetch()}
        month={month ?? quotas.data?.month}
        onMonth={setMonth}
      />
      <Card className="due-card" styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={setTab}
          items={TABS.map((k) => ({
            key: k,
            label: (
              <span data-testid={`tab-${k}`}>
                {t(`callbacks.tab.${k}`)}{' '}
                <Badge
                  count={counts?.[k] ?? 0}
                  showZero
                  overflowCount={999}
                  color={
                    k === 'overdue' && counts?.overdue ? '#cf1322' : k === 'mine' ? '#1f6feb' : '#8c8c8c'
                  }
                />
              </span>
            ),
          }))}
        />
        {due.isError ? <QueryError error={due.error} onRetry={() => due.refetch()} /> : null}
        <DueTable
          tab={tab}
          items={due.data?.items ?? []}
          total={due.data?.total ?? 0}
          loading={due.isPending || (due.isFetching && due.isPlaceholderData)}
          page={paging.page}
          pageSize={paging.pageSize}
          onPage={(page, pageSize) => setPaging({ page, pageSize })}
          now={now}
          timeZoneOf={timeZoneOf}
          estateNameOf={
            multiple && !estateId ? (id) => estates.find((e) => e.id === id)?.name ?? '' : undefined
          }
          onAct={(item, kind) => setActing({ item, kind })}
        />
      </Card>
      {acting ? (
        <RequestActionModal requestId={acting.item.id} kind={acting.kind} onClose={() => setActing(null)} />
      ) : null}
    </>
  );
}
