/** 登记业主委托书: for one of the units the resident acts on for the owner — the owner, the period, the signed letter. */
import { useQueryClient } from '@tanstack/react-query';
import { RELATION_LABELS } from '@wuye/contracts';
import { App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { FileUploads, stillUploading } from '../../requests/components/FileUploads';
import { addAuthorisation, type ResidentDetail, storeResident, useResidents } from '../residents.api';
import { AUTHORISED_RELATIONS, OWNER_RELATIONS } from '../residents.labels';

type Values = {
  unitId?: string;
  ownerResidentId?: string;
  ownerName?: string;
  period?: [Dayjs, Dayjs];
  files?: string[];
  note?: string;
};

const FIELD_NAMES: Record<string, keyof Values> = {
  unitId: 'unitId',
  ownerResidentId: 'ownerResidentId',
  ownerName: 'ownerName',
  validFrom: 'period',
  validUntil: 'period',
  fileId: 'files',
  note: 'note',
};

export function LetterDialog({
  resident,
  open,
  onClose,
}: {
  resident: ResidentDetail;
  open: boolean;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const busy = useRef(false);
  const units = resident.units.filter((u) =>
    (AUTHORISED_RELATIONS as readonly string[]).includes(u.relation),
  );
  const unitId = Form.useWatch('unitId', form);
  const ownerPicked = Boolean(Form.useWatch('ownerResidentId', form));
  const people = useResidents(
    { estateId: resident.estateId, unitId, page: 1, pageSize: 20 },
    { enabled: open && Boolean(unitId) },
  );
  const owners = (people.data?.items ?? []).filter((p) =>
    p.units.some((u) => u.unitId === unitId && (OWNER_RELATIONS as readonly string[]).includes(u.relation)),
  );

  useEffect(() => {
    if (open) {
      form.resetFields();
      if (units.length === 1) form.setFieldsValue({ unitId: units[0]!.unitId });
    }
  }, [open, form, units.length, units[0]?.unitId]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      const saved = await addAuthorisation(resident.id, {
        unitId: v.unitId!,
        fileId: v.files![0]!,
        validFrom: v.period![0].format('YYYY-MM-DD'),
        validUntil: v.period![1].format('YYYY-MM-DD'),
        ownerResidentId: v.ownerResidentId || undefined,
        ownerName: v.ownerResidentId ? undefined : v.ownerName?.trim() || undefined,
        note: v.note?.trim() || undefined,
      });
      storeResident(client, saved);
      message.success(t('resident.letterSaved'));
      onClose();
    } catch (e) {
      if (isApiError(e) && Object.keys(e.fields).length) {
        const loose: string[] = [];
        const placed: { name: keyof Values; errors: string[] }[] = [];
        for (const [k, text] of Object.entries(e.fields)) {
          const name = FIELD_NAMES[k];
          if (name) placed.push({ name, errors: [text] });
          else loose.push(text);
        }
        form.setFields(placed);
        if (loose.length) message.error(loose.join('；'));
      } else message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('resident.addLetter')}
      onCancel={onClose}
      onOk={submit}
      okText={t('resident.form.save')}
      cancelText={t('resident.form.cancel')}
      confirmLoading={saving}
      width={560}
      destroyOnHidden
    >
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          name="unitId"
          label={t('resident.unit')}
          rules={[{ required: true, message: t('resident.unitRequired') }]}
        >
          <Select
            options={units.map((u) => ({
              value: u.unitId,
              label: `${u.unitLabel} · ${label(RELATION_LABELS, u.relation)}`,
            }))}
            onChange={() => form.setFieldsValue({ ownerResidentId: undefined })}
          />
        </Form.Item>
        <Form.Item label={t('resident.letterOwner')} required style={{ marginBottom: 0 }}>
          <Form.Item
            name="ownerResidentId"
            style={{ display: 'inline-block', width: 'calc(50% - 6px)', marginRight: 12 }}
            dependencies={['ownerName']}
            rules={[
              {
                validator: (_, id) =>
                  id || (form.getFieldValue('ownerName') as string | undefined)?.trim()
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('resident.letterOwnerRequired'))),
              },
            ]}
          >
            <Select
              allowClear
              placeholder={t('resident.letterOwnerPick')}
              loading={people.isFetching}
              options={owners.map((o) => ({ value: o.id, label: o.name }))}
              onChange={() => form.validateFields(['ownerName']).catch(() => undefined)}
            />
          </Form.Item>
          <Form.Item name="ownerName" style={{ display: 'inline-block', width: 'calc(50% - 6px)' }}>
            <Input
              maxLength={50}
              placeholder={t('resident.letterOwnerName')}
              disabled={ownerPicked}
              onChange={() => form.validateFields(['ownerResidentId']).catch(() => undefined)}
            />
          </Form.Item>
        </Form.Item>
        <Form.Item
          name="period"
          label={t('resident.letterPeriod')}
          rules={[{ required: true, message: t('resident.letterPeriodRequired') }]}
        >
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="files"
          label={t('resident.letterFile')}
          required
          rules={[
            {
              validator: (_, ids: string[] | undefined) =>
                ids?.length ? Promise.resolve() : Promise.reject(new Error(t('resident.letterFileRequired'))),
            },
            stillUploading(busy, t('resident.letterFileRequired')),
          ]}
        >
          <FileUploads
            estateId={resident.estateId}
            kind="document"
            max={1}
            busyRef={busy}
            namePrefix="业主委托书-"
          />
        </Form.Item>
        <Form.Item name="note" label={t('resident.letterNote')}>
          <Input maxLength={200} placeholder={t('resident.letterNotePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
