/** 历史名单: the lists loaded before the current one, newest first, kept for the record. */
import { Card, Table, Typography } from 'antd';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatDateTime, formatMoney } from '../../../shared/format';
import type { ArrearsList } from '../arrears.api';

export function ArrearsHistory({ history, timeZone }: { history: ArrearsList[]; timeZone?: string }) {
  const { t } = useI18n();
  return (
    <Card
      size="small"
      title={t('arrears.history')}
      extra={
        <Typography.Text type="secondary" className="small">
          {t('arrears.historyHint')}
        </Typography.Text>
      }
      className="arrears-history"
      data-testid="arrears-history"
    >
      <Table<ArrearsList>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={history}
        locale={{ emptyText: t('arrears.noHistory') }}
        scroll={{ x: 760 }}
        columns={[
          { title: t('arrears.asOf'), dataIndex: 'asOf', width: 120 },
          {
            title: t('arrears.units'),
            dataIndex: 'units',
            width: 100,
            align: 'right',
            render: (n: number) => t('arrears.unitsValue', { n }),
          },
          {
            title: t('arrears.total'),
            dataIndex: 'totalFen',
            width: 140,
            align: 'right',
            render: (fen: number) => <span className="tabular">{formatMoney(fen)}</span>,
          },
          { title: t('arrears.importedBy'), dataIndex: 'importedByName', width: 110 },
          {
            title: t('arrears.importedAt'),
            dataIndex: 'importedAt',
            width: 150,
            render: (v: string) => formatDateTime(v, timeZone),
          },
          {
            title: t('arrears.fileName'),
            dataIndex: 'fileName',
            ellipsis: true,
            render: (v: string | null) => v ?? t('common.none'),
          },
        ]}
      />
    </Card>
  );
}
