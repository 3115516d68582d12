/**
 * 走访记录: the stewards' visits and calls to this household (业户访问记录) — when, who was met, in
 * person or by phone, the topics asked about, the resident's opinions and signature, and the requests
 * the visit became. Staff who record visits can record one here for this unit.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { VisitDrawer } from '../../../relations/components/VisitDrawer';
import { visitColumns } from '../../../relations/components/visitColumns';
import { refreshUnitFile, type UnitFile } from '../../units.api';

export function VisitsCard({ file, canRecord }: { file: UnitFile; canRecord: boolean }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [recording, setRecording] = useState(false);
  const v = file.visits;
  const unit = file.unit;

  return (
    <Card
      title={t('unitFile.visits')}
      size="small"
      className="unit-file-card"
      data-testid="unit-visits"
      extra={
        <Space size={8}>
          <Typography.Text type="secondary" className="small">
            {t('common.total', { total: v.total })}
          </Typography.Text>
          {canRecord ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setRecording(true)}
              data-testid="unit-visit-add"
            >
              {t('unitFile.recordVisit')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {recording ? (
        <VisitDrawer
          estateId={unit.estateId}
          open
          onClose={() => setRecording(false)}
          initialUnit={{ id: unit.id, label: unit.label }}
          onRecorded={() => refreshUnitFile(client, unit.id)}
        />
      ) : null}
      {v.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('unitFile.noVisits')}
          className="unit-file-empty"
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          dataSource={v.items}
          pagination={v.items.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
          scroll={{ x: 860 }}
          columns={visitColumns(t, { timeZone: file.timeZone })}
        />
      )}
    </Card>
  );
}
