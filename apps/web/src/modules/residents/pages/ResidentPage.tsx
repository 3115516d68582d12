/**
 * 住户档案: one person — profile with masked numbers (「查看」 for the roles that may, each view recorded),
 * units and relations, the owners' letters, and (staff only) the grade with its history.
 */
import {
  ArrowLeftOutlined,
  EditOutlined,
  FilePdfOutlined,
  LockOutlined,
  PlusOutlined,
  RiseOutlined,
} from '@ant-design/icons';
import {
  GENDER_LABELS,
  GRADE_LABELS,
  RELATION_LABELS,
  RESIDENT_FILE_ROLES,
  RESIDENT_PATCH_ROLES,
  RESIDENT_REVEAL_ROLES,
  type Role,
  SEGMENT_LABELS,
} from '@wuye/contracts';
import {
  Alert,
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
  Tooltip,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useEstate } from '../../../app/estate/EstateProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { isApiError } from '../../../shared/api/client';
import { formatDateTime } from '../../../shared/format';
import { PageHeader } from '../../../shared/ui/PageHeader';
import { QueryError } from '../../../shared/ui/QueryError';
import { VipCardSection } from '../../vip/components/VipCardSection';
import { GradeDialog } from '../components/GradeDialog';
import { LetterDialog } from '../components/LetterDialog';
import { AddRelationDialog, EndRelationDialog } from '../components/RelationDialogs';
import { ResidentForm } from '../components/ResidentForm';
import { RevealButton } from '../components/RevealButton';
import { type ResidentDetail, revealResidentField, useResident } from '../residents.api';
import { AUTHORISED_RELATIONS, GRADE_COLORS, LETTER_STATUS_COLORS } from '../residents.labels';
import '../residents.css';

const can = (roles: readonly Role[], list: readonly Role[]) => roles.some((r) => list.includes(r));

export default function ResidentPage() {
  const { id } = useParams();
  const { t } = useI18n();
  const query = useResident(id);
  if (query.isPending)
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  if (!query.data) {
    if (isApiError(query.error) && query.error.status === 404)
      return (
        <Result
          status="404"
          title={t('resident.notFound')}
          extra={
            <Link to="/residents">
              <Button>{t('resident.back')}</Button>
            </Link>
          }
        />
      );
    return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  }
  return <ResidentView resident={query.data} reload={() => void query.refetch()} />;
}

function ResidentView({ resident, reload }: { resident: ResidentDetail; reload: () => void }) {
  const { t, label } = useI18n();
  const user = useCurrentUser();
  const { estates } = useEstate();
  const timeZone = estates.find((e) => e.id === resident.estateId)?.timeZone;
  const [editing, setEditing] = useState(false);
  const [grading, setGrading] = useState(false);
  const [relating, setRelating] = useState(false);
  const [ending, setEnding] = useState<ResidentDetail['units'][number] | null>(null);
  const [lettering, setLettering] = useState(false);
  const mayReveal = can(user.roles, RESIDENT_REVEAL_ROLES);
  const mayPatch = can(user.roles, RESIDENT_PATCH_ROLES);
  const mayFile = can(user.roles, RESIDENT_FILE_ROLES);
  const none = <span className="muted">{t('common.none')}</span>;
  const actsForOwner = resident.units.some((u) =>
    (AUTHORISED_RELATIONS as readonly string[]).includes(u.relation),
  );

  const profile: { key: string; label: ReactNode; children: ReactNode; span?: number }[] = [
    {
      key: 'phones',
      label: t('resident.phones'),
      span: 2,
      children: resident.phones.length ? (
        <Space direction="vertical" size={2}>
          {resident.phones.map((p, i) => (
            <RevealButton
              // biome-ignore lint/suspicious/noArrayIndexKey: a phone is known by its position (the reveal asks for index i)
              key={`${resident.version}-${i}`}
              masked={p}
              allowed={mayReveal}
              reveal={() => revealResidentField(resident.id, 'phone', i)}
              testId={`reveal-phone-${i}`}
            />
          ))}
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'idNumber',
      label: t('resident.idNumber'),
      span: 2,
      children: resident.idNumber ? (
        <RevealButton
          masked={resident.idNumber}
          allowed={mayReveal}
          phone={false}
          reveal={() => revealResidentField(resident.id, 'idNumber')}
          testId="reveal-id"
        />
      ) : (
        none
      ),
    },
    {
      key: 'gender',
      label: t('resident.gender'),
      children: resident.gender ? label(GENDER_LABELS, resident.gender) : none,
    },
    { key: 'birthday', label: t('resident.birthday'), children: resident.birthday ?? none },
    {
      key: 'segment',
      label: t('resident.segment'),
      children: resident.segment ? label(SEGMENT_LABELS, resident.segment) : none,
    },
    { key: 'moveIn', label: t('resident.moveInDate'), children: resident.moveInDate ?? none },
    {
      key: 'vehicles',
      label: t('resident.vehicles'),
      span: 2,
      children: resident.vehicles.length ? (
        <Space size={[4, 4]} wrap>
          {resident.vehicles.map((v) => (
            <Tag key={v} className="plate">
              {v}
            </Tag>
          ))}
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'emergency',
      label: t('resident.emergency'),
      span: 2,
      children: resident.emergencyContact ? (
        <Space size={8} wrap>
          <span>{resident.emergencyContact.name}</span>
          {resident.emergencyContact.relation ? (
            <span className="muted">（{resident.emergencyContact.relation}）</span>
          ) : null}
          <RevealButton
            masked={resident.emergencyContact.phone}
            allowed={mayReveal}
            reveal={() => revealResidentField(resident.id, 'emergencyPhone')}
            testId="reveal-emergency"
          />
        </Space>
      ) : (
        none
      ),
    },
    {
      key: 'notes',
      label: (
        <Space size={4}>
          {t('resident.notes')}
          <Tooltip title={t('resident.staffOnly')}>
            <LockOutlined className="muted" />
          </Tooltip>
        </Space>
      ),
      span: 2,
      children: resident.notes ? <span className="pre-wrap">{resident.notes}</span> : none,
    },
  ];

  return (
    <div className="resident-page">
      <PageHeader
        title={t('resident.title', { name: resident.name })}
        subtitle={
          <Link to="/residents" className="back-link">
            <ArrowLeftOutlined /> {t('resident.back')}
          </Link>
        }
        extra={
          mayPatch ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="resident-edit">
              {t('resident.edit')}
            </Button>
          ) : null
        }
      />

      <Card className="resident-summary">
        <div className="resident-heading">
          <span className="resident-name" data-testid="resident-name">
            {resident.name}
          </span>
          <Tag color={GRADE_COLORS[resident.grade]} data-testid="resident-grade" data-grade={resident.grade}>
            {label(GRADE_LABELS, resident.grade)}
          </Tag>
          {resident.units.map((u) => (
            <Tag key={u.unitId} bordered={false}>
              <Link to={`/units/${u.unitId}`}>{u.unitLabel}</Link>
              <span className="muted"> · {label(RELATION_LABELS, u.relation)}</span>
            </Tag>
          ))}
          <Typography.Text type="secondary">{resident.estateName}</Typography.Text>
        </div>
        {resident.grade === 'D' ? (
          <Alert type="warning" showIcon message={t('resident.dWarning')} style={{ marginTop: 12 }} />
        ) : null}
        {resident.grade === 'A' ? (
          <Alert type="info" showIcon message={t('resident.aInfo')} style={{ marginTop: 12 }} />
        ) : null}
      </Card>

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={16}>
          <Card
            title={t('resident.profile')}
            extra={
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {resident.updatedAt
                  ? t('resident.version', {
                      version: resident.version,
                      time: formatDateTime(resident.updatedAt, timeZone),
                    })
                  : t('resident.created', { time: formatDateTime(resident.createdAt, timeZone) })}
              </Typography.Text>
            }
          >
            <Descriptions
              column={{ xs: 1, sm: 2, md: 2, lg: 2, xl: 2, xxl: 2 }}
              size="small"
              items={profile}
              className="resident-info"
            />
          </Card>

          <Card
            title={t('resident.units')}
            style={{ marginTop: 16 }}
            extra={
              mayFile ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setRelating(true)}
                  data-testid="relation-add"
                >
                  {t('resident.addRelation')}
                </Button>
              ) : null
            }
          >
            <Table
              rowKey="unitId"
              size="small"
              pagination={false}
              dataSource={resident.units}
              locale={{
                emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resident.noUnits')} />,
              }}
              columns={[
                {
                  title: t('resident.unit'),
                  dataIndex: 'unitLabel',
                  // The unit's file (一户一档): its requests, keys, visits and the rest of the household.
                  render: (v: string, u) => (
                    <Link to={`/units/${u.unitId}`} data-testid="resident-unit-link">
                      <strong>{v}</strong>
                    </Link>
                  ),
                },
                {
                  title: t('resident.relation'),
                  dataIndex: 'relation',
                  render: (r: ResidentDetail['units'][number]['relation']) => label(RELATION_LABELS, r),
                },
                { title: t('resident.since'), dataIndex: 'since', render: (v: string | null) => v ?? none },
                ...(mayFile
                  ? [
                      {
                        key: 'end',
                        width: 100,
                        render: (_: unknown, u: ResidentDetail['units'][number]) => (
                          <Button size="small" type="link" danger onClick={() => setEnding(u)}>
                            {t('resident.endRelation')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
            {resident.pastUnits.length ? (
              <div className="resident-past">
                <Typography.Text type="secondary">{t('resident.pastUnits')}</Typography.Text>
                <List
                  size="small"
                  dataSource={resident.pastUnits}
                  renderItem={(p) => (
                    <List.Item>
                      <Space size={8} wrap>
                        <span>{p.unitLabel}</span>
                        <Tag bordered={false}>{label(RELATION_LABELS, p.relation)}</Tag>
                        <span className="muted">
                          {t('resident.pastUnit', { since: p.since ?? '…', ended: p.endedOn })}
                        </span>
                        {p.reason ? <span className="muted">· {p.reason}</span> : null}
                      </Space>
                    </List.Item>
                  )}
                />
              </div>
            ) : null}
          </Card>

          <Card
            title={t('resident.letters')}
            style={{ marginTop: 16 }}
            extra={
              mayFile && actsForOwner ? (
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setLettering(true)}
                  data-testid="letter-add"
                >
                  {t('resident.addLetter')}
                </Button>
              ) : null
            }
          >
            <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
              {t('resident.letterHint')}
            </Typography.Paragraph>
            {resident.authorisations.length ? (
              <List
                dataSource={resident.authorisations}
                renderItem={(a) => (
                  <List.Item
                    data-testid="letter"
                    actions={[
                      <a key="file" href={a.file.url} target="_blank" rel="noopener">
                        <FilePdfOutlined /> {a.file.name}
                      </a>,
                    ]}
                  >
                    <List.Item.Meta
                      title={
                        <Space size={8} wrap>
                          <Tag color={LETTER_STATUS_COLORS[a.status]}>{t(`resident.letter.${a.status}`)}</Tag>
                          <span>{a.unitLabel}</span>
                          <span className="muted">
                            {t('resident.letterOwner')}：{a.ownerName}
                          </span>
                        </Space>
                      }
                      description={
                        <Space size={12} wrap>
                          <span>
                            {t('resident.letterPeriod')}：{a.validFrom} ~ {a.validUntil}
                          </span>
                          {a.note ? <span>{a.note}</span> : null}
                          <span className="muted">
                            {t('resident.letterBy', {
                              name: a.createdByName ?? '',
                              time: formatDateTime(a.createdAt, timeZone),
                            })}
                          </span>
                        </Space>
                      }
                    />
                  </List.Item>
                )}
              />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('resident.noLetters')} />
            )}
          </Card>
        </Col>

        <Col xs={24} xl={8}>
          <Card
            title={
              <Space size={6}>
                {t('resident.grade')}
                <Tag icon={<LockOutlined />} bordered={false}>
                  {t('resident.staffOnly')}
                </Tag>
              </Space>
            }
            extra={
              mayPatch ? (
                <Button
                  size="small"
                  icon={<RiseOutlined />}
                  onClick={() => setGrading(true)}
                  data-testid="grade-change"
                >
                  {t('resident.changeGrade')}
                </Button>
              ) : null
            }
          >
            <div className="resident-grade-now">
              <Tag color={GRADE_COLORS[resident.grade]} className="resident-grade-tag">
                {label(GRADE_LABELS, resident.grade)}
              </Tag>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t(`resident.gradeHelp.${resident.grade}`)}
              </Typography.Text>
            </div>
            <Descriptions
              size="small"
              column={1}
              items={[
                {
                  key: 'vip',
                  label: t('resident.vipCard'),
                  children: resident.vipCard ? (
                    <span className="mono">
                      {resident.vipCard.number} · {resident.vipCard.validUntil}
                    </span>
                  ) : (
                    <span className="muted">{t('resident.noVipCard')}</span>
                  ),
                },
              ]}
            />
            <Typography.Title level={5} style={{ marginTop: 8 }}>
              {t('resident.gradeHistory')}
            </Typography.Title>
            {resident.gradeHistory.length ? (
              <Timeline
                data-testid="grade-history"
                items={[...resident.gradeHistory].reverse().map((g) => ({
                  color: GRADE_COLORS[g.to] === 'default' ? 'gray' : GRADE_COLORS[g.to],
                  children: (
                    <div>
                      <Space size={4}>
                        {g.from ? <Tag>{g.from}</Tag> : null}→<Tag color={GRADE_COLORS[g.to]}>{g.to}</Tag>
                      </Space>
                      <div className="resident-grade-reason">{g.reason}</div>
                      <div className="muted" style={{ fontSize: 12 }}>
                        {t('resident.gradeBy', {
                          name: g.byName ?? '',
                          time: formatDateTime(g.at, timeZone),
                        })}
                      </div>
                    </div>
                  ),
                }))}
              />
            ) : (
              <Typography.Text type="secondary">{t('resident.noGradeHistory')}</Typography.Text>
            )}
          </Card>
          <VipCardSection resident={resident} timeZone={timeZone} />
        </Col>
      </Row>

      <ResidentForm
        open={editing}
        resident={resident}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
        onConflict={reload}
      />
      <GradeDialog resident={resident} open={grading} onClose={() => setGrading(false)} onConflict={reload} />
      <AddRelationDialog resident={resident} open={relating} onClose={() => setRelating(false)} />
      <EndRelationDialog resident={resident} relation={ending} onClose={() => setEnding(null)} />
      <LetterDialog resident={resident} open={lettering} onClose={() => setLettering(false)} />
    </div>
  );
}
