/**
 * The completion form (完工): what was done, before/after photos, materials, fee, and how the resident
 * confirmed — a signature on the canvas, a phone confirmation, or later in the portal.
 * Used by the request page's action modal and by the technician's phone view.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { type Ref, useRef } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { yuanToFen } from '../lib/format';
import { CONFIRMATION_KEYS } from '../lib/labels';
import type { ActionBody, RequestDetail } from '../requests.api';
import { FileUploads, stillUploading } from './FileUploads';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';

export type CompleteValues = {
  workDone: string;
  materials?: {
    name?: string;
    quantity?: number;
    unit?: string;
    suppliedByResident?: boolean;
    passedInspection?: 'yes' | 'no';
  }[];
  chargeable: boolean;
  feeYuan?: number;
  leakTestAt?: Dayjs;
  method: 'signature' | 'phone' | 'portal';
  note?: string;
  /** File ids of the photos taken before and after the work (POST /api/files, kind photo). */
  photosBefore?: string[];
  photosAfter?: string[];
};

export function completeDefaults(detail: RequestDetail): Partial<CompleteValues> {
  return {
    chargeable: detail.type === 'paid_service',
    method: 'signature',
    materials: [],
  };
}

/** Leak repairs record the leak test (the callback clock runs 3 days from it). */
export function isLeak(detail: Pick<RequestDetail, 'categoryName' | 'description'>): boolean {
  return /漏|渗|leak/i.test(detail.categoryName ?? '');
}

export function completeBody(v: CompleteValues, signatureFileId?: string): ActionBody {
  const materials = (v.materials ?? [])
    .filter((m) => m.name?.trim())
    .map((m) => ({
      name: m.name!.trim(),
      quantity: m.quantity && m.quantity > 0 ? m.quantity : 1,
      unit: m.unit?.trim() || undefined,
      suppliedByResident: m.suppliedByResident || undefined,
      passedInspection: m.suppliedByResident && m.passedInspection ? m.passedInspection === 'yes' : undefined,
    }));
  return {
    action: 'complete',
    workDone: v.workDone.trim(),
    materials: materials.length ? materials : undefined,
    chargeable: v.chargeable,
    feeFen: v.chargeable ? yuanToFen(v.feeYuan) : undefined,
    leakTestAt: v.leakTestAt ? v.leakTestAt.toISOString() : undefined,
    photos: photosOf(v),
    residentConfirmation: {
      method: v.method,
      signatureFileId,
      note: v.note?.trim() || undefined,
    },
  };
}

function photosOf(v: Pick<CompleteValues, 'photosBefore' | 'photosAfter'>): string[] | undefined {
  const ids = [...(v.photosBefore ?? []), ...(v.photosAfter ?? [])];
  return ids.length ? ids : undefined;
}

export function CompleteFields({
  form,
  detail,
  signatureRef,
  compact = false,
}: {
  form: FormInstance<CompleteValues>;
  detail: RequestDetail;
  signatureRef: Ref<SignaturePadHandle>;
  compact?: boolean;
}) {
  const { t } = useI18n();
  const chargeable = Form.useWatch('chargeable', form);
  const method = Form.useWatch('method', form);
  const materials = Form.useWatch('materials', form);
  const uploading = { Before: useRef(false), After: useRef(false) };

  return (
    <>
      <Form.Item
        name="workDone"
        label={t('complete.workDone')}
        rules={[{ required: true, whitespace: true, message: t('complete.workDoneRequired') }]}
      >
        <Input.TextArea
          data-testid="complete-work-done"
          rows={compact ? 3 : 3}
          maxLength={2000}
          placeholder={t('complete.workDonePlaceholder')}
        />
      </Form.Item>

      <div className="complete-photos">
        {(['Before', 'After'] as const).map((when) => (
          <Form.Item
            key={when}
            name={`photos${when}`}
            label={t(`complete.photos${when}`)}
            rules={[stillUploading(uploading[when], t('upload.uploading'))]}
          >
            <FileUploads
              estateId={detail.estateId}
              kind="photo"
              max={6}
              namePrefix={t(`complete.photos${when}Prefix`)}
              testId={`complete-photos-${when.toLowerCase()}`}
              busyRef={uploading[when]}
            />
          </Form.Item>
        ))}
      </div>

      <Form.Item label={t('complete.materials')} className="complete-materials">
        <Form.List name="materials">
          {(fields, { add, remove }) => (
            <div className="material-list">
              {fields.map((field) => {
                const supplied = materials?.[field.name]?.suppliedByResident;
                return (
                  <div key={field.key} className="material-row">
                    <Form.Item name={[field.name, 'name']} noStyle>
                      <Input
                        placeholder={t('complete.materialName')}
                        maxLength={100}
                        className="material-name"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'quantity']} noStyle>
                      <InputNumber
                        min={0.01}
                        max={100000}
                        placeholder={t('complete.quantity')}
                        className="material-qty"
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'unit']} noStyle>
                      <Input placeholder={t('complete.unit')} maxLength={10} className="material-unit" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'suppliedByResident']} valuePropName="checked" noStyle>
                      <Checkbox>{t('complete.supplied')}</Checkbox>
                    </Form.Item>
                    {supplied ? (
                      <Form.Item name={[field.name, 'passedInspection']} noStyle>
                        <Select
                          placeholder={t('complete.inspection')}
                          className="material-inspection"
                          options={[
                            { value: 'yes', label: t('complete.passed') },
                            { value: 'no', label: t('complete.failed') },
                          ]}
                        />
                      </Form.Item>
                    ) : null}
                    <Button
                      type="text"
                      aria-label={t('complete.removeMaterial')}
                      icon={<DeleteOutlined />}
                      onClick={() => remove(field.name)}
                    />
                  </div>
                );
              })}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ quantity: 1 })}
                block={compact}
              >
                {t('complete.addMaterial')}
              </Button>
            </div>
          )}
        </Form.List>
      </Form.Item>

      <Space size={24} wrap align="start">
        <Form.Item name="chargeable" label={t('complete.chargeable')} valuePropName="checked">
          <Switch checkedChildren={t('complete.charged')} unCheckedChildren={t('complete.free')} />
        </Form.Item>
        {chargeable ? (
          <Form.Item
            name="feeYuan"
            label={t('complete.fee')}
            rules={[{ required: true, message: t('complete.feeRequired') }]}
          >
            <InputNumber
              data-testid="complete-fee"
              min={0}
              max={1_000_000}
              precision={2}
              prefix="¥"
              style={{ width: 160 }}
            />
          </Form.Item>
        ) : null}
        {isLeak(detail) ? (
          <Form.Item name="leakTestAt" label={t('complete.leakTestAt')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
          </Form.Item>
        ) : null}
      </Space>

      <Form.Item name="method" label={t('complete.confirmation')} rules={[{ required: true }]}>
        <Radio.Group
          data-testid="complete-method"
          optionType="button"
          buttonStyle="solid"
          options={(['signature', 'phone', 'portal'] as const).map((m) => ({
            value: m,
            label: t(CONFIRMATION_KEYS[m]),
          }))}
        />
      </Form.Item>
      {method === 'signature' ? (
        <Form.Item label={t('complete.signature')} required>
          <SignaturePad ref={signatureRef} />
        </Form.Item>
      ) : null}
      {method === 'portal' ? (
        <Alert type="info" showIcon message={t('complete.portalHint')} style={{ marginBottom: 16 }} />
      ) : null}
      <Form.Item
        name="note"
        label={method === 'phone' ? t('complete.phoneNote') : t('complete.note')}
        rules={
          method === 'phone'
            ? [{ required: true, whitespace: true, message: t('complete.phoneNoteRequired') }]
            : []
        }
      >
        <Input
          maxLength={500}
          placeholder={method === 'phone' ? t('complete.phoneNotePlaceholder') : undefined}
        />
      </Form.Item>
    </>
  );
}
