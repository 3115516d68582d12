/**
 * 受理: the intake form of the front desk, built for the "四清楚" rule — heard and asked (type, caller
 * look-up, place, category, description), read back (a one-line summary to confirm), written (saved
 * with an Idempotency-Key so a retried save never makes two requests). Keyboard first: the phone field
 * has the focus, Enter searches, Ctrl+Enter reads back, Enter in the read-back saves.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  CHANNEL_LABELS,
  type Channel,
  type CreateRequestBody,
  REQUEST_TYPE_LABELS,
  type RequestType,
} from '@wuye/contracts';
import {
  Alert,
  App,
  Button,
  Cascader,
  Checkbox,
  DatePicker,
  Form,
  Input,
  type InputRef,
  Modal,
  Radio,
  Segmented,
  Select,
  Space,
  Typography,
} from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import type { CategoryNode, ResidentListItem } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format';
import { useCategories } from '../../categories/categories.api';
import { FileUploads, stillUploading } from '../../requests/components/FileUploads';
import { maskPhone } from '../../requests/lib/format';
import { SIZE_KEYS, SIZES, type Size, SUBTYPE_KEYS, SUBTYPES, type Subtype } from '../../requests/lib/labels';
import { postRequest, type RequestDetail, storeRequest, useLocations } from '../../requests/requests.api';
import { readBack } from '../lib/readback';
import { type PickedUnit, ResidentLookup } from './ResidentLookup';

const TYPES: RequestType[] = [
  'repair',
  'complaint',
  'enquiry',
  'help',
  'suggestion',
  'praise',
  'paid_service',
];
const CHANNELS: Channel[] = [
  'phone',
  'visit',
  'night_duty',
  'online',
  'staff',
  'patrol',
  'letter',
  'fax',
  'email',
  'mailbox',
  'reception_day',
  'owners_committee',
  'company',
];
/** The contract's reporter phone rule (CreateRequestBody.reporter.phone). */
const REPORTER_PHONE = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/;

type Values = {
  type: RequestType;
  channel: Channel;
  placeKind: 'unit' | 'location';
  locationId?: string;
  locationText?: string;
  reporterName?: string;
  reporterPhone?: string;
  category?: string[];
  description?: string;
  urgency: 'immediate' | 'scheduled';
  appointmentAt?: Dayjs;
  subtype?: Subtype;
  size?: Size;
  needsReply?: boolean;
  emergency?: boolean;
  /** File ids of the photos and documents attached (POST /api/files). */
  attachments?: string[];
  /** A complaint's record (投诉记录表): when and where, who, what the resident wants, the mood. */
  complaintEventAt?: Dayjs;
  complaintEventPlace?: string;
  complaintSubjectPerson?: string;
  complaintResidentWants?: string;
  complaintMood?: 'calm' | 'upset' | 'angry';
};

/** The complaint record's fields as the API takes them (absent ones left out). */
function complaintRecord(v: Values): CreateRequestBody['complaint'] {
  const text = (s?: string) => s?.trim() || undefined;
  const record = {
    eventAt: v.complaintEventAt?.toISOString(),
    eventPlace: text(v.complaintEventPlace),
    subjectPerson: text(v.complaintSubjectPerson),
    residentWants: text(v.complaintResidentWants),
    mood: v.complaintMood,
  };
  return Object.values(record).some((x) => x !== undefined) ? record : undefined;
}

function newKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto
    ? crypto.randomUUID()
    : `${Date.now()}-${Math.random().toString(36).slice(2)}`;
}

function findPath(nodes: CategoryNode[], path: string[]): CategoryNode[] {
  const out: CategoryNode[] = [];
  let level = nodes;
  for (const id of path) {
    const node = level.find((n) => n.id === id);
    if (!node) break;
    out.push(node);
    level = node.children;
  }
  return out;
}

export function IntakeForm({ estateId }: { estateId: string | undefined }) {
  const user = useCurrentUser();
  const { t, label, locale } = useI18n();
  const { estates } = useEstate();
  const { message } = App.useApp();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [idempotencyKey, setIdempotencyKey] = useState(newKey);
  const [resident, setResident] = useState<ResidentListItem | null>(null);
  const [unit, setUnit] = useState<PickedUnit | null>(null);
  const [phoneText, setPhoneText] = useState('');
  const [reviewing, setReviewing] = useState<CreateRequestBody | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<RequestDetail | null>(null);
  const [formKey, setFormKey] = useState(0);
  const phoneRef = useRef<InputRef>(null);
  const descriptionRef = useRef<TextAreaRef>(null);
  const uploading = useRef(false);

  const timeZone = estates.find((e) => e.id === estateId)?.timeZone;
  const defaultChannel: Channel = user.roles.includes('control_room') ? 'night_duty' : 'phone';
  const type = Form.useWatch('type', form) ?? 'repair';
  const placeKind = Form.useWatch('placeKind', form) ?? 'unit';
  const urgency = Form.useWatch('urgency', form) ?? 'immediate';
  const subtype = Form.useWatch('subtype', form);
  const categoryPath = Form.useWatch('category', form);
  const categories = useCategories(type);
  // An emergency category (燃气, 紧急就医 …) makes the request one whatever the box says.
  const categoryEmergency = findPath(categories.data?.items ?? [], categoryPath ?? []).some(
    (n) => n.emergency,
  );
  useEffect(() => {
    if (categoryEmergency) form.setFieldValue('emergency', true);
  }, [categoryEmergency, form]);
  const locations = useLocations(estateId);

  const initialValues: Values = useMemo(
    () => ({
      type: 'repair',
      channel: defaultChannel,
      placeKind: 'unit',
      urgency: 'immediate',
      subtype: 'in_home',
    }),
    [defaultChannel],
  );

  const onPick = useCallback(
    (r: ResidentListItem | null, u?: PickedUnit) => {
      setResident(r);
      if (u) {
        setUnit(u);
        form.setFieldValue('placeKind', 'unit');
        form.setFields([{ name: 'placeKind', errors: [] }]);
      }
      if (r) {
        form.setFields([{ name: 'reporterName', errors: [] }]);
        window.setTimeout(() => descriptionRef.current?.focus(), 0);
      }
    },
    [form],
  );

  const onUnit = useCallback(
    (u: PickedUnit | null) => {
      setUnit(u);
      setResident(null);
      if (u) {
        form.setFieldValue('placeKind', 'unit');
        form.setFields([{ name: 'placeKind', errors: [] }]);
      }
    },
    [form],
  );

  const categoryOptions = (categories.data?.items ?? []).map(function toOption(n: CategoryNode): {
    value: string;
    label: string;
    children?: ReturnType<typeof toOption>[];
  } {
    return {
      value: n.id,
      label: n.name,
      children: n.children.length ? n.children.map(toOption) : undefined,
    };
  });

  const reporterPhoneGuess = REPORTER_PHONE.test(phoneText) ? phoneText : undefined;

  /** The caller when they are not a resident on file (name and phone; the phone typed in the look-up). */
  const reporter = (v: Values): CreateRequestBody['reporter'] => {
    if (resident) return undefined;
    const name = v.reporterName?.trim();
    const phone = v.reporterPhone?.trim() || reporterPhoneGuess;
    return name && phone ? { name, phone } : undefined;
  };

  /** The request as it will be sent, or null (with the form showing why) when something is missing. */
  const build = async (): Promise<CreateRequestBody | null> => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return null;
    }
    if (!estateId) {
      message.error(t('desk.chooseEstate'));
      return null;
    }
    if (v.placeKind === 'unit' && !unit) {
      form.setFields([{ name: 'placeKind', errors: [t('desk.unitRequired')] }]);
      return null;
    }
    const path = v.category ?? [];
    const repair = v.type === 'repair';
    const appointmentAt =
      v.urgency === 'scheduled' && v.appointmentAt ? v.appointmentAt.toISOString() : undefined;
    return {
      estateId,
      unitId: v.placeKind === 'unit' ? unit?.id : undefined,
      locationId: v.placeKind === 'location' ? v.locationId : undefined,
      locationText:
        v.placeKind === 'location' && !v.locationId ? v.locationText?.trim() || undefined : undefined,
      residentId: resident?.id,
      reporter: reporter(v),
      channel: v.channel,
      type: v.type,
      subtype: repair ? v.subtype : undefined,
      size: repair && v.subtype === 'public' ? (v.size ?? 'minor') : undefined,
      categoryId: path.length ? path[path.length - 1] : undefined,
      description: v.description!.trim(),
      urgency: v.urgency,
      appointmentAt,
      needsReply: v.type === 'enquiry' && v.needsReply ? true : undefined,
      emergency: v.emergency || categoryEmergency ? true : undefined,
      attachments: v.attachments?.length ? v.attachments : undefined,
      complaint: v.type === 'complaint' ? complaintRecord(v) : undefined,
    };
  };

  const review = async () => {
    if (saving) return;
    const body = await build();
    if (body) setReviewing(body);
  };

  const readbackLine = (body: CreateRequestBody) => {
    const v = form.getFieldsValue(true) as Values;
    const path = findPath(categories.data?.items ?? [], v.category ?? []);
    const location = locations.data?.items.find((l) => l.id === body.locationId)?.name;
    return readBack(
      {
        place: body.unitId ? unit?.label : (location ?? body.locationText),
        name: resident?.name ?? body.reporter?.name,
        channel: label(CHANNEL_LABELS, body.channel),
        type: label(REQUEST_TYPE_LABELS, body.type),
        category: path.length ? path.map((n) => n.name).join('/') : null,
        description: body.description,
        urgency:
          body.urgency === 'scheduled' && body.appointmentAt
            ? t('desk.readbackScheduled', { time: formatDateTime(body.appointmentAt, timeZone).slice(5) })
            : t('desk.readbackImmediate'),
        needsReply: body.needsReply,
        emergency: body.emergency,
      },
      t,
    );
  };

  const reset = () => {
    form.resetFields();
    setResident(null);
    setUnit(null);
    setPhoneText('');
    setIdempotencyKey(newKey());
    setFormKey((k) => k + 1);
    window.setTimeout(() => phoneRef.current?.focus(), 0);
  };

  const save = async () => {
    if (!reviewing || saving) return;
    setSaving(true);
    try {
      const detail = await postRequest(client, reviewing, idempotencyKey, locale);
      storeRequest(client, detail);
      void client.invalidateQueries({ queryKey: ['desk-queue'] });
      setReviewing(null);
      setSaved(detail);
      message.success(t('desk.savedToast', { number: detail.number }));
      reset();
    } catch (e) {
      setReviewing(null);
      if (isApiError(e) && Object.keys(e.fields).length) {
        const names: Record<string, keyof Values> = {
          unitId: 'placeKind',
          locationId: 'locationId',
          locationText: 'locationText',
          reporter: 'reporterName',
          'reporter.name': 'reporterName',
          'reporter.phone': 'reporterPhone',
          categoryId: 'category',
          description: 'description',
          attachments: 'attachments',
          appointmentAt: 'appointmentAt',
          subtype: 'subtype',
          size: 'size',
        };
        const mapped = Object.entries(e.fields).map(([k, text]) => ({ name: names[k] ?? k, errors: [text] }));
        form.setFields(mapped.filter((f) => Object.values(names).includes(f.name as keyof Values)) as never);
        message.error(Object.values(e.fields).join('；'));
      } else {
        // The same key goes with the retry: if the first save did reach the server, no second request.
        message.error(isApiError(e) && e.message ? e.message : t('common.networkError'));
      }
    } finally {
      setSaving(false);
    }
  };

  const needsReporter = !resident;

  return (
    <div className="desk-intake">
      {saved ? (
        <Alert
          type="success"
          showIcon
          closable
          onClose={() => setSaved(null)}
          className="desk-saved"
          data-testid="desk-success"
          message={
            <Space wrap size={[12, 4]}>
              <span>{t('desk.saved')}</span>
              <Link
                to={`/requests/${saved.id}`}
                className="mono desk-saved-number"
                data-testid="desk-success-link"
              >
                {saved.number}
              </Link>
              <Link to={`/requests/${saved.id}/print`} target="_blank" rel="noopener">
                {t('desk.printOrder')}
              </Link>
            </Space>
          }
        />
      ) : null}

      <Form<Values>
        key={formKey}
        form={form}
        layout="vertical"
        initialValues={initialValues}
        requiredMark={false}
        className="desk-form"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !reviewing) {
            e.preventDefault();
            void review();
          }
        }}
        onValuesChange={(changed: Partial<Values>) => {
          if ('type' in changed) form.setFieldValue('category', undefined);
          if (changed.subtype === 'public') form.setFieldValue('placeKind', 'location');
        }}
      >
        <Form.Item name="type" className="desk-type">
          <Segmented<RequestType>
            data-testid="desk-type"
            block
            options={TYPES.map((x) => ({ value: x, label: label(REQUEST_TYPE_LABELS, x) }))}
          />
        </Form.Item>

        <div className="desk-section-title">{t('desk.caller')}</div>
        <ResidentLookup
          estateId={estateId}
          picked={resident}
          pickedUnit={unit}
          onPick={onPick}
          onUnit={onUnit}
          phoneRef={phoneRef}
          onPhoneText={setPhoneText}
        />

        {needsReporter ? (
          <div className="desk-grid">
            <Form.Item
              name="reporterName"
              label={t('desk.reporterName')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value?: string) =>
                    getFieldValue('channel') === 'patrol' || value?.trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('desk.reporterRequired'))),
                }),
              ]}
            >
              <Input maxLength={50} placeholder={t('desk.reporterNamePlaceholder')} />
            </Form.Item>
            <Form.Item
              name="reporterPhone"
              label={t('desk.reporterPhone')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value?: string) => {
                    if (!value?.trim())
                      return getFieldValue('channel') === 'patrol' || reporterPhoneGuess
                        ? Promise.resolve()
                        : Promise.reject(new Error(t('desk.reporterPhoneRequired')));
                    return REPORTER_PHONE.test(value.trim())
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('desk.reporterPhoneInvalid')));
                  },
                }),
              ]}
            >
              <Input
                maxLength={20}
                inputMode="tel"
                placeholder={reporterPhoneGuess ?? t('desk.reporterPhonePlaceholder')}
              />
            </Form.Item>
          </div>
        ) : (
          <div className="desk-reporter-line">
            {t('desk.reporterIs', {
              name: resident.name,
              phone: maskPhone(resident.phones[0]) || t('common.none'),
            })}
          </div>
        )}

        <div className="desk-section-title">{t('desk.what')}</div>
        <div className="desk-grid">
          <Form.Item name="channel" label={t('request.channel')}>
            <Select
              data-testid="desk-channel"
              showSearch
              optionFilterProp="label"
              options={CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS, c) }))}
            />
          </Form.Item>
          <Form.Item name="category" label={t('desk.category')}>
            <Cascader
              data-testid="desk-category"
              options={categoryOptions}
              changeOnSelect
              showSearch
              expandTrigger="hover"
              placeholder={categoryOptions.length ? t('desk.categoryPlaceholder') : t('categories.empty')}
              disabled={categoryOptions.length === 0}
            />
          </Form.Item>
        </div>

        {type === 'repair' ? (
          <div className="desk-grid">
            <Form.Item name="subtype" label={t('desk.subtype')}>
              <Select options={SUBTYPES.map((s) => ({ value: s, label: t(SUBTYPE_KEYS[s]) }))} />
            </Form.Item>
            {subtype === 'public' ? (
              <Form.Item name="size" label={t('desk.size')} initialValue="minor">
                <Radio.Group
                  optionType="button"
                  options={SIZES.map((s) => ({ value: s, label: t(SIZE_KEYS[s]) }))}
                />
              </Form.Item>
            ) : null}
          </div>
        ) : null}

        <Form.Item name="placeKind" label={t('desk.place')} className="desk-place">
          <Radio.Group>
            <Radio value="unit">
              {t('desk.placeUnit')}
              {unit ? (
                <Typography.Text strong className="desk-place-unit">
                  {unit.label}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary" className="desk-place-unit">
                  {t('desk.placeUnitHint')}
                </Typography.Text>
              )}
            </Radio>
            <Radio value="location">{t('desk.placeLocation')}</Radio>
          </Radio.Group>
        </Form.Item>
        {placeKind === 'location' ? (
          <div className="desk-grid">
            <Form.Item name="locationId" label={t('desk.location')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                placeholder={t('desk.locationPlaceholder')}
                options={(locations.data?.items ?? []).map((l) => ({ value: l.id, label: l.name }))}
              />
            </Form.Item>
            <Form.Item
              name="locationText"
              label={t('desk.locationText')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value?: string) =>
                    getFieldValue('locationId') || value?.trim()
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('desk.locationRequired'))),
                }),
              ]}
            >
              <Input maxLength={100} placeholder={t('desk.locationTextPlaceholder')} />
            </Form.Item>
          </div>
        ) : null}

        <Form.Item
          name="description"
          label={t('request.description')}
          rules={[{ required: true, whitespace: true, message: t('desk.descriptionRequired') }]}
        >
          <Input.TextArea
            ref={descriptionRef}
            data-testid="desk-description"
            rows={3}
            maxLength={2000}
            showCount
            placeholder={t('desk.descriptionPlaceholder')}
          />
        </Form.Item>

        {estateId ? (
          <Form.Item
            name="attachments"
            label={t('desk.attachments')}
            extra={t('desk.attachmentsHint')}
            rules={[stillUploading(uploading, t('upload.uploading'))]}
          >
            <FileUploads estateId={estateId} kind="document" testId="desk-attachments" busyRef={uploading} />
          </Form.Item>
        ) : null}

        <div className="desk-grid">
          <Form.Item name="urgency" label={t('detail.urgency')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'immediate', label: t('urgency.immediate') },
                { value: 'scheduled', label: t('urgency.scheduled') },
              ]}
            />
          </Form.Item>
          {urgency === 'scheduled' ? (
            <Form.Item
              name="appointmentAt"
              label={type === 'paid_service' ? t('desk.serviceTime') : t('desk.appointment')}
              rules={[{ required: true, message: t('desk.appointmentRequired') }]}
            >
              <DatePicker
                showTime={{ format: 'HH:mm', minuteStep: 5 }}
                format="YYYY-MM-DD HH:mm"
                disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
                style={{ width: '100%' }}
              />
            </Form.Item>
          ) : null}
        </div>

        <Form.Item
          name="emergency"
          valuePropName="checked"
          className="desk-emergency"
          extra={categoryEmergency ? t('desk.emergencyByCategory') : t('desk.emergencyHint')}
        >
          <Checkbox data-testid="desk-emergency" disabled={categoryEmergency}>
            <span className="desk-emergency-label">{t('desk.emergency')}</span>
          </Checkbox>
        </Form.Item>

        {type === 'complaint' ? (
          <fieldset className="desk-complaint" data-testid="desk-complaint">
            <legend>{t('complaint.card')}</legend>
            <div className="desk-grid">
              <Form.Item name="complaintEventAt" label={t('complaint.eventAt')}>
                <DatePicker
                  showTime={{ format: 'HH:mm', minuteStep: 5 }}
                  format="YYYY-MM-DD HH:mm"
                  disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
                  style={{ width: '100%' }}
                />
              </Form.Item>
              <Form.Item name="complaintEventPlace" label={t('complaint.eventPlace')}>
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item name="complaintSubjectPerson" label={t('complaint.subjectPerson')}>
                <Input maxLength={100} />
              </Form.Item>
              <Form.Item name="complaintMood" label={t('complaint.mood')}>
                <Radio.Group
                  optionType="button"
                  options={(['calm', 'upset', 'angry'] as const).map((m) => ({
                    value: m,
                    label: t(`complaint.mood.${m}`),
                  }))}
                />
              </Form.Item>
            </div>
            <Form.Item name="complaintResidentWants" label={t('complaint.residentWants')}>
              <Input.TextArea rows={2} maxLength={1000} data-testid="desk-complaint-wants" />
            </Form.Item>
          </fieldset>
        ) : null}

        {type === 'enquiry' ? (
          <Form.Item name="needsReply" valuePropName="checked" extra={t('desk.needsReplyHint')}>
            <Checkbox data-testid="desk-needs-reply">{t('desk.needsReply')}</Checkbox>
          </Form.Item>
        ) : null}

        <div className="desk-actions">
          <Button type="primary" size="large" data-testid="desk-submit" onClick={review} disabled={!estateId}>
            {t('desk.readback')}
          </Button>
          <Button size="large" onClick={reset}>
            {t('desk.clear')}
          </Button>
          <Typography.Text type="secondary" className="desk-keys">
            {t('desk.keys')}
          </Typography.Text>
        </div>
      </Form>

      <Modal
        open={Boolean(reviewing)}
        title={t('desk.readbackTitle')}
        onCancel={() => setReviewing(null)}
        maskClosable={false}
        destroyOnHidden
        width={620}
        footer={[
          <Button key="back" onClick={() => setReviewing(null)}>
            {t('desk.edit')}
          </Button>,
          <Button
            key="ok"
            type="primary"
            autoFocus
            loading={saving}
            data-testid="desk-confirm"
            onClick={save}
          >
            {t('desk.confirm')}
          </Button>,
        ]}
      >
        {reviewing ? (
          <>
            <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
              {t('desk.readbackHint')}
            </Typography.Paragraph>
            <div className="desk-readback" data-testid="desk-readback">
              {readbackLine(reviewing)}
            </div>
          </>
        ) : null}
      </Modal>
    </div>
  );
}
