/**
 * 批量生成房屋: a building (or a numbered range of buildings) × floors × rooms per floor. The server
 * previews every change of the pattern — how many units, the first and last labels, the buildings it
 * makes, the units that already exist — and creates all of them or none.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  UNIT_STATUS_LABELS,
  UNIT_USE_LABELS,
  type UnitBulkPreview,
  type UnitStatus,
  type UnitUse,
} from '@wuye/contracts';
import {
  Alert,
  App,
  Col,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import type { Building } from '../../../shared/api/types';
import { useSave } from '../lib/useSave';
import { createBulkUnits, previewBulkUnits, refreshStructure, type UnitBulkBody } from '../units.api';

const USES = Object.keys(UNIT_USE_LABELS) as UnitUse[];
const STATUSES = Object.keys(UNIT_STATUS_LABELS) as UnitStatus[];

type Values = {
  target: 'one' | 'range';
  buildingId?: string;
  buildingsFrom?: number;
  buildingsTo?: number;
  prefix?: string;
  suffix?: string;
  floorsFrom?: number;
  floorsTo?: number;
  skip?: string;
  roomsFrom?: number;
  roomsTo?: number;
  digits?: number;
  use: UnitUse;
  status: UnitStatus;
  areaM2?: number | null;
};

/** Server field paths → this form's fields. */
const ALIASES: Record<string, string> = {
  'buildings.from': 'buildingsFrom',
  'buildings.to': 'buildingsTo',
  'buildings.prefix': 'prefix',
  'buildings.suffix': 'suffix',
  'floors.from': 'floorsFrom',
  'floors.to': 'floorsTo',
  'floors.skip': 'skip',
  'rooms.from': 'roomsFrom',
  'rooms.to': 'roomsTo',
  'rooms.digits': 'digits',
};

function bodyOf(v: Partial<Values>): UnitBulkBody | null {
  const filled = (n: number | undefined | null): n is number => typeof n === 'number' && Number.isFinite(n);
  if (!filled(v.floorsFrom) || !filled(v.floorsTo) || !filled(v.roomsFrom) || !filled(v.roomsTo)) return null;
  const skip = (v.skip ?? '')
    .split(/[\s,，、;；]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isInteger(n) && n > 0);
  const common = {
    floors: { from: v.floorsFrom, to: v.floorsTo, skip },
    rooms: { from: v.roomsFrom, to: v.roomsTo, digits: v.digits ?? 2 },
    use: v.use,
    status: v.status,
    areaM2: v.areaM2 ?? null,
  };
  if (v.target === 'one') return v.buildingId ? { buildingId: v.buildingId, ...common } : null;
  if (!filled(v.buildingsFrom) || !filled(v.buildingsTo)) return null;
  return {
    buildings: { from: v.buildingsFrom, to: v.buildingsTo, prefix: v.prefix ?? '', suffix: v.suffix ?? '' },
    ...common,
  };
}

type PreviewState =
  | { kind: 'empty' }
  | { kind: 'loading' }
  | { kind: 'ok'; preview: UnitBulkPreview }
  | { kind: 'error'; messages: string[] };

export function BulkUnitsModal({
  estateId,
  buildings,
  defaultBuildingId,
  onClose,
}: {
  estateId: string;
  buildings: Building[];
  defaultBuildingId?: string;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const save = useSave();
  const { message } = App.useApp();
  const [saving, setSaving] = useState(false);
  const [preview, setPreview] = useState<PreviewState>({ kind: 'empty' });
  const values = Form.useWatch([], form) as Partial<Values> | undefined;
  // The same pattern is the same body (a new object per keystroke would ask the server again).
  const bodyKey = JSON.stringify(values ? bodyOf(values) : null);
  const body = useMemo(() => JSON.parse(bodyKey) as UnitBulkBody | null, [bodyKey]);

  // Ask the server again a moment after the pattern stops changing.
  useEffect(() => {
    if (!body) {
      setPreview({ kind: 'empty' });
      return;
    }
    setPreview({ kind: 'loading' });
    let live = true;
    const timer = setTimeout(() => {
      previewBulkUnits(estateId, body)
        .then((p) => live && setPreview({ kind: 'ok', preview: p }))
        .catch((e: unknown) => {
          if (!live) return;
          const messages =
            isApiError(e) && Object.keys(e.fields).length ? Object.values(e.fields) : [(e as Error).message];
          setPreview({ kind: 'error', messages });
        });
    }, 350);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [body, estateId]);

  const ready = preview.kind === 'ok' && preview.preview.duplicateCount === 0;

  const submit = async () => {
    if (!body || !ready) return;
    setSaving(true);
    const done = await save(() => createBulkUnits(estateId, body), { form, aliases: ALIASES });
    setSaving(false);
    if (!done) return;
    message.success(t('bulk.done', { created: done.created, first: done.first, last: done.last }));
    refreshStructure(client);
    onClose();
  };

  const target = values?.target ?? 'one';
  const p = preview.kind === 'ok' ? preview.preview : null;

  return (
    <Modal
      open
      title={t('bulk.title')}
      okText={p ? t('bulk.submit', { count: p.count }) : t('bulk.submit', { count: 0 })}
      okButtonProps={{ disabled: !ready, ...{ 'data-testid': 'bulk-submit' } }}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={680}
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: -4 }}>
        {t('bulk.example')}
      </Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        data-testid="bulk-form"
        initialValues={{
          target: buildings.length ? 'one' : 'range',
          buildingId: defaultBuildingId ?? buildings[0]?.id,
          buildingsFrom: 1,
          buildingsTo: 1,
          prefix: '',
          suffix: '栋',
          floorsFrom: 1,
          floorsTo: buildings.find((b) => b.id === (defaultBuildingId ?? buildings[0]?.id))?.floors ?? 18,
          roomsFrom: 1,
          roomsTo: 4,
          digits: 2,
          use: 'residence',
          status: 'vacant',
        }}
        onValuesChange={(changed: Partial<Values>) => {
          // A building picked: its floors are the natural top floor.
          if (changed.buildingId) {
            const b = buildings.find((x) => x.id === changed.buildingId);
            if (b) form.setFieldValue('floorsTo', b.floors);
          }
        }}
      >
        <Form.Item name="target" label={t('bulk.target')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'one', label: t('bulk.oneBuilding'), disabled: buildings.length === 0 },
              { value: 'range', label: t('bulk.buildingRange') },
            ]}
          />
        </Form.Item>
        {target === 'one' ? (
          <Form.Item name="buildingId" label={t('bulk.building')}>
            <Select
              data-testid="bulk-building"
              options={buildings.map((b) => ({
                value: b.id,
                label: `${b.name}（${t('units.floors', { n: b.floors })} · ${t('units.unitCount', { n: b.unitCount })}）`,
              }))}
            />
          </Form.Item>
        ) : (
          <Row gutter={12}>
            <Col span={6}>
              <Form.Item name="prefix" label={t('bulk.prefix')}>
                <Input maxLength={10} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="buildingsFrom" label={t('bulk.buildingsFrom')}>
                <InputNumber
                  min={1}
                  max={999}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="bulk-buildings-from"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="buildingsTo" label={t('bulk.to')}>
                <InputNumber
                  min={1}
                  max={999}
                  precision={0}
                  style={{ width: '100%' }}
                  data-testid="bulk-buildings-to"
                />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="suffix" label={t('bulk.suffix')}>
                <Input maxLength={10} />
              </Form.Item>
            </Col>
          </Row>
        )}
        <Row gutter={12}>
          <Col span={6}>
            <Form.Item name="floorsFrom" label={t('bulk.floorsFrom')}>
              <InputNumber
                min={1}
                max={200}
                precision={0}
                style={{ width: '100%' }}
                data-testid="bulk-floors-from"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="floorsTo" label={t('bulk.to')}>
              <InputNumber
                min={1}
                max={200}
                precision={0}
                style={{ width: '100%' }}
                data-testid="bulk-floors-to"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="skip" label={t('bulk.skipFloors')}>
              <Input placeholder={t('bulk.skipFloorsPlaceholder')} maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="roomsFrom" label={t('bulk.roomsFrom')}>
              <InputNumber min={1} max={99} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="roomsTo" label={t('bulk.to')}>
              <InputNumber
                min={1}
                max={99}
                precision={0}
                style={{ width: '100%' }}
                data-testid="bulk-rooms-to"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="digits" label={t('bulk.digits')}>
              <Radio.Group
                optionType="button"
                options={[1, 2, 3].map((n) => ({
                  value: n,
                  label: `${n}（${n === 1 ? '1' : n === 2 ? '01' : '001'}）`,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="use" label={t('bulk.use')}>
              <Select options={USES.map((u) => ({ value: u, label: label(UNIT_USE_LABELS, u) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="status" label={t('bulk.status')}>
              <Select options={STATUSES.map((s) => ({ value: s, label: label(UNIT_STATUS_LABELS, s) }))} />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="areaM2" label={t('bulk.area')}>
              <InputNumber min={0.01} max={100000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>

      <div className="bulk-preview" data-testid="bulk-preview" aria-live="polite">
        <Typography.Text strong>{t('bulk.previewTitle')}</Typography.Text>
        {preview.kind === 'loading' ? (
          <Typography.Text type="secondary">{t('bulk.previewing')}</Typography.Text>
        ) : preview.kind === 'error' ? (
          <Alert type="error" showIcon message={preview.messages.join('；')} />
        ) : p ? (
          <>
            <div className="bulk-preview-count">
              <span data-testid="bulk-preview-count">{t('bulk.previewCount', { count: p.count })}</span>
              {p.first && p.last ? (
                <Typography.Text type="secondary">
                  {t('bulk.previewRange', { first: p.first, last: p.last })}
                </Typography.Text>
              ) : null}
            </div>
            <Space size={[4, 4]} wrap>
              {p.buildings.map((b) => (
                <Tag key={b.name} color={b.buildingId ? 'default' : 'blue'} bordered={false}>
                  {b.buildingId
                    ? t('bulk.previewBuilding', { name: b.name, units: b.units })
                    : t('bulk.previewNewBuilding', { name: b.name, floors: b.floors })}
                </Tag>
              ))}
            </Space>
            {p.duplicateCount > 0 ? (
              <Alert
                type="warning"
                showIcon
                message={t('bulk.duplicates', { n: p.duplicateCount })}
                description={`${p.duplicates.join('、')}${p.duplicateCount > p.duplicates.length ? ' …' : ''}`}
              />
            ) : null}
            <Typography.Text type="secondary" className="bulk-preview-cap">
              {t('bulk.cap', { cap: p.cap })}
            </Typography.Text>
          </>
        ) : null}
      </div>
    </Modal>
  );
}
