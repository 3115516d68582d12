import { KEY_NAME_SUGGESTIONS } from '@wuye/contracts';
import {
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Row,
  Select,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useI18n } from '../../../../app/i18n/I18nProvider';
import { formatDateTime } from '../../../../shared/format';
import { addRecord, patchRecord, type UnitFile, type UnitKey } from '../../units.api';
import { RecordCard, useRecordForm } from './RecordCard';

type Values = {
  keyName?: string;
  copies?: number;
  holderName?: string;
  holderResidentId?: string | null;
  handedAt?: Dayjs;
  returnedAt?: Dayjs | null;
  note?: string;
};

export function KeysCard({ file, canEdit }: { file: UnitFile; canEdit: boolean }) {
  const { t } = useI18n();
  const [editing, setEditing] = useState<{ key?: UnitKey; returning?: boolean } | null>(null);
  const tz = file.timeZone;

  return (
    <>
      <RecordCard<UnitKey>
        title={t('unitFile.keys')}
        kind="keys"
        unitId={file.unit.id}
        rows={file.keys}
        empty={t('unitFile.noKeys')}
        canEdit={canEdit}
        addLabel={t('unitFile.recordKey')}
        onAdd={() => setEditing({})}
        onEdit={(key) => setEditing({ key })}
        testId="unit-keys"
        extraActions={(key) =>
          key.returnedAt ? null : (
            <Button
              type="link"
              size="small"
              onClick={() => setEditing({ key, returning: true })}
              data-testid={`key-return-${key.id}`}
            >
              {t('unitFile.markReturned')}
            </Button>
          )
        }
        columns={[
          {
            title: t('unitFile.keyName'),
            dataIndex: 'keyName',
            render: (v: string, k) => (
              <span>
                <strong>{v}</strong> <span className="muted">× {k.copies}</span>
              </span>
            ),
          },
          { title: t('unitFile.holder'), dataIndex: 'holderName' },
          {
            title: t('unitFile.handedAt'),
            dataIndex: 'handedAt',
            render: (v: string, k) => (
              <span>
                {formatDateTime(v, tz)}
                <div className="muted small">{t('unitFile.handedByName', { name: k.handedByName })}</div>
              </span>
            ),
          },
          {
            title: t('unitFile.returnedAt'),
            dataIndex: 'returnedAt',
            render: (v: string | null, k) =>
              v ? (
                <span>
                  <Tag bordered={false}>{t('unitFile.returned')}</Tag>
                  <div className="muted small">
                    {t('unitFile.returnedBy', { time: formatDateTime(v, tz), name: k.returnedToName ?? '' })}
                  </div>
                </span>
              ) : k.holderResidentId ? (
                <Tag color="blue" bordered={false}>
                  {t('unitFile.heldByResident')}
                </Tag>
              ) : (
                <Tag color="orange" bordered={false}>
                  {t('unitFile.held')}
                </Tag>
              ),
          },
        ]}
      />
      {editing ? (
        <KeyModal
          file={file}
          keyRecord={editing.key}
          returning={editing.returning}
          onClose={() => setEditing(null)}
        />
      ) : null}
    </>
  );
}

function KeyModal({
  file,
  keyRecord,
  returning,
  onClose,
}: {
  file: UnitFile;
  keyRecord?: UnitKey;
  returning?: boolean;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<Values>();
  const unitId = file.unit.id;
  const { saving, submitWith } = useRecordForm(form, unitId, onClose);
  const required = [{ required: true, message: t('units.required') }];
  const people = file.people.map((p) => ({ value: p.residentId, label: p.name }));

  const submit = () =>
    submitWith(async (v) => {
      if (keyRecord && returning)
        return patchRecord(unitId, 'keys', keyRecord.id, {
          version: keyRecord.version,
          returnedAt: v.returnedAt!.toISOString(),
        });
      const common = {
        keyName: v.keyName!.trim(),
        copies: v.copies ?? 1,
        holderName: v.holderName!.trim(),
        handedAt: v.handedAt!.toISOString(),
      };
      if (keyRecord)
        return patchRecord(unitId, 'keys', keyRecord.id, {
          version: keyRecord.version,
          ...common,
          holderResidentId: v.holderResidentId ?? null,
          returnedAt: v.returnedAt ? v.returnedAt.toISOString() : null,
          note: v.note?.trim() || null,
        });
      return addRecord(unitId, 'keys', {
        ...common,
        holderResidentId: v.holderResidentId ?? undefined,
        note: v.note?.trim() || undefined,
      });
    });

  return (
    <Modal
      open
      title={returning ? t('unitFile.returnTitle') : t('unitFile.keyTitle')}
      okText={t('structure.save')}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={returning ? 420 : 600}
      okButtonProps={{ ...{ 'data-testid': 'key-save' } }}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="key-form"
        initialValues={
          keyRecord
            ? {
                ...keyRecord,
                handedAt: dayjs(keyRecord.handedAt),
                returnedAt: keyRecord.returnedAt ? dayjs(keyRecord.returnedAt) : returning ? dayjs() : null,
              }
            : { keyName: KEY_NAME_SUGGESTIONS[0], copies: 1, handedAt: dayjs() }
        }
      >
        {returning ? (
          <Form.Item name="returnedAt" label={t('unitFile.returnedAt')} rules={required}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Row gutter={16}>
            <Col span={16}>
              <Form.Item name="keyName" label={t('unitFile.keyName')} rules={required}>
                <AutoComplete
                  options={KEY_NAME_SUGGESTIONS.map((k) => ({ value: k }))}
                  data-testid="key-name"
                  maxLength={30}
                />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="copies" label={t('unitFile.copies')}>
                <InputNumber min={1} max={20} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="holderName" label={t('unitFile.holder')} rules={required}>
                <Input maxLength={30} data-testid="key-holder" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="holderResidentId" label={t('unitFile.holderResident')}>
                <Select
                  allowClear
                  options={people}
                  onChange={(id?: string) => {
                    const p = people.find((x) => x.value === id);
                    if (p && !form.getFieldValue('holderName')) form.setFieldValue('holderName', p.label);
                  }}
                />
              </Form.Item>
            </Col>
            <Col span={keyRecord ? 12 : 24}>
              <Form.Item name="handedAt" label={t('unitFile.handedAt')} rules={required}>
                <DatePicker
                  showTime={{ format: 'HH:mm' }}
                  format="YYYY-MM-DD HH:mm"
                  style={{ width: '100%' }}
                />
              </Form.Item>
            </Col>
            {keyRecord ? (
              <Col span={12}>
                <Form.Item name="returnedAt" label={t('unitFile.returnedAt')}>
                  <DatePicker
                    showTime={{ format: 'HH:mm' }}
                    format="YYYY-MM-DD HH:mm"
                    style={{ width: '100%' }}
                  />
                </Form.Item>
              </Col>
            ) : null}
            <Col span={24}>
              <Form.Item name="note" label={t('unitFile.note')}>
                <Input.TextArea rows={2} maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
        )}
      </Form>
    </Modal>
  );
}
