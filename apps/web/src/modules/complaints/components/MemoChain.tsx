/**
 * 工作传签单 on the complaint card: the chain of memos up the levels (question, remedies with costs, each
 * level's decision), and what the signed-in person may do — send the complaint up, decide, or pass it on.
 */
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { MEMO_LEVELS, ROLE_LABELS, type Role } from '@wuye/contracts';
import { Button, Form, Input, InputNumber, Modal, Radio, Space, Steps, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useCurrentUser } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { api } from '../../../shared/api/client';
import { formatDateTime, formatMoney } from '../../../shared/format';
import { useRequestAction } from '../../requests/components/useRequestAction';
import { RESULT_METHOD_KEYS } from '../../requests/lib/labels';
import type { RequestDetail } from '../../requests/requests.api';

type Memo = NonNullable<RequestDetail['complaint']>['memos'][number];
type Dialog = { kind: 'send' } | { kind: 'decide'; memo: Memo } | { kind: 'escalate'; memo: Memo } | null;
const SENDERS: readonly Role[] = ['cs_agent', 'cs_supervisor', 'manager', 'control_room', 'hq_cs', 'gm'];
const STATUS_COLORS = { open: 'orange', decided: 'green', escalated: 'blue' } as const;

export function MemoChain({ detail, timeZone }: { detail: RequestDetail; timeZone?: string }) {
  const { t, label } = useI18n();
  const user = useCurrentUser();
  const [dialog, setDialog] = useState<Dialog>(null);
  const memos = detail.complaint?.memos ?? [];
  const open = detail.state !== 'closed' && detail.state !== 'cancelled';
  const waiting = memos.find((m) => m.status === 'open');
  const maySend =
    open && !waiting && (detail.ownerId === user.id || user.roles.some((r) => SENDERS.includes(r)));
  const holds = (m: Memo) => user.roles.includes(m.toRole as Role);

  return (
    <div className="memo-chain" data-testid="memo-chain">
      <Space style={{ marginTop: 16, marginBottom: 8 }} wrap>
        <Typography.Title level={5} className="complaint-subtitle" style={{ margin: 0 }}>
          {t('memo.title')}
        </Typography.Title>
        {maySend ? (
          <Button size="small" onClick={() => setDialog({ kind: 'send' })} data-testid="memo-send">
            {t('memo.send')}
          </Button>
        ) : null}
      </Space>
      {memos.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('memo.none')}</Typography.Paragraph>
      ) : (
        <Steps
          direction="vertical"
          size="small"
          current={memos.length - 1}
          items={memos.map((m) => ({
            status: m.status === 'open' ? 'process' : 'finish',
            title: (
              <Space size={6} wrap>
                <span>{t('memo.level', { level: m.level, role: label(ROLE_LABELS, m.toRole as Role) })}</span>
                <Tag color={STATUS_COLORS[m.status]}>{t(`memo.status.${m.status}`)}</Tag>
              </Space>
            ),
            description: (
              <div className="memo-step" data-testid="memo-step">
                <div>
                  <Typography.Text type="secondary">
                    {m.createdByName} · {formatDateTime(m.createdAt, timeZone)}
                  </Typography.Text>
                </div>
                <div className="memo-question">{m.question}</div>
                <ol className="memo-remedies">
                  {m.proposals.map((p, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: remedies are positional and never reorder
                    <li key={i}>
                      {p.remedy}
                      {p.costFen !== null ? (
                        <span className="memo-cost">{formatMoney(p.costFen)}</span>
                      ) : null}
                    </li>
                  ))}
                </ol>
                {m.decision ? (
                  <div className="memo-decision">
                    {t('memo.decisionBy', {
                      name: m.decidedByName ?? '',
                      time: m.decidedAt ? formatDateTime(m.decidedAt, timeZone) : '',
                    })}
                    ：{m.decision}
                  </div>
                ) : null}
                {m.status === 'open' && open && holds(m) ? (
                  <Space style={{ marginTop: 6 }}>
                    <Button
                      type="primary"
                      size="small"
                      onClick={() => setDialog({ kind: 'decide', memo: m })}
                      data-testid="memo-decide"
                    >
                      {t('memo.decide')}
                    </Button>
                    {m.level < MEMO_LEVELS.length ? (
                      <Button
                        size="small"
                        onClick={() => setDialog({ kind: 'escalate', memo: m })}
                        data-testid="memo-escalate"
                      >
                        {t('memo.escalate')}
                      </Button>
                    ) : null}
                  </Space>
                ) : null}
              </div>
            ),
          }))}
        />
      )}
      {dialog ? <MemoDialog detail={detail} dialog={dialog} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

type Values = {
  question?: string;
  proposals?: { remedy: string; costYuan?: number | null }[];
  decision?: string;
  answer?: boolean;
  answerMethod?: 'oral' | 'written';
  answerText?: string;
};

function MemoDialog({
  detail,
  dialog,
  onClose,
}: {
  detail: RequestDetail;
  dialog: NonNullable<Dialog>;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const { apply } = useRequestAction();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const answer = Form.useWatch('answer', form);
  const source = dialog.kind === 'send' ? null : dialog.memo;

  async function save() {
    const v = await form.validateFields();
    const proposals = (v.proposals ?? [])
      .filter((p) => p?.remedy?.trim())
      .map((p) => ({
        remedy: p.remedy.trim(),
        costFen: p.costYuan === null || p.costYuan === undefined ? undefined : Math.round(p.costYuan * 100),
      }));
    setSaving(true);
    const call =
      dialog.kind === 'send'
        ? () =>
            api.post<RequestDetail>(`/requests/${encodeURIComponent(detail.id)}/complaint/memos`, {
              question: v.question?.trim(),
              proposals,
            })
        : dialog.kind === 'decide'
          ? () =>
              api.post<RequestDetail>(`/complaint-memos/${encodeURIComponent(dialog.memo.id)}/decision`, {
                decision: v.decision?.trim(),
                answerToResident: v.answer
                  ? { method: v.answerMethod ?? 'oral', text: v.answerText?.trim() ?? '' }
                  : undefined,
              })
          : () =>
              api.post<RequestDetail>(`/complaint-memos/${encodeURIComponent(dialog.memo.id)}/escalate`, {
                question: v.question?.trim() || undefined,
                proposals: proposals.length ? proposals : undefined,
              });
    const out = await apply(detail.id, call, { form, success: t('memo.saved') });
    setSaving(false);
    if (out.ok || out.conflict) onClose();
  }

  const remedies = (
    <Form.List name="proposals">
      {(fields, { add, remove }) => (
        <Form.Item label={t('memo.remedies')} required={dialog.kind === 'send'}>
          {fields.map((f) => (
            <Space key={f.key} align="baseline" style={{ display: 'flex' }}>
              <Form.Item
                name={[f.name, 'remedy']}
                rules={[{ required: true, whitespace: true, message: t('memo.remedyRequired') }]}
                style={{ width: 300, marginBottom: 8 }}
              >
                <Input placeholder={t('memo.remedyPlaceholder')} maxLength={300} />
              </Form.Item>
              <Form.Item name={[f.name, 'costYuan']} style={{ marginBottom: 8 }}>
                <InputNumber
                  min={0}
                  precision={2}
                  addonBefore="¥"
                  placeholder={t('memo.cost')}
                  style={{ width: 140 }}
                />
              </Form.Item>
              {fields.length > 1 ? <MinusCircleOutlined onClick={() => remove(f.name)} /> : null}
            </Space>
          ))}
          {fields.length < 10 ? (
            <Button type="dashed" size="small" icon={<PlusOutlined />} onClick={() => add({ remedy: '' })}>
              {t('memo.addRemedy')}
            </Button>
          ) : null}
        </Form.Item>
      )}
    </Form.List>
  );

  return (
    <Modal
      open
      title={t(`memo.dialog.${dialog.kind}`, { number: detail.number })}
      onCancel={onClose}
      onOk={save}
      okText={t('complaint.save')}
      confirmLoading={saving}
      destroyOnHidden
      width={600}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{
          question: source?.question ?? '',
          proposals:
            dialog.kind === 'send'
              ? [{ remedy: '' }]
              : (source?.proposals ?? []).map((p) => ({
                  remedy: p.remedy,
                  costYuan: p.costFen === null ? null : p.costFen / 100,
                })),
          answerMethod: 'written',
          answer: false,
        }}
      >
        {dialog.kind === 'decide' ? (
          <>
            <Typography.Paragraph className="memo-question">{source?.question}</Typography.Paragraph>
            <Form.Item
              name="decision"
              label={t('memo.decision')}
              rules={[{ required: true, whitespace: true, message: t('memo.decisionRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item name="answer">
              <Radio.Group
                optionType="button"
                options={[
                  { value: false, label: t('memo.noAnswerYet') },
                  { value: true, label: t('memo.answerNow') },
                ]}
              />
            </Form.Item>
            {answer ? (
              <>
                <Form.Item name="answerMethod" label={t('complaint.answerMethod')}>
                  <Radio.Group
                    optionType="button"
                    options={[
                      { value: 'oral', label: t(RESULT_METHOD_KEYS.oral) },
                      { value: 'written', label: t(RESULT_METHOD_KEYS.written) },
                    ]}
                  />
                </Form.Item>
                <Form.Item
                  name="answerText"
                  label={t('memo.answerText')}
                  rules={[{ required: true, whitespace: true, message: t('complaint.answerRequired') }]}
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
              </>
            ) : null}
          </>
        ) : (
          <>
            <Form.Item
              name="question"
              label={t('memo.question')}
              rules={
                dialog.kind === 'send'
                  ? [{ required: true, whitespace: true, message: t('memo.questionRequired') }]
                  : []
              }
            >
              <Input.TextArea rows={3} maxLength={2000} placeholder={t('memo.questionPlaceholder')} />
            </Form.Item>
            {remedies}
          </>
        )}
      </Form>
    </Modal>
  );
}
