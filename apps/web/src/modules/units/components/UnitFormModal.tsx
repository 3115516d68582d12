/** 新增/编辑房屋: number, floor, area, use and status; a status change asks for its reason (the history keeps it). */
import { useQueryClient } from '@tanstack/react-query';
import { UNIT_STATUS_LABELS, UNIT_USE_LABELS, type UnitStatus, type UnitUse } from '@wuye/contracts';
import { Col, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import { useState } from 'react';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Building, Unit } from '../../../shared/api/types';
import { useSave } from '../lib/useSave';
import { createUnit, patchUnit, refreshStructure, type UnitDetail } from '../units.api';

const USES = Object.keys(UNIT_USE_LABELS) as UnitUse[];
const STATUSES = Object.keys(UNIT_STATUS_LABELS) as UnitStatus[];

type Values = {
  buildingId?: string;
  number?: string;
  floor?: number;
  areaM2?: number | null;
  use: UnitUse;
  status: UnitStatus;
  statusNote?: string;
};

export function UnitFormModal({
  estateId,
  buildings,
  unit,
  defaultBuildingId,
  onClose,
  onSaved,
}: {
  estateId: string;
  buildings: Building[];
  /** The unit to edit; a new unit when left out. */
  unit?: Pick<
    Unit,
    'id' | 'buildingId' | 'buildingName' | 'number' | 'floor' | 'areaM2' | 'use' | 'status' | 'version'
  >;
  defaultBuildingId?: string;
  onClose: () => void;
  onSaved?: (unit: UnitDetail) => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<Values>();
  const client = useQueryClient();
  const save = useSave();
  const [saving, setSaving] = useState(false);
  const buildingId = Form.useWatch('buildingId', form) ?? unit?.buildingId;
  const status = Form.useWatch('status', form);
  const building = buildings.find((b) => b.id === buildingId);
  const required = [{ required: true, message: t('units.required') }];

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const areaM2 = v.areaM2 ?? null;
    const saved = await save(
      () =>
        unit
          ? patchUnit(unit.id, {
              version: unit.version,
              number: v.number!.trim(),
              floor: v.floor!,
              areaM2,
              use: v.use,
              status: v.status,
              statusNote: v.status !== unit.status ? v.statusNote?.trim() || undefined : undefined,
            })
          : createUnit(estateId, {
              buildingId: v.buildingId!,
              number: v.number!.trim(),
              floor: v.floor!,
              areaM2,
              use: v.use,
              status: v.status,
            }),
      {
        form,
        success: unit ? t('structure.saved') : undefined,
        onConflict: () => {
          refreshStructure(client);
          onClose();
        },
      },
    );
    setSaving(false);
    if (!saved) return;
    refreshStructure(client);
    onSaved?.(saved);
    onClose();
  };

  return (
    <Modal
      open
      title={
        unit ? t('units.editTitle', { label: `${unit.buildingName}-${unit.number}` }) : t('units.addTitle')
      }
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
        data-testid="unit-form"
        initialValues={
          unit
            ? { ...unit, areaM2: unit.areaM2 }
            : { buildingId: defaultBuildingId ?? buildings[0]?.id, use: 'residence', status: 'vacant' }
        }
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="buildingId" label={t('units.building')} rules={unit ? [] : required}>
              <Select
                disabled={Boolean(unit)}
                data-testid="unit-form-building"
                options={buildings.map((b) => ({ value: b.id, label: b.name }))}
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="number" label={t('units.number')} rules={required}>
              <Input
                placeholder={t('units.numberPlaceholder')}
                maxLength={20}
                data-testid="unit-form-number"
              />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="floor"
              label={t('units.floor')}
              rules={required}
              extra={building ? t('units.floors', { n: building.floors }) : undefined}
            >
              <InputNumber min={1} max={building?.floors ?? 200} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="areaM2" label={t('units.area')}>
              <InputNumber min={0.01} max={100000} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="use" label={t('units.use')}>
              <Select options={USES.map((u) => ({ value: u, label: label(UNIT_USE_LABELS, u) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="status" label={t('units.status')}>
              <Select
                data-testid="unit-form-status"
                options={STATUSES.map((s) => ({ value: s, label: label(UNIT_STATUS_LABELS, s) }))}
              />
            </Form.Item>
          </Col>
          {unit && status && status !== unit.status ? (
            <Col span={24}>
              <Form.Item name="statusNote" label={t('units.statusNote')}>
                <Input maxLength={200} placeholder={t('units.statusNotePlaceholder')} />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
      </Form>
    </Modal>
  );
}
