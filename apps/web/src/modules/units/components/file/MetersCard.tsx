import { METER_KIND_LABELS, type MeterKind } from '@wuye/contracts';
import { Col, DatePicker, Form, Input, Modal, Row, Select, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { addRecord, patchRecord, type UnitFile, type UnitMeter } from '../../units.api';
import { RecordCard, useRecordForm } from './RecordCard';

const KINDS = Object.keys(METER_KIND_LABELS) as MeterKind[];
const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

type Values = {
  kind?: MeterKind;
  number?: string;
  position?: string;
  installedOn?: Dayjs | null;
  removedOn?: Dayjs | null;
  note?: string;
};

export function MetersCard({ file, canEdit }: { file: UnitFile; canEdit: boolean }) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<{ meter?: UnitMeter } | null>(null);
  return (
    <>
      <RecordCard<UnitMeter>
        title={t('unitFile.meters')}
        kind="meters"
        unitId={file.unit.id}
        rows={file.meters}
        empty={t('unitFile.noMeters')}
        canEdit={canEdit}
        addLabel={t('unitFile.addMeter')}
        onAdd={() => setEditing({})}
        onEdit={(meter) => setEditing({ meter })}
        testId="unit-meters"
        wrap
        columns={[
          {
            title: t('unitFile.meterKind'),
            dataIndex: 'kind',
            render: (v: MeterKind) => label(METER_KIND_LABELS, v),
          },
          { title: t('unitFile.meterNumber'), dataIndex: 'number', render: (v: string) => <code>{v}</code> },
          {
            title: t('unitFile.meterPosition'),
            dataIndex: 'position',
            render: (v: string | null) => v ?? <span className="muted">{t('common.none')}</span>,
          },
          {
            title: t('unitFile.installedOn'),
            dataIndex: 'installedOn',
            render: (v: string | null, m) => (
              <span>
                {v ?? t('common.none')}{' '}
                {m.removedOn ? (
                  <Tag bordered={false}>
                    {t('unitFile.removed')} {m.removedOn}
                  </Tag>
                ) : (
                  <Tag color="green" bordered={false}>
                    {t('unitFile.inService')}
                  </Tag>
                )}
              </span>
            ),
          },
        ]}
      />
      {editing ? <MeterModal file={file} meter={editing.meter} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function MeterModal({ file, meter, onClose }: { file: UnitFile; meter?: UnitMeter; onClose: () => void }) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const unitId = file.unit.id;
  const { saving, submitWith } = useRecordForm(form, unitId, onClose);
  const required = [{ required: true, message: t('units.required') }];

  const submit = () =>
    submitWith(async (v) => {
      return meter
        ? patchRecord(unitId, 'meters', meter.id, {
            version: meter.version,
            number: v.number!.trim(),
            position: v.position?.trim() || null,
            installedOn: day(v.installedOn),
            removedOn: day(v.removedOn),
            note: v.note?.trim() || null,
          })
        : addRecord(unitId, 'meters', {
            kind: v.kind!,
            number: v.number!.trim(),
            position: v.position?.trim() || undefined,
            installedOn: day(v.installedOn) ?? undefined,
            note: v.note?.trim() || undefined,
          });
    });

  return (
    <Modal
      open
      title={t('unitFile.meterTitle')}
      okText={t('structure.save')}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={
          meter
            ? {
                ...meter,
                position: meter.position ?? undefined,
                note: meter.note ?? undefined,
                installedOn: meter.installedOn ? dayjs(meter.installedOn) : null,
                removedOn: meter.removedOn ? dayjs(meter.removedOn) : null,
              }
            : { kind: 'water' }
        }
      >
        <Row gutter={16}>
          <Col span={10}>
            <Form.Item name="kind" label={t('unitFile.meterKind')} rules={required}>
              <Select
                disabled={Boolean(meter)}
                options={KINDS.map((k) => ({ value: k, label: label(METER_KIND_LABELS, k) }))}
              />
            </Form.Item>
          </Col>
          <Col span={14}>
            <Form.Item name="number" label={t('unitFile.meterNumber')} rules={required}>
              <Input maxLength={40} />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="position" label={t('unitFile.meterPosition')}>
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name="installedOn" label={t('unitFile.installedOn')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          {meter ? (
            <Col span={7}>
              <Form.Item name="removedOn" label={t('unitFile.removedOn')}>
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ) : null}
          <Col span={24}>
            <Form.Item name="note" label={t('unitFile.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
