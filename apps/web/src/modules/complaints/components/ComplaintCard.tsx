/**
 * 投诉记录 on a complaint's page: the record (投诉记录表), class, grade with its source and history, flags,
 * the responsible people of the matrix, the agreed reply time and answer, same-issue links (proposals to
 * confirm or dismiss) and the collective event. Supervisors class, grade and record the contact here.
 */
import { COMPLAINT_RULE_LABELS, type ComplaintGrade, type GradeRule, type Role } from '@wuye/contracts';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Form,
  Input,
  List,
  Modal,
  Radio,
  Select,
  Space,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime } from '../../../shared/format';
import { useRequestAction } from '../../requests/components/useRequestAction';
import { RESULT_METHOD_KEYS } from '../../requests/lib/labels';
import type { RequestDetail } from '../../requests/requests.api';
import { linkComplaint, patchComplaint, unlinkComplaint } from '../complaints.api';
import { CaseButton } from './CaseDialog';
import { MemoChain } from './MemoChain';
import '../complaints.css';
import { GRADE_COLORS, gradeKey, VALIDITY_COLORS, validityKey } from './ComplaintTags';

type Complaint = NonNullable<RequestDetail['complaint']>;
type Validity = NonNullable<Complaint['validity']>;
type Flag = Complaint['flags'][number];

const COMPLAINT_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm'];
const GRADES: readonly ComplaintGrade[] = ['major', 'hot', 'important', 'general'];
const VALIDITIES: readonly Validity[] = ['effective', 'assisted', 'invalid'];
const FLAGS: readonly Flag[] = ['lawsuit', 'media', 'legal_risk'];

const flagKey = (f: Flag) => `complaint.flag.${f}` as MessageKey;
const moodKey = (m: NonNullable<Complaint['mood']>) => `complaint.mood.${m}` as MessageKey;

type Dialog = 'classify' | 'contact' | 'answer' | null;
/** States in which a complaint is handled: the company callback is owed or made (seed 004 第四十二条). */
const HANDLED: readonly string[] = ['done', 'confirmed', 'callback_done', 'closed'];

export function ComplaintCard({ detail, timeZone }: { detail: RequestDetail; timeZone?: string }) {
  const c = detail.complaint;
  const { t, label } = useI18n();
  const user = useCurrentUser();
  const { apply } = useRequestAction();
  const [dialog, setDialog] = useState<Dialog>(null);
  if (!c) return null;
  const may = user.roles.some((r) => COMPLAINT_ROLES.includes(r));
  const open = detail.state !== 'closed' && detail.state !== 'cancelled';
  const none = <span className="muted">{t('common.none')}</span>;
  const ruleLabel = (rule: string) =>
    rule in COMPLAINT_RULE_LABELS ? label(COMPLAINT_RULE_LABELS, rule as GradeRule) : rule;

  const link = (otherId: string) =>
    apply(detail.id, () => linkComplaint(detail.id, { otherId }), { success: t('complaint.linkDone') });
  const unlink = (otherId: string) =>
    apply(detail.id, () => unlinkComplaint(detail.id, otherId), { success: t('complaint.unlinkDone') });

  return (
    <div className="complaint-card" data-testid="complaint-card">
      <Space wrap style={{ marginBottom: 12 }}>
        <Tag color={GRADE_COLORS[c.grade]} data-testid="complaint-grade" data-grade={c.grade}>
          {t(gradeKey(c.grade))}
        </Tag>
        <Typography.Text type="secondary">
          {t(`complaint.gradeSource.${c.gradeSource}` as MessageKey)}
        </Typography.Text>
        {c.validity ? (
          <Tag color={VALIDITY_COLORS[c.validity]} data-testid="complaint-validity">
            {t(validityKey(c.validity))}
          </Tag>
        ) : (
          <Tag data-testid="complaint-validity">{t('complaint.validity.none')}</Tag>
        )}
        {c.flags.map((f) => (
          <Tag key={f} color="magenta">
            {t(flagKey(f))}
          </Tag>
        ))}
        {c.collectiveEventId ? (
          <Link to="/complaints/events" data-testid="complaint-collective">
            <Tag color="red">{t('complaint.collective')}</Tag>
          </Link>
        ) : null}
      </Space>
      {may && open ? (
        <Space wrap style={{ marginBottom: 12 }}>
          <Button type="primary" onClick={() => setDialog('classify')} data-testid="complaint-classify">
            {t('complaint.classify')}
          </Button>
          {c.validity === 'effective' ? (
            <Button onClick={() => setDialog('contact')}>{t('complaint.contact')}</Button>
          ) : null}
          <Button onClick={() => setDialog('answer')}>{t('complaint.answerAction')}</Button>
        </Space>
      ) : null}
      <CaseButton detail={detail} />
      <Descriptions
        column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 1, xxl: 2 }}
        size="small"
        className="request-info"
        items={[
          {
            key: 'eventAt',
            label: t('complaint.eventAt'),
            children: c.eventAt ? formatDateTime(c.eventAt, timeZone) : none,
          },
          { key: 'eventPlace', label: t('complaint.eventPlace'), children: c.eventPlace ?? none },
          { key: 'subjectPerson', label: t('complaint.subjectPerson'), children: c.subjectPerson ?? none },
          {
            key: 'subjectDept',
            label: t('complaint.subjectDepartment'),
            children: c.subjectDepartmentName ?? none,
          },
          { key: 'wants', label: t('complaint.residentWants'), children: c.residentWants ?? none, span: 2 },
          { key: 'mood', label: t('complaint.mood'), children: c.mood ? t(moodKey(c.mood)) : none },
          { key: 'responsible', label: t('complaint.responsible'), children: c.responsibleName ?? none },
          { key: 'supervisor', label: t('complaint.supervisor'), children: c.supervisorName ?? none },
          ...(c.solvingParty
            ? [{ key: 'party', label: t('complaint.solvingParty'), children: c.solvingParty }]
            : []),
          ...(c.validityNote
            ? [{ key: 'note', label: t('complaint.validityNote'), children: c.validityNote, span: 2 }]
            : []),
          ...(c.agreedReplyAt
            ? [
                {
                  key: 'agreed',
                  label: t('complaint.agreedReplyAt'),
                  children: formatDateTime(c.agreedReplyAt, timeZone),
                },
              ]
            : []),
          ...(c.answer
            ? [{ key: 'answer', label: t('complaint.answer'), children: c.answer.text, span: 2 }]
            : []),
          ...(c.result
            ? [
                { key: 'result', label: t('complaint.result'), children: c.result.text, span: 2 },
                {
                  key: 'cause',
                  label: t('complaint.rootCause'),
                  children: c.result.rootCause ?? none,
                  span: 2,
                },
                {
                  key: 'action',
                  label: t('complaint.correctiveAction'),
                  children: c.result.correctiveAction ?? none,
                  span: 2,
                },
              ]
            : []),
          ...(HANDLED.includes(detail.state)
            ? [
                {
                  key: 'companyCallback',
                  label: t('complaint.companyCallback'),
                  span: 2,
                  children: c.companyCallback ? (
                    <span data-testid="complaint-company-callback">
                      {t('complaint.companyCallback.done', {
                        name: c.companyCallback.byName ?? '',
                        at: formatDateTime(c.companyCallback.at, timeZone),
                      })}
                    </span>
                  ) : (
                    <Typography.Text type="warning" data-testid="complaint-company-callback">
                      {t('complaint.companyCallback.due')}
                    </Typography.Text>
                  ),
                },
              ]
            : []),
        ]}
      />

      <Typography.Title level={5} className="complaint-subtitle">
        {t('complaint.links')}
      </Typography.Title>
      {c.links.length === 0 ? (
        <Typography.Text type="secondary">{t('complaint.linksNone')}</Typography.Text>
      ) : (
        <List
          size="small"
          data-testid="complaint-links"
          dataSource={c.links}
          renderItem={(l) => (
            <List.Item
              data-status={l.status}
              actions={
                may && open
                  ? l.status === 'proposed'
                    ? [
                        <Button key="yes" size="small" type="link" onClick={() => link(l.requestId)}>
                          {t('complaint.confirmLink')}
                        </Button>,
                        <Button key="no" size="small" type="link" danger onClick={() => unlink(l.requestId)}>
                          {t('complaint.dismissLink')}
                        </Button>,
                      ]
                    : [
                        <Button key="un" size="small" type="link" onClick={() => unlink(l.requestId)}>
                          {t('complaint.unlink')}
                        </Button>,
                      ]
                  : []
              }
            >
              <List.Item.Meta
                title={
                  <Space size={6} wrap>
                    <Tag color={l.status === 'linked' ? 'blue' : 'orange'}>
                      {t(l.status === 'linked' ? 'complaint.linked' : 'complaint.proposed')}
                    </Tag>
                    <Link to={`/requests/${l.requestId}`} className="mono">
                      {l.number}
                    </Link>
                    <span>{l.unitLabel ?? ''}</span>
                    {l.score !== null ? (
                      <Typography.Text type="secondary">
                        {t('complaint.score', { score: `${Math.round(l.score * 100)}%` })}
                      </Typography.Text>
                    ) : null}
                  </Space>
                }
                description={l.description}
              />
            </List.Item>
          )}
        />
      )}

      {c.gradeHistory.length ? (
        <>
          <Typography.Title level={5} className="complaint-subtitle">
            {t('complaint.history')}
          </Typography.Title>
          <List
            size="small"
            data-testid="complaint-history"
            dataSource={c.gradeHistory}
            renderItem={(h) => (
              <List.Item>
                <Space size={6} wrap>
                  <span className="mono">{formatDateTime(h.at, timeZone)}</span>
                  <span>
                    {h.from ? t(gradeKey(h.from)) : t('common.none')} → <strong>{t(gradeKey(h.to))}</strong>
                  </span>
                  <Typography.Text type="secondary">
                    {h.rule
                      ? t('complaint.historyRule', { rule: ruleLabel(h.rule) })
                      : t('complaint.historyBy', { name: h.byName ?? '', reason: h.reason ?? '' })}
                  </Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </>
      ) : null}

      <MemoChain detail={detail} timeZone={timeZone} />

      <ClassifyDialog open={dialog === 'classify'} detail={detail} onClose={() => setDialog(null)} />
      <ContactDialog open={dialog === 'contact'} detail={detail} onClose={() => setDialog(null)} />
      <AnswerDialog open={dialog === 'answer'} detail={detail} onClose={() => setDialog(null)} />
    </div>
  );
}

type DialogProps = { open: boolean; detail: RequestDetail; onClose: () => void };

function ClassifyDialog({ open, detail, onClose }: DialogProps) {
  const c = detail.complaint!;
  const { t } = useI18n();
  const { apply } = useRequestAction();
  const [form] = Form.useForm();
  const [saving, setSaving] = useState(false);
  const validity = Form.useWatch('validity', form) as Validity | undefined;
  const grade = Form.useWatch('grade', form) as ComplaintGrade | undefined;

  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    const body = {
      version: detail.version,
      validity: v.validity !== c.validity ? v.validity : undefined,
      validityNote: v.validityNote?.trim() || undefined,
      solvingParty: v.solvingParty?.trim() || undefined,
      grade: v.grade !== c.grade ? v.grade : undefined,
      gradeReason: v.gradeReason?.trim() || undefined,
      flags: sameFlags(v.flags, c.flags) ? undefined : v.flags,
      progressNote: v.progressNote?.trim() || undefined,
    };
    const out = await apply(detail.id, () => patchComplaint(detail.id, body), {
      form,
      success: t('complaint.saved'),
    });
    setSaving(false);
    if (out.ok || out.conflict) onClose();
  }

  return (
    <Modal
      open={open}
      title={t('complaint.classifyTitle', { number: detail.number })}
      onCancel={onClose}
      onOk={save}
      okText={t('complaint.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          validity: c.validity ?? undefined,
          validityNote: c.validityNote ?? '',
          solvingParty: c.solvingParty ?? '',
          grade: c.grade,
          flags: c.flags,
        }}
      >
        <Form.Item name="validity" label={t('complaint.validity')}>
          <Radio.Group
            optionType="button"
            options={VALIDITIES.map((v) => ({ value: v, label: t(validityKey(v)) }))}
          />
        </Form.Item>
        {validity === 'effective' ? (
          <Alert type="info" showIcon message={t('complaint.effectiveHint')} style={{ marginBottom: 16 }} />
        ) : null}
        {validity === 'assisted' ? (
          <>
            <Form.Item
              name="solvingParty"
              label={t('complaint.solvingParty')}
              rules={[{ required: true, whitespace: true }]}
            >
              <Input maxLength={100} placeholder={t('complaint.solvingPartyHint')} />
            </Form.Item>
            <Form.Item name="progressNote" label={t('complaint.progressNote')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
          </>
        ) : null}
        {validity === 'invalid' || validity === 'assisted' ? (
          <Form.Item
            name="validityNote"
            label={t('complaint.validityNote')}
            extra={t(
              validity === 'invalid'
                ? 'complaint.validityNoteHint.invalid'
                : 'complaint.validityNoteHint.assisted',
            )}
            rules={validity === 'invalid' ? [{ required: true, whitespace: true }] : []}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
        <Form.Item name="grade" label={t('complaint.grade')}>
          <Select options={GRADES.map((g) => ({ value: g, label: t(gradeKey(g)) }))} />
        </Form.Item>
        {grade && grade !== c.grade ? (
          <Form.Item
            name="gradeReason"
            label={t('complaint.gradeReason')}
            rules={[{ required: true, whitespace: true, message: t('complaint.gradeReasonRequired') }]}
          >
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        ) : null}
        <Form.Item name="flags" label={t('complaint.flags')}>
          <Checkbox.Group options={FLAGS.map((f) => ({ value: f, label: t(flagKey(f)) }))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function sameFlags(a: readonly string[] | undefined, b: readonly string[]) {
  const x = [...(a ?? [])].sort();
  const y = [...b].sort();
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

function ContactDialog({ open, detail, onClose }: DialogProps) {
  const { t } = useI18n();
  const { apply } = useRequestAction();
  const [form] = Form.useForm<{ agreedReplyAt: Dayjs }>();
  const [saving, setSaving] = useState(false);
  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    const out = await apply(
      detail.id,
      () =>
        patchComplaint(detail.id, { version: detail.version, agreedReplyAt: v.agreedReplyAt.toISOString() }),
      { form, success: t('complaint.saved') },
    );
    setSaving(false);
    if (out.ok || out.conflict) onClose();
  }
  return (
    <Modal
      open={open}
      title={t('complaint.contactTitle', { number: detail.number })}
      onCancel={onClose}
      onOk={save}
      okText={t('complaint.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="agreedReplyAt"
          label={t('complaint.agreedReplyAt')}
          rules={[{ required: true, message: t('complaint.agreedRequired') }]}
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(d) => d.isBefore(dayjs().startOf('day'))}
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function AnswerDialog({ open, detail, onClose }: DialogProps) {
  const { t } = useI18n();
  const { apply } = useRequestAction();
  const [form] = Form.useForm<{ method: 'oral' | 'written'; text: string }>();
  const [saving, setSaving] = useState(false);
  async function save() {
    const v = await form.validateFields();
    setSaving(true);
    const out = await apply(
      detail.id,
      () =>
        patchComplaint(detail.id, {
          version: detail.version,
          answer: { method: v.method, text: v.text.trim() },
        }),
      { form, success: t('complaint.saved') },
    );
    setSaving(false);
    if (out.ok || out.conflict) onClose();
  }
  return (
    <Modal
      open={open}
      title={t('complaint.answerTitle', { number: detail.number })}
      onCancel={onClose}
      onOk={save}
      okText={t('complaint.save')}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false} initialValues={{ method: 'oral' }}>
        <Form.Item name="method" label={t('complaint.answerMethod')}>
          <Radio.Group
            optionType="button"
            options={[
              { value: 'oral', label: t(RESULT_METHOD_KEYS.oral) },
              { value: 'written', label: t(RESULT_METHOD_KEYS.written) },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="text"
          label={t('complaint.answerText')}
          rules={[{ required: true, whitespace: true, message: t('complaint.answerRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
