import { MOVE_IN_DOCUMENT_LABELS, type MoveInDocument } from '@wuye/contracts';
import { Checkbox, Col, DatePicker, Form, Input, Modal, Row, Select, Space, Tag } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { addRecord, patchRecord, type UnitFile, type UnitMoveIn } from '../../units.api';
import { RecordCard, useRecordForm } from './RecordCard';

const DOCUMENTS = Object.keys(MOVE_IN_DOCUMENT_LABELS) as MoveInDocument[];

type Values = {
  movedInOn?: Dayjs;
  residentId?: string | null;
  residentName?: string;
  documentsChecked?: MoveInDocument[];
  note?: string;
};

export function MoveInsCard({ file, canEdit }: { file: UnitFile; canEdit: boolean }) {
  const { t, label } = useI18n();
  const [editing, setEditing] = useState<{ moveIn?: UnitMoveIn } | null>(null);
  return (
    <>
      <RecordCard<UnitMoveIn>
        title={t('unitFile.moveIns')}
        kind="move-ins"
        unitId={file.unit.id}
        rows={file.moveIns}
        empty={t('unitFile.noMoveIns')}
        canEdit={canEdit}
        addLabel={t('unitFile.addMoveIn')}
        onAdd={() => setEditing({})}
        onEdit={(moveIn) => setEditing({ moveIn })}
        testId="unit-move-ins"
        wrap
        columns={[
          { title: t('unitFile.movedInOn'), dataIndex: 'movedInOn', width: 110 },
          {
            title: t('unitFile.movedInBy'),
            dataIndex: 'residentName',
            render: (v: string, m) => (
              <span>
                {v}
                <div className="muted small">{t('unitFile.handledByName', { name: m.handledByName })}</div>
              </span>
            ),
          },
          {
            title: t('unitFile.documentsChecked'),
            dataIndex: 'documentsChecked',
            render: (list: MoveInDocument[], m) => (
              <Space size={[4, 4]} wrap>
                {list.map((d) => (
                  <Tag key={d} bordered={false} color="blue">
                    {label(MOVE_IN_DOCUMENT_LABELS, d)}
                  </Tag>
                ))}
                {m.note ? <span className="muted small">{m.note}</span> : null}
              </Space>
            ),
          },
        ]}
      />
      {editing ? <MoveInModal file={file} moveIn={editing.moveIn} onClose={() => setEditing(null)} /> : null}
    </>
  );
}

function MoveInModal({
  file,
  moveIn,
  onClose,
}: {
  file: UnitFile;
  moveIn?: UnitMoveIn;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const unitId = file.unit.id;
  const { saving, submitWith } = useRecordForm(form, unitId, onClose);
  const required = [{ required: true, message: t('units.required') }];
  const people = file.people.map((p) => ({ value: p.residentId, label: p.name }));

  const submit = () =>
    submitWith(async (v) => {
      const common = {
        movedInOn: v.movedInOn!.format('YYYY-MM-DD'),
        residentName: v.residentName!.trim(),
        documentsChecked: v.documentsChecked ?? [],
      };
      return moveIn
        ? patchRecord(unitId, 'move-ins', moveIn.id, {
            version: moveIn.version,
            ...common,
            residentId: v.residentId ?? null,
            note: v.note?.trim() || null,
          })
        : addRecord(unitId, 'move-ins', {
            ...common,
            residentId: v.residentId ?? undefined,
            note: v.note?.trim() || undefined,
          });
    });

  return (
    <Modal
      open
      title={t('unitFile.moveInTitle')}
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
          moveIn
            ? { ...moveIn, movedInOn: dayjs(moveIn.movedInOn), note: moveIn.note ?? undefined }
            : { movedInOn: dayjs(), documentsChecked: [] }
        }
      >
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="movedInOn" label={t('unitFile.movedInOn')} rules={required}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="residentId" label={t('unitFile.holderResident')}>
              <Select
                allowClear
                options={people}
                onChange={(id?: string) => {
                  const p = people.find((x) => x.value === id);
                  if (p) form.setFieldValue('residentName', p.label);
                }}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="residentName" label={t('unitFile.movedInBy')} rules={required}>
              <Input maxLength={30} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="documentsChecked" label={t('unitFile.documentsChecked')}>
              <Checkbox.Group
                options={DOCUMENTS.map((d) => ({ value: d, label: label(MOVE_IN_DOCUMENT_LABELS, d) }))}
              />
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
