/** One modal per action of the request page, each with the fields its transition takes (contract 09). */

import { useQueryClient } from '@tanstack/react-query';
import type { RequestAction } from '@wuye/contracts';
import {
  Alert,
  Button,
  DatePicker,
  Descriptions,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Switch,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { type RefObject, useMemo, useRef, useState } from 'react';
import { useAuth } from '../../../app/auth/AuthProvider';
import { useI18n } from '../../../app/i18n/I18nProvider';
import { formatMoney } from '../../../shared/format';
import { useDepartments } from '../../organization/organization.api';
import { useCallbackRetries, useQuoteApprovalLimit } from '../../settings/settings.api';
import { CALLBACK_RETRIES, QUOTE_APPROVAL_ABOVE_FEN, unreachableAfterLastTry } from '../lib/actions';
import { fenToYuan, yuanToFen } from '../lib/format';
import { HOLD_REASON_KEYS, HOLD_REASONS, RESULT_METHOD_KEYS } from '../lib/labels';
import { type ActionBody, type RequestDetail, uploadFile, useEstateStaff } from '../requests.api';
import { CompleteFields, type CompleteValues, completeBody, completeDefaults } from './CompleteFields';
import { SignaturePad, type SignaturePadHandle } from './SignaturePad';
import { useActionLabel } from './useActionLabel';
import { useRequestAction } from './useRequestAction';

type Values = {
  departmentId?: string;
  assigneeId?: string;
  appointmentAt?: Dayjs;
  note?: string;
  materialsYuan?: number;
  labourYuan?: number;
  outsidePriceList?: boolean;
  reasonCode?: string;
  reason?: string;
  resumeAt?: Dayjs;
  resultMethod?: 'oral' | 'written';
  resultText?: string;
  residentOpinion?: string;
  rootCause?: string;
  correctiveAction?: string;
  ownerId?: string;
} & Partial<CompleteValues>;

const ONE_CLICK: readonly RequestAction[] = ['accept', 'arrive', 'start', 'resume'];

export function ActionModal({
  action,
  detail,
  onClose,
}: {
  action: RequestAction;
  detail: RequestDetail;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const actionLabel = useActionLabel();
  const [form] = Form.useForm<Values>();
  const { run } = useRequestAction();
  const client = useQueryClient();
  const [saving, setSaving] = useState(false);
  const signature = useRef<SignaturePadHandle>(null);
  // The estate's own limit (时限设置); the server checks it again.
  const quoteLimitFen = useQuoteApprovalLimit(detail.estateId, QUOTE_APPROVAL_ABOVE_FEN);

  const initialValues = useMemo<Values>(() => {
    if (action === 'complete') return completeDefaults(detail);
    if (action === 'quote')
      return detail.quote
        ? {
            materialsYuan: fenToYuan(detail.quote.materialsFen),
            labourYuan: fenToYuan(detail.quote.labourFen),
          }
        : {};
    if (action === 'close' && detail.type === 'complaint') return { resultMethod: 'oral' };
    if (action === 'dispatch')
      return { departmentId: detail.departmentId ?? undefined, assigneeId: detail.assigneeId ?? undefined };
    return {};
  }, [action, detail]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setSaving(true);
    try {
      let body: ActionBody;
      switch (action) {
        case 'dispatch':
          body = {
            action,
            departmentId: v.departmentId!,
            assigneeId: v.assigneeId || undefined,
            appointmentAt: v.appointmentAt?.toISOString(),
            note: v.note?.trim() || undefined,
          };
          break;
        case 'quote': {
          const materialsFen = yuanToFen(v.materialsYuan);
          let agreementFileId: string | undefined;
          if (materialsFen > quoteLimitFen) {
            const blob = await signature.current?.toBlob();
            if (!blob) {
              form.setFields([
                {
                  name: 'materialsYuan',
                  errors: [t('quote.agreementRequired', { limit: formatMoney(quoteLimitFen) })],
                },
              ]);
              return;
            }
            agreementFileId = await uploadFile(client, blob, {
              estateId: detail.estateId,
              kind: 'signature',
              name: `agreement-${detail.number}.png`,
            });
          }
          body = {
            action,
            materialsFen,
            labourFen: yuanToFen(v.labourYuan),
            outsidePriceList: v.outsidePriceList || undefined,
            agreementFileId,
            note: v.note?.trim() || undefined,
          };
          break;
        }
        case 'approve_quote':
        case 'confirm':
          body = { action, note: v.note?.trim() || undefined };
          break;
        case 'hold':
          body = {
            action,
            reasonCode: v.reasonCode as (typeof HOLD_REASONS)[number],
            reason: v.reason!.trim(),
            resumeAt: v.resumeAt?.toISOString(),
          };
          break;
        case 'complete': {
          let signatureFileId: string | undefined;
          if (v.method === 'signature') {
            const blob = await signature.current?.toBlob();
            if (!blob) {
              form.setFields([{ name: 'method', errors: [t('complete.signatureRequired')] }]);
              return;
            }
            signatureFileId = await uploadFile(client, blob, {
              estateId: detail.estateId,
              kind: 'signature',
              name: `signature-${detail.number}.png`,
            });
          }
          body = completeBody(v as CompleteValues, signatureFileId);
          break;
        }
        case 'cancel':
        case 'reopen':
          body = { action, reason: v.reason!.trim() };
          break;
        case 'close':
          body = {
            action,
            resultGiven:
              detail.type === 'complaint' && v.resultText
                ? { method: v.resultMethod ?? 'oral', text: v.resultText.trim() }
                : undefined,
            residentOpinion: v.residentOpinion?.trim() || undefined,
            rootCause: v.rootCause?.trim() || undefined,
            correctiveAction: v.correctiveAction?.trim() || undefined,
          };
          break;
        case 'transfer_owner':
          body = { action, ownerId: v.ownerId!, reason: v.reason!.trim() };
          break;
        default:
          body = { action } as ActionBody;
      }
      const outcome = await run(detail.id, detail.version, body, { form });
      if (outcome.ok || outcome.conflict) onClose();
    } catch (e) {
      form.setFields([{ name: 'method', errors: [e instanceof Error ? e.message : String(e)] }]);
    } finally {
      setSaving(false);
    }
  };

  const danger = action === 'cancel';

  return (
    <Modal
      open
      title={`${actionLabel(action)} · ${detail.number}`}
      onCancel={onClose}
      width={action === 'complete' ? 720 : ONE_CLICK.includes(action) ? 440 : 560}
      destroyOnHidden
      maskClosable={false}
      footer={[
        <Button key="cancel" onClick={onClose}>
          {t('action.back')}
        </Button>,
        <Button
          key="ok"
          type="primary"
          danger={danger}
          data-testid="action-submit"
          loading={saving}
          autoFocus={ONE_CLICK.includes(action)}
          onClick={submit}
        >
          {actionLabel(action)}
        </Button>,
      ]}
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initialValues}
        requiredMark="optional"
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void submit();
        }}
        className="action-form"
      >
        <ActionFields action={action} detail={detail} form={form} signature={signature} />
      </Form>
    </Modal>
  );
}

function ActionFields({
  action,
  detail,
  form,
  signature,
}: {
  action: RequestAction;
  detail: RequestDetail;
  form: ReturnType<typeof Form.useForm<Values>>[0];
  signature: RefObject<SignaturePadHandle | null>;
}) {
  const { t } = useI18n();
  const departments = useDepartments(detail.estateId);
  const staff = useEstateStaff(detail.estateId);
  const quoteLimitFen = useQuoteApprovalLimit(detail.estateId, QUOTE_APPROVAL_ABOVE_FEN);
  const callbackRetries = useCallbackRetries(detail.estateId, CALLBACK_RETRIES);
  const departmentId = Form.useWatch('departmentId', form);
  const materialsYuan = Form.useWatch('materialsYuan', form);
  const isLead = useAuth().user?.roles.includes('dept_lead') ?? false;
  const reasonRequired = [{ required: true, whitespace: true, message: t('action.reasonRequired') }];
  const futureOnly = (d: Dayjs) => d.isBefore(dayjs().startOf('day'));

  switch (action) {
    case 'dispatch': {
      const people = (staff.data?.items ?? []).filter(
        (s) => s.active && s.departmentId && s.departmentId === departmentId,
      );
      return (
        <>
          <Form.Item
            name="departmentId"
            label={t('dispatch.department')}
            rules={[{ required: true, message: t('dispatch.departmentRequired') }]}
          >
            <Select
              data-testid="dispatch-department"
              loading={departments.isPending}
              showSearch
              optionFilterProp="label"
              onChange={() => form.setFieldValue('assigneeId', undefined)}
              options={(departments.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
              placeholder={t('dispatch.departmentPlaceholder')}
            />
          </Form.Item>
          <Form.Item name="assigneeId" label={t('dispatch.assignee')} extra={t('dispatch.assigneeHint')}>
            <Select
              data-testid="dispatch-assignee"
              allowClear
              disabled={!departmentId}
              loading={staff.isPending}
              options={people.map((s) => ({ value: s.id, label: s.name }))}
              placeholder={t('dispatch.assigneePlaceholder')}
              notFoundContent={t('dispatch.noStaff')}
            />
          </Form.Item>
          <Form.Item
            name="appointmentAt"
            label={t('dispatch.appointment')}
            extra={detail.type === 'paid_service' ? t('dispatch.appointmentPaid') : undefined}
          >
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={futureOnly}
            />
          </Form.Item>
          <Form.Item name="note" label={t('action.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    }
    case 'accept':
    case 'arrive':
    case 'start':
    case 'resume':
      return (
        <Typography.Paragraph style={{ margin: '8px 0 0' }}>
          {t(`action.confirm.${action}`)}
        </Typography.Paragraph>
      );
    case 'quote': {
      const over = yuanToFen(materialsYuan) > quoteLimitFen;
      return (
        <>
          <div className="form-row">
            <Form.Item
              name="materialsYuan"
              label={t('quote.materials')}
              rules={[{ required: true, message: t('quote.amountRequired') }]}
            >
              <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: 180 }} />
            </Form.Item>
            <Form.Item
              name="labourYuan"
              label={t('quote.labour')}
              rules={[{ required: true, message: t('quote.amountRequired') }]}
            >
              <InputNumber min={0} max={1_000_000} precision={2} prefix="¥" style={{ width: 180 }} />
            </Form.Item>
          </div>
          {isLead ? (
            <Form.Item name="outsidePriceList" valuePropName="checked" label={t('quote.outsidePriceList')}>
              <Switch />
            </Form.Item>
          ) : (
            <Alert type="info" showIcon message={t('quote.outsideHint')} style={{ marginBottom: 12 }} />
          )}
          <Alert
            type={over ? 'warning' : 'info'}
            showIcon
            message={t('quote.approvalRule', { limit: formatMoney(quoteLimitFen) })}
            style={{ marginBottom: 16 }}
          />
          {over ? (
            <Form.Item label={t('quote.agreement')} extra={t('quote.agreementHint')} required>
              <SignaturePad ref={signature} />
            </Form.Item>
          ) : null}
          <Form.Item name="note" label={t('action.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    }
    case 'approve_quote':
      return (
        <>
          {detail.quote ? (
            <Descriptions size="small" column={2} bordered style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('quote.materials')}>
                {formatMoney(detail.quote.materialsFen)}
              </Descriptions.Item>
              <Descriptions.Item label={t('quote.labour')}>
                {formatMoney(detail.quote.labourFen)}
              </Descriptions.Item>
            </Descriptions>
          ) : null}
          <Form.Item name="note" label={t('action.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'hold':
      return (
        <>
          <Form.Item
            name="reasonCode"
            label={t('hold.reasonCode')}
            rules={[{ required: true, message: t('hold.reasonCodeRequired') }]}
          >
            <Select
              data-testid="hold-reason"
              options={HOLD_REASONS.map((r) => ({ value: r, label: t(HOLD_REASON_KEYS[r]) }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('hold.reason')} rules={reasonRequired}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
          <Form.Item name="resumeAt" label={t('hold.resumeAt')}>
            <DatePicker
              showTime={{ format: 'HH:mm', minuteStep: 5 }}
              format="YYYY-MM-DD HH:mm"
              disabledDate={futureOnly}
            />
          </Form.Item>
          <Typography.Paragraph type="secondary">{t('hold.clockPaused')}</Typography.Paragraph>
        </>
      );
    case 'complete':
      return (
        <CompleteFields
          form={form as unknown as FormInstance<CompleteValues>}
          detail={detail}
          signatureRef={signature}
        />
      );
    case 'confirm':
      return (
        <Form.Item name="note" label={t('confirm.note')}>
          <Input placeholder={t('confirm.notePlaceholder')} maxLength={500} />
        </Form.Item>
      );
    case 'cancel':
    case 'reopen':
      return (
        <>
          {action === 'reopen' && detail.type === 'complaint' ? (
            <Alert type="warning" showIcon message={t('reopen.complaint')} style={{ marginBottom: 16 }} />
          ) : null}
          <Form.Item name="reason" label={t('action.reason')} rules={reasonRequired}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </>
      );
    case 'close':
      return (
        <>
          {detail.state !== 'callback_done' && unreachableAfterLastTry({ ...detail, callbackRetries }) ? (
            <Alert type="warning" showIcon message={t('close.unreachable')} style={{ marginBottom: 16 }} />
          ) : null}
          {detail.type === 'complaint' ? (
            <>
              <Form.Item name="resultMethod" label={t('close.resultMethod')} rules={[{ required: true }]}>
                <Radio.Group
                  optionType="button"
                  options={(['oral', 'written'] as const).map((m) => ({
                    value: m,
                    label: t(RESULT_METHOD_KEYS[m]),
                  }))}
                />
              </Form.Item>
              <Form.Item
                name="resultText"
                label={t('close.resultText')}
                rules={[{ required: true, whitespace: true, message: t('close.resultRequired') }]}
              >
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
              <Form.Item name="rootCause" label={t('close.rootCause')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
              <Form.Item name="correctiveAction" label={t('close.correctiveAction')}>
                <Input.TextArea rows={2} maxLength={2000} />
              </Form.Item>
            </>
          ) : (
            <Typography.Paragraph>{t('close.confirm')}</Typography.Paragraph>
          )}
          <Form.Item name="residentOpinion" label={t('close.residentOpinion')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        </>
      );
    case 'transfer_owner': {
      const people = (staff.data?.items ?? []).filter(
        (s) => s.active && s.id !== detail.ownerId && !s.roles.includes('resident'),
      );
      return (
        <>
          <Typography.Paragraph type="secondary">
            {t('transfer.current', { name: detail.ownerName })}
          </Typography.Paragraph>
          <Form.Item
            name="ownerId"
            label={t('transfer.to')}
            rules={[{ required: true, message: t('transfer.toRequired') }]}
          >
            <Select
              showSearch
              optionFilterProp="label"
              loading={staff.isPending}
              options={people.map((s) => ({
                value: s.id,
                label: s.departmentName ? `${s.name}（${s.departmentName}）` : s.name,
              }))}
            />
          </Form.Item>
          <Form.Item name="reason" label={t('transfer.reason')} rules={reasonRequired}>
            <Input.TextArea rows={2} maxLength={500} placeholder={t('transfer.reasonPlaceholder')} />
          </Form.Item>
        </>
      );
    }
  }
}
