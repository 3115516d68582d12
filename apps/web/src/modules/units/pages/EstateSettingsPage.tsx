/**
 * 项目设置: the estate chosen in the header — its details, its buildings and its public locations
 * (公共区域: create, rename, retire, bring back). The estate's manager and the company edit; the company
 * also creates estates. Others with the menu item see the same page read-only.
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  ESTATE_TYPE_LABELS,
  type EstateType,
  LOCATION_KIND_LABELS,
  type LocationKind,
} from '@wuye/contracts';
import {
  Alert,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Row,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useMemo, useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { Building, Estate } from '../../../shared/api/types';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { ESTATE_CREATORS, STRUCTURE_EDITORS } from '../lib/roles';
import { useSave } from '../lib/useSave';
import {
  createBuilding,
  createEstate,
  createLocation,
  type Location,
  patchBuilding,
  patchEstate,
  patchLocation,
  refreshStructure,
  useAllLocations,
  useBuildings,
} from '../units.api';
import '../units.css';

const ESTATE_TYPES = Object.keys(ESTATE_TYPE_LABELS) as EstateType[];
const LOCATION_KINDS = Object.keys(LOCATION_KIND_LABELS) as LocationKind[];

/** The IANA zones the browser knows, China's first. */
function timeZones(): string[] {
  const first = ['Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Macau', 'Asia/Taipei', 'Asia/Urumqi'];
  const all = (Intl as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  return [...first, ...all.filter((z) => !first.includes(z))];
}

export default function EstateSettingsPage() {
  const { t } = useI18n();
  const user = useCurrentUser();
  const { estateId, estate, estates, setEstateId } = useEstate();
  const canEdit = user.roles.some((r) => STRUCTURE_EDITORS.includes(r));
  const canCreate = user.roles.some((r) => ESTATE_CREATORS.includes(r));
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('estate.title')}
        subtitle={estate ? t('estate.subtitle', { estate: estate.name }) : undefined}
        extra={
          <Space>
            {canEdit ? null : <Tag bordered={false}>{t('estate.readOnly')}</Tag>}
            {canCreate ? (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="estate-create">
                {t('estate.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {creating ? (
        <EstateCreateModal onClose={() => setCreating(false)} onCreated={(e) => setEstateId(e.id)} />
      ) : null}
      {!estate || !estateId ? (
        <Card>
          <Empty description={t('estate.chooseEstate')} image={Empty.PRESENTED_IMAGE_SIMPLE}>
            <Space wrap>
              {estates.map((e) => (
                <Button key={e.id} onClick={() => setEstateId(e.id)}>
                  {e.name}
                </Button>
              ))}
            </Space>
          </Empty>
        </Card>
      ) : (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          <EstateInfoCard key={`${estate.id}:${estate.version}`} estate={estate} canEdit={canEdit} />
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <BuildingsCard estateId={estateId} canEdit={canEdit} />
            </Col>
            <Col xs={24} xl={12}>
              <LocationsCard estateId={estateId} canEdit={canEdit} />
            </Col>
          </Row>
        </Space>
      )}
    </>
  );
}

type EstateValues = { name?: string; code?: string; type?: EstateType; address?: string; timeZone?: string };

function EstateFields({ create }: { create?: boolean }) {
  const { t, label } = useI18n();
  const zones = useMemo(() => timeZones().map((z) => ({ value: z, label: z })), []);
  const required = [{ required: true, message: t('units.required') }];
  return (
    <Row gutter={16}>
      <Col xs={24} md={create ? 12 : 6}>
        <Form.Item name="name" label={t('estate.name')} rules={required}>
          <Input maxLength={50} data-testid="estate-name" />
        </Form.Item>
      </Col>
      <Col xs={24} md={create ? 12 : 4}>
        <Form.Item name="code" label={t('estate.code')}>
          <Input
            maxLength={20}
            disabled={!create}
            placeholder={create ? t('estate.codePlaceholder') : undefined}
          />
        </Form.Item>
      </Col>
      <Col xs={24} md={create ? 12 : 4}>
        <Form.Item name="type" label={t('estate.type')} rules={required}>
          <Select options={ESTATE_TYPES.map((v) => ({ value: v, label: label(ESTATE_TYPE_LABELS, v) }))} />
        </Form.Item>
      </Col>
      <Col xs={24} md={create ? 12 : 5}>
        <Form.Item name="timeZone" label={t('estate.timeZone')} rules={required}>
          <Select showSearch options={zones} />
        </Form.Item>
      </Col>
      <Col xs={24} md={create ? 24 : 5}>
        <Form.Item name="address" label={t('estate.address')}>
          <Input maxLength={200} />
        </Form.Item>
      </Col>
    </Row>
  );
}

function EstateInfoCard({ estate, canEdit }: { estate: Estate; canEdit: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EstateValues>();
  const client = useQueryClient();
  const save = useSave();
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    let v: EstateValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await save(
      () =>
        patchEstate(estate.id, {
          version: estate.version,
          name: v.name!.trim(),
          type: v.type,
          address: v.address?.trim() || null,
          timeZone: v.timeZone,
        }),
      { form, success: t('structure.saved'), onConflict: () => refreshStructure(client) },
    );
    setSaving(false);
    if (done) refreshStructure(client);
  };

  return (
    <Card title={t('estate.info')} size="small" className="unit-file-card" data-testid="estate-info">
      <Form<EstateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={!canEdit}
        initialValues={{ ...estate, address: estate.address ?? undefined }}
      >
        <EstateFields />
        {canEdit ? (
          <div className="estate-info-foot">
            <Button type="primary" loading={saving} onClick={submit} data-testid="estate-save">
              {t('structure.save')}
            </Button>
          </div>
        ) : null}
      </Form>
    </Card>
  );
}

function EstateCreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (e: Estate) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm<EstateValues>();
  const client = useQueryClient();
  const save = useSave();
  const [saving, setSaving] = useState(false);
  const submit = async () => {
    let v: EstateValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await save(
      () =>
        createEstate({
          name: v.name!.trim(),
          code: v.code?.trim() || undefined,
          type: v.type!,
          address: v.address?.trim() || undefined,
          timeZone: v.timeZone!,
        }),
      { form },
    );
    setSaving(false);
    if (!done) return;
    refreshStructure(client);
    onCreated(done);
    onClose();
  };
  return (
    <Modal
      open
      title={t('estate.createTitle')}
      okText={t('structure.save')}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={620}
    >
      <Form<EstateValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={{ type: 'residential', timeZone: 'Asia/Shanghai' }}
      >
        <EstateFields create />
      </Form>
    </Modal>
  );
}

// ---- buildings ----------------------------------------------------------------------------------

type BuildingValues = { name?: string; floors?: number; sort?: number };

function BuildingsCard({ estateId, canEdit }: { estateId: string; canEdit: boolean }) {
  const { t } = useI18n();
  const buildings = useBuildings(estateId);
  const [editing, setEditing] = useState<{ building?: Building } | null>(null);
  const list = buildings.data?.items ?? [];
  return (
    <Card
      title={t('estate.buildings')}
      size="small"
      className="unit-file-card"
      data-testid="estate-buildings"
      extra={
        canEdit ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="building-add"
          >
            {t('estate.addBuilding')}
          </Button>
        ) : null
      }
    >
      {buildings.isError ? <QueryError error={buildings.error} onRetry={() => buildings.refetch()} /> : null}
      <Table<Building>
        rowKey="id"
        size="small"
        loading={buildings.isPending}
        dataSource={list}
        pagination={list.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('estate.noBuildings')} />,
        }}
        columns={[
          { title: t('estate.buildingName'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
          { title: t('estate.floors'), dataIndex: 'floors', width: 80, align: 'right' },
          { title: t('estate.unitCount'), dataIndex: 'unitCount', width: 90, align: 'right' },
          { title: t('estate.sort'), dataIndex: 'sort', width: 70, align: 'right' },
          ...(canEdit
            ? [
                {
                  title: t('structure.actions'),
                  key: 'actions',
                  width: 80,
                  render: (_: unknown, b: Building) => (
                    <Button type="link" size="small" onClick={() => setEditing({ building: b })}>
                      {t('structure.edit')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {editing ? (
        <BuildingModal estateId={estateId} building={editing.building} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

function BuildingModal({
  estateId,
  building,
  onClose,
}: {
  estateId: string;
  building?: Building;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const [form] = Form.useForm<BuildingValues>();
  const client = useQueryClient();
  const save = useSave();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('units.required') }];
  const submit = async () => {
    let v: BuildingValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await save(
      () =>
        building
          ? patchBuilding(building.id, {
              version: building.version,
              name: v.name!.trim(),
              floors: v.floors,
              sort: v.sort,
            })
          : createBuilding(estateId, { name: v.name!.trim(), floors: v.floors!, sort: v.sort ?? undefined }),
      {
        form,
        success: t('structure.saved'),
        onConflict: () => {
          refreshStructure(client);
          onClose();
        },
      },
    );
    setSaving(false);
    if (!done) return;
    refreshStructure(client);
    onClose();
  };
  return (
    <Modal
      open
      title={t('estate.buildingTitle')}
      okText={t('structure.save')}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={480}
    >
      <Form<BuildingValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={building ?? { floors: 18 }}
      >
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t('estate.buildingName')} rules={required}>
              <Input maxLength={30} placeholder="7栋" data-testid="building-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item
              name="floors"
              label={t('estate.floors')}
              rules={required}
              extra={building?.topUnitFloor ? `≥ ${building.topUnitFloor}` : undefined}
            >
              <InputNumber
                min={1}
                max={200}
                precision={0}
                style={{ width: '100%' }}
                data-testid="building-floors"
              />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="sort" label={t('estate.sort')}>
              <InputNumber min={0} max={9999} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}

// ---- public locations ---------------------------------------------------------------------------

type LocationValues = { name?: string; kind?: LocationKind };

function LocationsCard({ estateId, canEdit }: { estateId: string; canEdit: boolean }) {
  const { t, label } = useI18n();
  const locations = useAllLocations(estateId);
  const client = useQueryClient();
  const save = useSave();
  const [editing, setEditing] = useState<{ location?: Location } | null>(null);
  const list = locations.data?.items ?? [];

  const setRetired = async (l: Location, retired: boolean) => {
    await save(() => patchLocation(l.id, { version: l.version, retired }), {
      success: t('structure.saved'),
      onConflict: () => refreshStructure(client),
    });
    refreshStructure(client);
  };

  return (
    <Card
      title={t('estate.locations')}
      size="small"
      className="unit-file-card"
      data-testid="estate-locations"
      extra={
        canEdit ? (
          <Button
            size="small"
            icon={<PlusOutlined />}
            onClick={() => setEditing({})}
            data-testid="location-add"
          >
            {t('estate.addLocation')}
          </Button>
        ) : null
      }
    >
      {locations.isError ? <QueryError error={locations.error} onRetry={() => locations.refetch()} /> : null}
      <Table<Location>
        rowKey="id"
        size="small"
        loading={locations.isPending}
        dataSource={list}
        pagination={list.length > 15 ? { pageSize: 15, size: 'small', showSizeChanger: false } : false}
        rowClassName={(l) => (l.retiredAt ? 'row-retired' : '')}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('estate.noLocations')} />,
        }}
        columns={[
          { title: t('estate.locationName'), dataIndex: 'name', render: (v: string) => <strong>{v}</strong> },
          {
            title: t('estate.locationKind'),
            dataIndex: 'kind',
            width: 130,
            render: (v: LocationKind) => label(LOCATION_KIND_LABELS, v),
          },
          {
            title: t('estate.locationState'),
            dataIndex: 'retiredAt',
            width: 90,
            render: (v: string | null) =>
              v ? (
                <Tag bordered={false}>{t('estate.retired')}</Tag>
              ) : (
                <Tag color="green" bordered={false}>
                  {t('estate.inUse')}
                </Tag>
              ),
          },
          ...(canEdit
            ? [
                {
                  title: t('structure.actions'),
                  key: 'actions',
                  width: 130,
                  render: (_: unknown, l: Location) => (
                    <Space size={0}>
                      <Button type="link" size="small" onClick={() => setEditing({ location: l })}>
                        {t('structure.edit')}
                      </Button>
                      {l.retiredAt ? (
                        <Button type="link" size="small" onClick={() => setRetired(l, false)}>
                          {t('estate.restore')}
                        </Button>
                      ) : (
                        <Popconfirm
                          title={t('estate.retiredHint')}
                          okText={t('estate.retire')}
                          cancelText={t('structure.cancel')}
                          onConfirm={() => setRetired(l, true)}
                        >
                          <Button type="link" size="small" danger data-testid={`location-retire-${l.name}`}>
                            {t('estate.retire')}
                          </Button>
                        </Popconfirm>
                      )}
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
      <Typography.Text type="secondary" className="small">
        {t('estate.retiredHint')}
      </Typography.Text>
      {editing ? (
        <LocationModal estateId={estateId} location={editing.location} onClose={() => setEditing(null)} />
      ) : null}
    </Card>
  );
}

function LocationModal({
  estateId,
  location,
  onClose,
}: {
  estateId: string;
  location?: Location;
  onClose: () => void;
}) {
  const { t, label } = useI18n();
  const [form] = Form.useForm<LocationValues>();
  const client = useQueryClient();
  const save = useSave();
  const [saving, setSaving] = useState(false);
  const required = [{ required: true, message: t('units.required') }];
  const submit = async () => {
    let v: LocationValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    const done = await save(
      () =>
        location
          ? patchLocation(location.id, { version: location.version, name: v.name!.trim(), kind: v.kind })
          : createLocation(estateId, { name: v.name!.trim(), kind: v.kind! }),
      {
        form,
        success: t('structure.saved'),
        onConflict: () => {
          refreshStructure(client);
          onClose();
        },
      },
    );
    setSaving(false);
    if (!done) return;
    refreshStructure(client);
    onClose();
  };
  return (
    <Modal
      open
      title={t('estate.locationTitle')}
      okText={t('structure.save')}
      cancelText={t('structure.cancel')}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={480}
    >
      {location?.retiredAt ? (
        <Alert type="info" showIcon message={t('estate.retiredHint')} style={{ marginBottom: 12 }} />
      ) : null}
      <Form<LocationValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        initialValues={location ?? { kind: 'lift' }}
      >
        <Row gutter={16}>
          <Col span={14}>
            <Form.Item name="name" label={t('estate.locationName')} rules={required}>
              <Input maxLength={50} placeholder="3号电梯" />
            </Form.Item>
          </Col>
          <Col span={10}>
            <Form.Item name="kind" label={t('estate.locationKind')} rules={required}>
              <Select
                options={LOCATION_KINDS.map((k) => ({ value: k, label: label(LOCATION_KIND_LABELS, k) }))}
              />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
