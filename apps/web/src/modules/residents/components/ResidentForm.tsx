/**
 * 新增 / 编辑住户: the person record's fields with the server's own format rules checked as one types
 * (phones, the 18-digit ID number and its check character, plates); the server's field errors land on
 * the fields. Editing sends the record's version; existing phones stay masked and are kept by position.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  type CreateResidentBody,
  GENDER_LABELS,
  type Gender,
  type HouseholdSegment,
  idBirthday,
  idGender,
  idNumberProblem,
  normaliseIdNumber,
  normalisePhone,
  normalisePlate,
  type PatchResidentBody,
  RELATION_LABELS,
  type ResidentRelation,
  SEGMENT_LABELS,
} from '@wuye/contracts';
import {
  App,
  Button,
  Col,
  DatePicker,
  Divider,
  Drawer,
  Form,
  Input,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { isApiError } from '../../../shared/api/client';
import { createResident, patchResident, type ResidentDetail, storeResident } from '../residents.api';
import { GENDER_LIST, RELATION_LIST, SEGMENT_LIST } from '../residents.labels';
import { UnitPicker } from './UnitPicker';

type PhoneRow = { keep?: number; masked?: string; value?: string };
type Values = {
  estateId?: string;
  name?: string;
  gender?: Gender;
  birthday?: Dayjs | null;
  idNumber?: string;
  phones: PhoneRow[];
  segment?: HouseholdSegment;
  vehicles: string[];
  emergencyName?: string;
  emergencyPhone?: string;
  emergencyRelation?: string;
  moveInDate?: Dayjs | null;
  notes?: string;
  unit?: { id: string; label: string };
  relation?: ResidentRelation;
};

const ID_PROBLEM_KEYS: Record<NonNullable<ReturnType<typeof idNumberProblem>>, MessageKey> = {
  format: 'resident.form.id.format',
  legacy: 'resident.form.id.legacy',
  region: 'resident.form.id.region',
  birth: 'resident.form.id.birth',
  checksum: 'resident.form.id.checksum',
};

/** Server field paths → the form's field names. */
function formField(path: string): (string | number)[] | null {
  const phone = /^phones\.(\d+)$/.exec(path);
  if (phone) return ['phones', Number(phone[1]), 'value'];
  if (/^vehicles(\.\d+)?$/.test(path)) return ['vehicles'];
  const map: Record<string, string> = {
    'emergencyContact.name': 'emergencyName',
    'emergencyContact.phone': 'emergencyPhone',
    'emergencyContact.relation': 'emergencyRelation',
    emergencyContact: 'emergencyName',
    'units.0.unitId': 'unit',
    'units.0.relation': 'relation',
  };
  if (map[path]) return [map[path]!];
  if (
    [
      'estateId',
      'name',
      'gender',
      'birthday',
      'idNumber',
      'segment',
      'moveInDate',
      'notes',
      'phones',
    ].includes(path)
  )
    return [path];
  return null;
}

const day = (d: Dayjs | null | undefined) => (d ? d.format('YYYY-MM-DD') : null);

export function ResidentForm({
  open,
  resident,
  onClose,
  onSaved,
  onConflict,
}: {
  open: boolean;
  /** The record to edit; none: a new resident. */
  resident?: ResidentDetail;
  onClose: () => void;
  onSaved: (detail: ResidentDetail) => void;
  /** The record changed meanwhile (409): reload it. */
  onConflict?: () => void;
}) {
  const { t, label } = useI18n();
  const { message } = App.useApp();
  const client = useQueryClient();
  const { estateId: currentEstate, estates } = useEstate();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [changeId, setChangeId] = useState(false);
  const [idHint, setIdHint] = useState(false);
  const editing = Boolean(resident);
  const estateId = Form.useWatch('estateId', form) ?? resident?.estateId;

  useEffect(() => {
    if (!open) return;
    setChangeId(!resident);
    setIdHint(false);
    form.resetFields();
    form.setFieldsValue(
      resident
        ? {
            name: resident.name,
            gender: resident.gender ?? undefined,
            birthday: resident.birthday ? dayjs(resident.birthday) : null,
            phones: resident.phones.map((masked, keep) => ({ keep, masked })),
            segment: resident.segment ?? undefined,
            vehicles: resident.vehicles,
            emergencyName: resident.emergencyContact?.name,
            emergencyRelation: resident.emergencyContact?.relation ?? undefined,
            moveInDate: resident.moveInDate ? dayjs(resident.moveInDate) : null,
            notes: resident.notes ?? undefined,
          }
        : {
            estateId: currentEstate ?? (estates.length === 1 ? estates[0]!.id : undefined),
            phones: [{}],
            vehicles: [],
          },
    );
  }, [open, resident, form, currentEstate, estates]);

  const phoneRule = {
    validator: (_: unknown, v: string | undefined) =>
      !v || normalisePhone(v)
        ? Promise.resolve()
        : Promise.reject(new Error(t('resident.form.phoneInvalid'))),
  };

  const onIdChange = (text: string) => {
    const id = normaliseIdNumber(text);
    if (id.length === 18 && idNumberProblem(id, dayjs().format('YYYY-MM-DD')) === null) {
      form.setFieldsValue({ birthday: dayjs(idBirthday(id)), gender: idGender(id) });
      setIdHint(true);
    } else setIdHint(false);
  };

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const emergencyGiven = Boolean(v.emergencyName?.trim() || v.emergencyPhone?.trim());
    const emergency = emergencyGiven
      ? {
          name: v.emergencyName?.trim() ?? '',
          phone: v.emergencyPhone?.trim() || undefined,
          relation: v.emergencyRelation?.trim() || null,
        }
      : null;
    const common = {
      name: v.name?.trim() ?? '',
      gender: v.gender ?? null,
      birthday: day(v.birthday),
      segment: v.segment ?? null,
      vehicles: v.vehicles ?? [],
      moveInDate: day(v.moveInDate),
      notes: v.notes?.trim() || null,
    };
    setSaving(true);
    try {
      let saved: ResidentDetail;
      if (resident) {
        const body: PatchResidentBody = {
          version: resident.version,
          ...common,
          phones: v.phones.map((p) => (p.keep !== undefined ? { keep: p.keep } : (p.value ?? '').trim())),
          emergencyContact: emergency,
          ...(changeId ? { idNumber: v.idNumber?.trim() ? v.idNumber.trim() : null } : {}),
        };
        saved = await patchResident(resident.id, body);
        message.success(t('resident.form.saved'));
      } else {
        const body: CreateResidentBody = {
          estateId: v.estateId!,
          ...common,
          phones: v.phones.map((p) => (p.value ?? '').trim()).filter(Boolean),
          idNumber: v.idNumber?.trim() || null,
          emergencyContact: emergency ? { ...emergency, phone: emergency.phone ?? '' } : null,
          units: v.unit && v.relation ? [{ unitId: v.unit.id, relation: v.relation }] : undefined,
        };
        saved = await createResident(body);
        message.success(t('resident.form.createdToast', { name: saved.name }));
      }
      storeResident(client, saved);
      onSaved(saved);
    } catch (e) {
      if (isApiError(e) && e.code === 'CONFLICT') {
        message.warning(t('resident.form.conflict'));
        onConflict?.();
      } else if (isApiError(e) && Object.keys(e.fields).length) {
        const placed: { name: (string | number)[]; errors: string[] }[] = [];
        const loose: string[] = [];
        for (const [path, text] of Object.entries(e.fields)) {
          const name = formField(path);
          if (name) placed.push({ name, errors: [text] });
          else loose.push(text);
        }
        form.setFields(placed as never);
        message.error(loose.length ? loose.join('；') : e.message);
      } else message.error(isApiError(e) ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const relationOptions = RELATION_LIST.map((r) => ({ value: r, label: label(RELATION_LABELS, r) }));

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width={640}
      destroyOnHidden
      title={editing ? t('resident.form.edit') : t('resident.form.create')}
      extra={
        <Space>
          <Button onClick={onClose}>{t('resident.form.cancel')}</Button>
          <Button type="primary" loading={saving} onClick={submit} data-testid="resident-form-save">
            {t('resident.form.save')}
          </Button>
        </Space>
      }
    >
      <Form<Values> form={form} layout="vertical" data-testid="resident-form">
        <Divider orientation="left" orientationMargin={0} plain>
          <Typography.Text strong>{t('resident.form.basic')}</Typography.Text>
        </Divider>
        <Row gutter={16}>
          {!editing && estates.length > 1 ? (
            <Col span={24}>
              <Form.Item
                name="estateId"
                label={t('resident.estate')}
                rules={[{ required: true, message: t('resident.form.estateRequired') }]}
              >
                <Select
                  options={estates.map((e) => ({ value: e.id, label: e.name }))}
                  onChange={() => form.setFieldsValue({ unit: undefined })}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('resident.form.name')}
              rules={[{ required: true, whitespace: true, message: t('resident.form.nameRequired') }]}
            >
              <Input maxLength={50} data-testid="resident-form-name" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={5}>
            <Form.Item name="gender" label={t('resident.gender')}>
              <Select
                allowClear
                options={GENDER_LIST.map((g) => ({ value: g, label: label(GENDER_LABELS, g) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={7}>
            <Form.Item name="birthday" label={t('resident.birthday')}>
              <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col span={24}>
            {editing && !changeId ? (
              <Form.Item label={t('resident.idNumber')}>
                <Space>
                  <span className="mono">{resident?.idNumber ?? t('common.none')}</span>
                  <Button
                    size="small"
                    onClick={() => setChangeId(true)}
                    data-testid="resident-form-id-change"
                  >
                    {t('resident.form.idChange')}
                  </Button>
                </Space>
              </Form.Item>
            ) : (
              <Form.Item
                name="idNumber"
                label={t('resident.idNumber')}
                extra={
                  idHint ? t('resident.form.idFilled') : editing ? t('resident.form.idClear') : undefined
                }
                rules={[
                  {
                    validator: (_, v: string | undefined) => {
                      if (!v?.trim()) return Promise.resolve();
                      const problem = idNumberProblem(normaliseIdNumber(v), dayjs().format('YYYY-MM-DD'));
                      return problem
                        ? Promise.reject(new Error(t(ID_PROBLEM_KEYS[problem])))
                        : Promise.resolve();
                    },
                  },
                ]}
              >
                <Input
                  className="mono"
                  maxLength={20}
                  placeholder={t('resident.form.idPlaceholder')}
                  data-testid="resident-form-id"
                  onChange={(e) => onIdChange(e.target.value)}
                  suffix={
                    editing ? (
                      <Button size="small" type="link" onClick={() => setChangeId(false)}>
                        {t('resident.form.idKeep')}
                      </Button>
                    ) : undefined
                  }
                />
              </Form.Item>
            )}
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0} plain>
          <Typography.Text strong>{t('resident.form.contact')}</Typography.Text>
        </Divider>
        <Form.List name="phones">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, i) => {
                const row = form.getFieldValue(['phones', field.name]) as PhoneRow | undefined;
                const kept = row?.keep !== undefined;
                return (
                  <Form.Item key={field.key} label={t('resident.form.phone', { n: i + 1 })} required={!kept}>
                    <Space.Compact style={{ width: '100%' }}>
                      {kept ? (
                        <Input
                          className="mono"
                          value={row?.masked}
                          disabled
                          addonAfter={t('resident.form.keptPhone')}
                        />
                      ) : (
                        <Form.Item
                          name={[field.name, 'value']}
                          noStyle
                          validateFirst
                          rules={[
                            { required: true, whitespace: true, message: t('resident.form.phoneInvalid') },
                            phoneRule,
                            {
                              validator: (_, v: string | undefined) => {
                                const n = v ? normalisePhone(v) : null;
                                const others = (form.getFieldValue('phones') as PhoneRow[])
                                  .filter((_, j) => j < field.name)
                                  .map((p) => (p.value ? normalisePhone(p.value) : null));
                                return n && others.includes(n)
                                  ? Promise.reject(new Error(t('resident.form.repeated')))
                                  : Promise.resolve();
                              },
                            },
                          ]}
                        >
                          <Input
                            className="mono"
                            inputMode="tel"
                            maxLength={30}
                            placeholder={t('resident.form.phonePlaceholder')}
                            data-testid={`resident-form-phone-${i}`}
                          />
                        </Form.Item>
                      )}
                      <Button
                        icon={<DeleteOutlined />}
                        aria-label={t('resident.form.removePhone')}
                        onClick={() => remove(field.name)}
                      />
                    </Space.Compact>
                  </Form.Item>
                );
              })}
              {fields.length < 5 ? (
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({})}
                  style={{ marginBottom: 16 }}
                  data-testid="resident-form-add-phone"
                >
                  {t('resident.form.addPhone')}
                </Button>
              ) : null}
            </>
          )}
        </Form.List>
        <Row gutter={16}>
          <Col xs={24} sm={8}>
            <Form.Item
              name="emergencyName"
              label={t('resident.form.emergencyName')}
              dependencies={['emergencyPhone']}
              rules={[
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() &&
                    (form.getFieldValue('emergencyPhone') as string | undefined)?.trim() &&
                    !resident?.emergencyContact
                      ? Promise.reject(new Error(t('resident.form.emergencyIncomplete')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input maxLength={50} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={9}>
            <Form.Item
              name="emergencyPhone"
              label={t('resident.form.emergencyPhone')}
              dependencies={['emergencyName']}
              extra={
                resident?.emergencyContact
                  ? `${resident.emergencyContact.phone} · ${t('resident.form.emergencyKeep')}`
                  : undefined
              }
              rules={[
                phoneRule,
                {
                  validator: (_, v: string | undefined) =>
                    !v?.trim() &&
                    (form.getFieldValue('emergencyName') as string | undefined)?.trim() &&
                    !resident?.emergencyContact
                      ? Promise.reject(new Error(t('resident.form.emergencyIncomplete')))
                      : Promise.resolve(),
                },
              ]}
            >
              <Input className="mono" inputMode="tel" maxLength={30} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={7}>
            <Form.Item name="emergencyRelation" label={t('resident.form.emergencyRelation')}>
              <Input maxLength={20} placeholder={t('resident.form.emergencyRelationPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>

        <Divider orientation="left" orientationMargin={0} plain>
          <Typography.Text strong>{t('resident.form.household')}</Typography.Text>
        </Divider>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item name="segment" label={t('resident.segment')}>
              <Select
                allowClear
                options={SEGMENT_LIST.map((s) => ({ value: s, label: label(SEGMENT_LABELS, s) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="moveInDate" label={t('resident.moveInDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item
              name="vehicles"
              label={t('resident.vehicles')}
              normalize={(list: string[]) => list.map((p) => normalisePlate(p) ?? p.trim().toUpperCase())}
              rules={[
                {
                  validator: (_, list: string[] | undefined) => {
                    const bad = (list ?? []).filter((p) => !normalisePlate(p));
                    return bad.length
                      ? Promise.reject(new Error(t('resident.form.plateInvalid', { plates: bad.join('、') })))
                      : Promise.resolve();
                  },
                },
              ]}
            >
              <Select
                mode="tags"
                open={false}
                tokenSeparators={[',', '，', ' ']}
                placeholder={t('resident.form.vehiclesPlaceholder')}
                suffixIcon={null}
                data-testid="resident-form-vehicles"
              />
            </Form.Item>
          </Col>
          <Col span={24}>
            <Form.Item name="notes" label={`${t('resident.notes')} · ${t('resident.staffOnly')}`}>
              <Input.TextArea rows={2} maxLength={1000} placeholder={t('resident.form.notesPlaceholder')} />
            </Form.Item>
          </Col>
        </Row>

        {!editing ? (
          <>
            <Divider orientation="left" orientationMargin={0} plain>
              <Typography.Text strong>{t('resident.form.unit')}</Typography.Text>
            </Divider>
            <Row gutter={16}>
              <Col xs={24} sm={14}>
                <Form.Item
                  name="unit"
                  label={t('resident.unit')}
                  extra={t('resident.form.unitHint')}
                  getValueProps={(u?: { id: string; label: string }) => ({
                    value: u?.id,
                    valueLabel: u?.label,
                  })}
                  dependencies={['relation']}
                  rules={[
                    {
                      validator: (_, u) =>
                        !u && form.getFieldValue('relation')
                          ? Promise.reject(new Error(t('resident.unitRequired')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <UnitField estateId={estateId} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={10}>
                <Form.Item
                  name="relation"
                  label={t('resident.relation')}
                  dependencies={['unit']}
                  rules={[
                    {
                      validator: (_, r) =>
                        !r && form.getFieldValue('unit')
                          ? Promise.reject(new Error(t('resident.relationRequired')))
                          : Promise.resolve(),
                    },
                  ]}
                >
                  <Select allowClear options={relationOptions} data-testid="resident-form-relation" />
                </Form.Item>
              </Col>
            </Row>
          </>
        ) : null}
      </Form>
    </Drawer>
  );
}

/** UnitPicker as a form control (value: the unit's id and label). */
function UnitField({
  estateId,
  value,
  valueLabel,
  onChange,
}: {
  estateId?: string;
  value?: string;
  valueLabel?: string;
  onChange?: (u: { id: string; label: string } | undefined) => void;
}) {
  return (
    <UnitPicker
      estateId={estateId}
      value={value}
      valueLabel={valueLabel}
      onChange={(u) => onChange?.(u)}
      testId="resident-form-unit"
      width="100%"
    />
  );
}
