/**
 * 一户一档: everything the office keeps about one unit on one page — its facts and status history,
 * its people (phones masked), keys, meters, move-ins, decorations, requests and complaints, visits,
 * callbacks and documents. One read (GET /api/units/:id/file); the front office records keys, meters, move-ins,
 * decorations and documents here, the management also edits the unit.
 */
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import {
  ARREARS_READ_ROLES,
  GRADE_LABELS,
  type Grade,
  RELATION_LABELS,
  UNIT_STATUS_LABELS,
  UNIT_USE_LABELS,
  type UnitStatus,
} from '@wuye/contracts';
import {
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  List,
  Result,
  Row,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import type { Building } from '../../../shared/api/types';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { RequestStateTag, RequestTypeTag } from '../../../shared/ui/RequestTags';
import { UnitArrearsFact } from '../../arrears/components/UnitArrearsFact';
import { SATISFACTION_COLORS, SATISFACTION_KEYS } from '../../requests/lib/labels';
import { DecorationsCard } from '../components/file/DecorationsCard';
import { DocumentsCard } from '../components/file/DocumentsCard';
import { KeysCard } from '../components/file/KeysCard';
import { MetersCard } from '../components/file/MetersCard';
import { MoveInsCard } from '../components/file/MoveInsCard';
import { VisitsCard } from '../components/file/VisitsCard';
import { UnitFormModal } from '../components/UnitFormModal';
import { STRUCTURE_EDITORS, UNIT_FILE_EDITORS } from '../lib/roles';
import { type UnitFile, useBuildings, useUnitFile } from '../units.api';
import { UNIT_STATUS_COLORS } from './UnitsPage';
import '../units.css';

const GRADE_COLORS: Record<Grade, string> = { A: 'gold', B: 'blue', C: 'default', D: 'volcano' };

export default function UnitFilePage() {
  const { id } = useParams<{ id: string }>();
  const { t } = useI18n();
  const file = useUnitFile(id);

  if (file.isPending) return <Skeleton active paragraph={{ rows: 12 }} />;
  if (file.isError) {
    if (isApiError(file.error) && file.error.status === 404)
      return (
        <Result
          status="404"
          title={t('unitFile.notFound')}
          extra={
            <Link to="/units">
              <Button>{t('unitFile.back')}</Button>
            </Link>
          }
        />
      );
    return <QueryError error={file.error} onRetry={() => file.refetch()} />;
  }
  return <UnitFileView file={file.data} />;
}

function UnitFileView({ file }: { file: UnitFile }) {
  const { t, label } = useI18n();
  const user = useCurrentUser();
  const canEditUnit = user.roles.some((r) => STRUCTURE_EDITORS.includes(r));
  const canEditFile = user.roles.some((r) => UNIT_FILE_EDITORS.includes(r));
  const readsArrears = user.roles.some((r) => ARREARS_READ_ROLES.includes(r));
  const [editing, setEditing] = useState(false);
  const buildings = useBuildings(canEditUnit ? file.unit.estateId : undefined);
  const { unit } = file;
  // Keys out with someone who is not a resident (a decoration lead, a contractor): to come back.
  const keysOut = file.keys.filter((k) => !k.returnedAt && !k.holderResidentId).length;

  return (
    <div className="unit-file" data-testid="unit-file">
      <PageHeader
        title={t('unitFile.title', { label: unit.label })}
        subtitle={`${unit.estateName} · ${unit.buildingName} · ${t('units.floors', { n: unit.buildingFloors })}`}
        extra={
          <Space wrap>
            <Link to={`/units?building=${encodeURIComponent(unit.buildingId)}`} className="back-link">
              <ArrowLeftOutlined /> {t('unitFile.back')}
            </Link>
            {canEditUnit ? (
              <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="unit-file-edit">
                {t('structure.edit')}
              </Button>
            ) : null}
          </Space>
        }
      />
      {editing ? (
        <UnitFormModal
          estateId={unit.estateId}
          buildings={
            buildings.data?.items ??
            ([{ id: unit.buildingId, name: unit.buildingName, floors: unit.buildingFloors }] as Building[])
          }
          unit={unit}
          onClose={() => setEditing(false)}
        />
      ) : null}

      <Card className="unit-file-summary" size="small">
        <div className="unit-file-heading">
          <span className="unit-file-label">{unit.label}</span>
          <Tag color={UNIT_STATUS_COLORS[unit.status]} data-testid="unit-file-status">
            {label(UNIT_STATUS_LABELS, unit.status)}
          </Tag>
          <Tag bordered={false}>{label(UNIT_USE_LABELS, unit.use)}</Tag>
        </div>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 4, xl: 4, xxl: 4 }}
          className="unit-file-facts"
        >
          <Descriptions.Item label={t('unitFile.estate')}>{unit.estateName}</Descriptions.Item>
          <Descriptions.Item label={t('units.building')}>{unit.buildingName}</Descriptions.Item>
          <Descriptions.Item label={t('units.floor')}>{unit.floor}</Descriptions.Item>
          <Descriptions.Item label={t('units.area')}>
            {unit.areaM2 === null ? t('common.none') : unit.areaM2.toFixed(2)}
          </Descriptions.Item>
          {readsArrears ? (
            <Descriptions.Item label={t('arrears.unit.label')} span="filled">
              <UnitArrearsFact
                arrears={file.arrears}
                estateId={unit.estateId}
                buildingId={unit.buildingId}
                unitNumber={unit.number}
              />
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        <div className="unit-file-stats">
          <Stat value={file.people.length} label={t('unitFile.people')} />
          <Stat value={keysOut} label={t('unitFile.keysOut')} warn={keysOut > 0} />
          <Stat value={file.requests.open} label={t('unitFile.openRequests')} warn={file.requests.open > 0} />
          <Stat
            value={file.requests.complaints}
            label={t('unitFile.complaints')}
            warn={file.requests.complaints > 0}
          />
        </div>
      </Card>

      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <PeopleCard file={file} />
        </Col>
        <Col xs={24} xl={12}>
          <StatusHistoryCard file={file} />
        </Col>
        <Col span={24}>
          <KeysCard file={file} canEdit={canEditFile} />
        </Col>
        <Col xs={24} xl={12}>
          <MetersCard file={file} canEdit={canEditFile} />
        </Col>
        <Col xs={24} xl={12}>
          <MoveInsCard file={file} canEdit={canEditFile} />
        </Col>
        <Col span={24}>
          <DecorationsCard file={file} canEdit={canEditFile} />
        </Col>
        <Col span={24}>
          <RequestsCard file={file} />
        </Col>
        <Col span={24}>
          <VisitsCard file={file} canRecord={canEditFile} />
        </Col>
        <Col xs={24} xl={14}>
          <CallbacksCard file={file} />
        </Col>
        <Col xs={24} xl={10}>
          <DocumentsCard file={file} canEdit={canEditFile} />
        </Col>
      </Row>
    </div>
  );
}

function StatusHistoryCard({ file }: { file: UnitFile }) {
  const { t, label } = useI18n();
  return (
    <Card
      title={t('unitFile.statusHistory')}
      size="small"
      className="unit-file-card"
      data-testid="unit-status-history"
    >
      {file.statusHistory.length === 0 ? (
        <Typography.Text type="secondary">{t('unitFile.noStatusHistory')}</Typography.Text>
      ) : (
        <Timeline
          className="unit-file-timeline"
          items={file.statusHistory.map((h) => ({
            color: 'blue',
            children: (
              <div>
                <strong>
                  {t('unitFile.statusChange', {
                    from: label(UNIT_STATUS_LABELS, h.from as UnitStatus),
                    to: label(UNIT_STATUS_LABELS, h.to as UnitStatus),
                  })}
                </strong>
                <div className="muted small">
                  {formatDateTime(h.at, file.timeZone)} · {h.byName ?? t('common.none')}
                </div>
                {h.note ? <div className="small">{h.note}</div> : null}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}

function Stat({ value, label, warn }: { value: number; label: string; warn?: boolean }) {
  return (
    <div className={`unit-file-stat${warn ? ' warn' : ''}`}>
      <span className="unit-file-stat-value">{value}</span>
      <span className="unit-file-stat-label">{label}</span>
    </div>
  );
}

function PeopleCard({ file }: { file: UnitFile }) {
  const { t, label } = useI18n();
  return (
    <Card title={t('unitFile.people')} size="small" className="unit-file-card" data-testid="unit-people">
      {file.people.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('unitFile.noPeople')}
          className="unit-file-empty"
        />
      ) : (
        <List
          size="small"
          dataSource={file.people}
          renderItem={(p) => (
            <List.Item>
              <div className="unit-person">
                <div className="unit-person-name">
                  <Link to={`/residents/${p.residentId}`} data-testid="unit-person-link">
                    <strong>{p.name}</strong>
                  </Link>
                  <Tag bordered={false} color={p.relation === 'owner' ? 'blue' : undefined}>
                    {label(RELATION_LABELS, p.relation)}
                  </Tag>
                  <Tag color={GRADE_COLORS[p.grade]}>{label(GRADE_LABELS, p.grade)}</Tag>
                </div>
                <div className="unit-person-meta">
                  <span className="unit-person-phones">{p.phones.join('、') || t('common.none')}</span>
                  {p.since ? (
                    <span className="muted small">{t('unitFile.since', { date: p.since })}</span>
                  ) : null}
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

function RequestsCard({ file }: { file: UnitFile }) {
  const { t } = useI18n();
  const r = file.requests;
  return (
    <Card
      title={t('unitFile.requests')}
      size="small"
      className="unit-file-card"
      data-testid="unit-requests"
      extra={
        <Typography.Text type="secondary" className="small">
          {t('unitFile.requestCounts', { total: r.total, open: r.open, complaints: r.complaints })}
          {r.total > r.items.length ? ` · ${t('unitFile.moreRequests', { n: r.items.length })}` : ''}
        </Typography.Text>
      }
    >
      {r.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('unitFile.noRequests')}
          className="unit-file-empty"
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          dataSource={r.items}
          pagination={r.items.length > 10 ? { pageSize: 10, size: 'small', showSizeChanger: false } : false}
          scroll={{ x: 760 }}
          columns={[
            {
              title: t('request.number'),
              dataIndex: 'number',
              width: 160,
              render: (v: string, row) => <Link to={`/requests/${encodeURIComponent(row.id)}`}>{v}</Link>,
            },
            {
              title: t('request.type'),
              dataIndex: 'type',
              width: 100,
              render: (v) => <RequestTypeTag type={v} />,
            },
            {
              title: t('request.state'),
              dataIndex: 'state',
              width: 100,
              render: (v) => <RequestStateTag state={v} />,
            },
            { title: t('request.description'), dataIndex: 'description', ellipsis: true },
            {
              title: t('unitFile.receivedAt'),
              dataIndex: 'receivedAt',
              width: 150,
              render: (v: string) => formatDateTime(v, file.timeZone),
            },
          ]}
        />
      )}
    </Card>
  );
}

function CallbacksCard({ file }: { file: UnitFile }) {
  const { t } = useI18n();
  const c = file.callbacks;
  return (
    <Card
      title={t('unitFile.callbacks')}
      size="small"
      className="unit-file-card"
      data-testid="unit-callbacks"
      extra={
        <Typography.Text type="secondary" className="small">
          {t('common.total', { total: c.total })}
        </Typography.Text>
      }
    >
      {c.items.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          description={t('unitFile.noCallbacks')}
          className="unit-file-empty"
        />
      ) : (
        <Table
          rowKey="id"
          size="small"
          dataSource={c.items}
          pagination={c.items.length > 8 ? { pageSize: 8, size: 'small', showSizeChanger: false } : false}
          scroll={{ x: 560 }}
          columns={[
            {
              title: t('unitFile.calledAt'),
              dataIndex: 'at',
              width: 140,
              render: (v: string) => formatDateTime(v, file.timeZone),
            },
            {
              title: t('request.number'),
              dataIndex: 'requestNumber',
              width: 150,
              render: (v: string, row) => (
                <Link to={`/requests/${encodeURIComponent(row.requestId)}`}>{v}</Link>
              ),
            },
            { title: t('unitFile.calledBy'), dataIndex: 'byName', width: 90 },
            {
              title: t('unitFile.callbackResult'),
              key: 'result',
              render: (_: unknown, row) =>
                row.reached ? (
                  <Space size={4} wrap>
                    {row.satisfaction ? (
                      <Tag color={SATISFACTION_COLORS[row.satisfaction]} bordered={false}>
                        {t(SATISFACTION_KEYS[row.satisfaction])}
                      </Tag>
                    ) : (
                      <Tag bordered={false}>{t('unitFile.reached')}</Tag>
                    )}
                    {row.comment ? <span className="small">{row.comment}</span> : null}
                  </Space>
                ) : (
                  <Tag color="orange" bordered={false}>
                    {t('unitFile.notReached')}
                  </Tag>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
