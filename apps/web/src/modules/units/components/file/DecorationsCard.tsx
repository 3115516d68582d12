import { DECORATION_STATUS_LABELS, type DecorationStatus } from '@wuye/contracts';
import { Col, DatePicker, Form, Input, Modal, Row, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { addRecord, patchRecord, type UnitDecoration, type UnitFile } from '../../units.api';
import { RecordCard, useRecordForm } from './RecordCard';

const STATUSES = Object.keys(DECORATION_STATUS_LABELS) as DecorationStatus[];
export const DECORATION_STATUS_COLORS: Record<DecorationStatus, string> = {
  applied: 'blue',
  in_progress: 'orange',
  completed: 'gold',
  inspected: 'green',
  cancelled: 'default',
};

type Values = {
  period?: [Dayjs, Dayjs];
  contractor?: string;
  permitNo?: string;
  status?: DecorationStatus;
  note?: string;
};

export function DecorationsCard({ file, canEdit }: { file: UnitFile; canEdit: boolean }) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<{ decoration?: UnitDecoration } | null>(null);
  return (
    <>
      <RecordCard<UnitDecoration>
        title={t('unitFile.decorations')}
        kind="decorations"
        unitId={file.unit.id}
        rows={file.decorations}
        empty={t('unitFile.noDecorations')}
        canEdit={canEdit}
        addLabel={t('unitFile.addDecoration')}
        onAdd={() => setEditing({})}
        onEdit={(decoration) => setEditing({ decoration })}
        testId="unit-decorations"
        columns={[
          {
            title: t('unitFile.period'),
            key: 'period',
            render: (_: unknown, d) => (
              <span className="nowrap">
                {d.startsOn} ~ {d.endsOn}
              </span>
            ),
          },
          {
            title: t('unitFile.contractor'),
            dataIndex: 'contractor',
            render: (v: string, d) => (
              <span>
                {v}
                {d.note ? <div className="muted small">{d.note}</div> : null}
              </span>
            ),
          },
          {
            title: t('unitFile.permitNo'),
            dataIndex: 'permitNo',
            render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
          },
          {
            title: t('unitFile.decorationStatus'),
            dataIndex: 'status',
            render: (v: DecorationStatus) => (
              <Tag color={DECORATION_STATUS_COLORS[v]} bordered={false}>
                {label(DECORATION_STATUS_LABELS, v)}
              </Tag>
            ),
          },
        ]}
      />
      {editing ? (
        <DecorationModal file={file} decoration={editing.decoration} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}

function DecorationModal({
  file,
  decoration,
  onClose,
}: {
  file: UnitFile;
  decoration?: UnitDecoration;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const unitId = file.unit.id;
  const { saving, submitWith } = useRecordForm(form, unitId, onClose, {
    startsOn: 'period',
    endsOn: 'period',
  });
  const required = [{ required: true, message: t('units.required') }];

  const submit = () =>
    submitWith(async (v) => {
      const [start, end] = v.period!;
      const common = {
        startsOn: start.format('YYYY-MM-DD'),
        endsOn: end.format('YYYY-MM-DD'),
        contractor: v.contractor!.trim(),
        status: v.status!,
      };
      return decoration
        ? patchRecord(unitId, 'decorations', decoration.id, {
            version: decoration.version,
            ...common,
            permitNo: v.permitNo?.trim() || null,
            note: v.note?.trim() || null,
          })
        : addRecord(unitId, 'decorations', {
            ...common,
            permitNo: v.permitNo?.trim() || undefined,
            note: v.note?.trim() || undefined,
          });
    });

  return (
    <Modal
      open
      title={t('unitFile.decorationTitle')}
      okText={t('structure.save')}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={600}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          decoration
            ? {
                ...decoration,
                period: [dayjs(decoration.startsOn), dayjs(decoration.endsOn)],
                permitNo: decoration.permitNo ?? undefined,
                note: decoration.note ?? undefined,
              }
            : { status: 'applied', period: [dayjs(), dayjs().add(90, 'day')] }
        }
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="period" label={t('unitFile.period')} rules={required}>
              <DatePicker.RangePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="status" label={t('unitFile.decorationStatus')} rules={required}>
              <Select
                options={STATUSES.map((s) => ({ value: s, label: label(DECORATION_STATUS_LABELS, s) }))}
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="contractor" label={t('unitFile.contractor')} rules={required}>
              <Input maxLength={60} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="permitNo" label={t('unitFile.permitNo')}>
              <Input maxLength={40} placeholder="ZX-2026-001" />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="note" label={t('unitFile.note')}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
