/** 处理记录: every event of the request, oldest first, with who, when and what was recorded. */
import { CHANNEL_LABELS, type Channel, ROLE_LABELS, type Role } from '@wuye/contracts';
import { Rate, Tag, Timeline, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../../app/i18n/I18nProvider';
import type { MessageKey } from '../../../app/i18n/messages';
import { formatDateTime, formatMoney } from '../../../shared/format';
import {
  CALLBACK_METHOD_KEYS,
  CONFIRMATION_KEYS,
  EVENT_KEYS,
  HOLD_REASON_KEYS,
  type HoldReason,
  isRequestAction,
  RESULT_METHOD_KEYS,
  SATISFACTION_COLORS,
  SATISFACTION_KEYS,
  type Satisfaction,
} from '../lib/labels';
import type { RequestDetail } from '../requests.api';
import { useActionLabel } from './useActionLabel';

type Event = RequestDetail['events'][number];

const COLORS: Record<string, string> = {
  created: 'blue',
  dispatch: 'blue',
  accept: 'cyan',
  arrive: 'purple',
  start: 'blue',
  complete: 'green',
  confirm: 'green',
  callback: 'green',
  close: 'gray',
  cancel: 'red',
  hold: 'orange',
  reopen: 'red',
  payment_collected: 'orange',
  payment_confirmed: 'green',
  night_handover: 'gray',
};

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v : undefined);

export function RequestTimeline({
  detail,
  timeZone,
  staffName,
  departmentName,
}: {
  detail: RequestDetail;
  timeZone?: string;
  /** Resolves a staff id (e.g. the assignee of a dispatch) to a name. */
  staffName: (id: string) => string | undefined;
  /** Resolves a department id (older dispatch events carry only the id). */
  departmentName: (id: string) => string | undefined;
}) {
  const { t, label } = useI18n();
  const actionLabel = useActionLabel();

  const title = (e: Event) => {
    if (isRequestAction(e.action)) return actionLabel(e.action);
    const key = EVENT_KEYS[e.action];
    return key ? t(key) : e.action;
  };

  const body = (e: Event): ReactNode[] => {
    const d = e.data ?? {};
    const lines: ReactNode[] = [];
    const note = str(d.note);
    switch (e.action) {
      case 'created': {
        const channel = str(d.channel) as Channel | undefined;
        if (channel) lines.push(t('timeline.channel', { channel: label(CHANNEL_LABELS, channel) }));
        if (str(d.reworkOf)) lines.push(<Link to={`/requests/${d.reworkOf}`}>{t('detail.reworkOf')}</Link>);
        if (str(d.repeatOf)) lines.push(<Link to={`/requests/${d.repeatOf}`}>{t('detail.repeatOf')}</Link>);
        break;
      }
      case 'dispatch': {
        const assignee = str(d.assigneeId) ? staffName(d.assigneeId as string) : undefined;
        lines.push(
          t('timeline.dispatchTo', {
            to:
              [
                str(d.departmentName) ??
                  (str(d.departmentId) ? departmentName(d.departmentId as string) : undefined),
                assignee,
              ]
                .filter(Boolean)
                .join(' / ') || t('common.none'),
          }),
        );
        if (str(d.appointmentAt))
          lines.push(
            t('timeline.appointment', { time: formatDateTime(d.appointmentAt as string, timeZone) }),
          );
        break;
      }
      case 'quote':
        lines.push(
          t('timeline.quote', {
            materials: formatMoney(Number(d.materialsFen ?? 0)),
            labour: formatMoney(Number(d.labourFen ?? 0)),
          }),
        );
        if (d.outsidePriceList) lines.push(<Tag>{t('quote.outside')}</Tag>);
        if (d.agreementFileId) lines.push(<Tag color="blue">{t('quote.agreementOnFile')}</Tag>);
        if (d.needsApproval) lines.push(<Tag color="orange">{t('quote.needsApproval')}</Tag>);
        break;
      case 'hold': {
        const code = str(d.reasonCode) as HoldReason | undefined;
        if (code) lines.push(<Tag color="orange">{t(HOLD_REASON_KEYS[code] ?? 'hold.other')}</Tag>);
        if (str(d.reason)) lines.push(str(d.reason));
        if (str(d.resumeAt))
          lines.push(t('timeline.resumeAt', { time: formatDateTime(d.resumeAt as string, timeZone) }));
        break;
      }
      case 'complete': {
        if (str(d.workDone)) lines.push(t('timeline.workDone', { text: d.workDone as string }));
        const materials = Array.isArray(d.materials)
          ? (d.materials as { name: string; quantity: number; unit?: string }[])
          : [];
        if (materials.length)
          lines.push(
            t('timeline.materials', {
              list: materials
                .map((m) => `${m.name} ×${m.quantity}${m.unit ?? ''}`)
                .join(t('common.listSeparator')),
            }),
          );
        lines.push(
          d.chargeable ? t('timeline.fee', { fee: formatMoney(Number(d.feeFen ?? 0)) }) : t('timeline.free'),
        );
        const c = d.residentConfirmation as
          | { method?: 'signature' | 'phone' | 'portal'; note?: string }
          | undefined;
        if (c?.method)
          lines.push(
            t('timeline.confirmation', {
              method: t(CONFIRMATION_KEYS[c.method]),
              note: c.note ? t('timeline.paren', { text: c.note }) : '',
            }),
          );
        break;
      }
      case 'cancel':
      case 'reopen':
        if (str(d.reason)) lines.push(t('timeline.reason', { text: d.reason as string }));
        break;
      case 'close': {
        const result = d.resultGiven as { method?: 'oral' | 'written'; text?: string } | undefined;
        if (result?.method && result.text)
          lines.push(
            t('timeline.result', { method: t(RESULT_METHOD_KEYS[result.method]), text: result.text }),
          );
        if (str(d.residentOpinion)) lines.push(t('timeline.opinion', { text: d.residentOpinion as string }));
        if (str(d.rootCause)) lines.push(t('timeline.rootCause', { text: d.rootCause as string }));
        if (str(d.correctiveAction))
          lines.push(t('timeline.corrective', { text: d.correctiveAction as string }));
        if (d.unreachable) lines.push(<Tag>{t('timeline.unreachable')}</Tag>);
        break;
      }
      case 'transfer_owner':
        lines.push(t('timeline.transferTo', { name: str(d.toOwnerName) ?? t('common.none') }));
        if (str(d.reason)) lines.push(t('timeline.reason', { text: d.reason as string }));
        break;
      case 'payment_collected':
      case 'payment_confirmed': {
        const method = str(d.method);
        const methodLabel = method ? t(`payment.method.${method}` as MessageKey) : '';
        lines.push(
          t('timeline.payment', { method: methodLabel, amount: formatMoney(Number(d.amountFen ?? 0)) }),
        );
        if (typeof d.expectedFen === 'number' && d.expectedFen !== d.amountFen)
          lines.push(t('timeline.paymentExpected', { amount: formatMoney(d.expectedFen) }));
        if (str(d.receiptNo)) lines.push(t('timeline.receipt', { no: d.receiptNo as string }));
        break;
      }
      case 'night_handover':
        lines.push(
          t('timeline.nightHandoverBy', {
            from: str(d.handedOverByName) ?? t('common.none'),
            to: str(d.receivedByName) ?? t('common.none'),
            date: str(d.shiftDate) ?? '',
          }),
        );
        break;
      case 'complaint_classify': {
        const to = str(d.to) as 'effective' | 'assisted' | 'invalid' | undefined;
        if (to) lines.push(<Tag>{t(`complaint.validity.${to}` as MessageKey)}</Tag>);
        if (str(d.solvingParty))
          lines.push(t('complaint.timeline.party', { text: d.solvingParty as string }));
        break;
      }
      case 'complaint_grade': {
        const from = str(d.from);
        const to = str(d.to);
        if (to)
          lines.push(
            t('complaint.timeline.gradeLine', {
              from: from ? t(`complaint.grade.${from}` as MessageKey) : t('common.none'),
              to: t(`complaint.grade.${to}` as MessageKey),
            }),
          );
        if (str(d.reason)) lines.push(t('timeline.reason', { text: d.reason as string }));
        break;
      }
      case 'complaint_contact':
        if (str(d.agreedReplyAt))
          lines.push(
            t('complaint.timeline.agreed', { time: formatDateTime(d.agreedReplyAt as string, timeZone) }),
          );
        break;
      case 'complaint_answer':
      case 'complaint_memo_decision':
        if (str(d.text)) lines.push(t('complaint.timeline.text', { text: d.text as string }));
        if (str(d.answerToResident))
          lines.push(t('complaint.timeline.text', { text: d.answerToResident as string }));
        break;
      case 'complaint_memo':
      case 'complaint_memo_escalate':
        if (str(d.toRole))
          lines.push(
            t('complaint.timeline.memoTo', {
              role: label(ROLE_LABELS, d.toRole as Role),
              level: Number(d.level ?? 0),
            }),
          );
        if (str(d.text)) lines.push(t('complaint.timeline.text', { text: d.text as string }));
        break;
      case 'complaint_collective':
        lines.push(
          t('complaint.timeline.collectiveLine', {
            households: Number(d.households ?? 0),
            people: Number(d.people ?? 0),
            names: Array.isArray(d.notifiedNames) ? (d.notifiedNames as string[]).join('、') : '',
          }),
        );
        break;
      case 'callback': {
        const method = str(d.method) as 'phone' | 'visit' | 'portal' | undefined;
        const sat = str(d.satisfaction) as Satisfaction | undefined;
        lines.push(
          <span className="timeline-callback">
            {method ? t(CALLBACK_METHOD_KEYS[method]) : null}
            {' · '}
            {d.reached ? t('callback.reachedYes') : t('callback.reachedNo')}
            {sat ? <Tag color={SATISFACTION_COLORS[sat]}>{t(SATISFACTION_KEYS[sat])}</Tag> : null}
            {typeof d.stars === 'number' ? (
              <Rate disabled value={d.stars} className="timeline-stars" />
            ) : null}
          </span>,
        );
        if (str(d.comment)) lines.push(t('timeline.words', { text: d.comment as string }));
        if (d.problemFound) lines.push(<Tag color="red">{t('callback.problemFound')}</Tag>);
        if (d.feeChecked) lines.push(<Tag color="green">{t('timeline.feeChecked')}</Tag>);
        if (str(d.reworkRequestId))
          lines.push(<Link to={`/requests/${d.reworkRequestId}`}>{t('timeline.reworkCreated')}</Link>);
        break;
      }
    }
    if (note && e.action !== 'hold') lines.push(t('timeline.note', { text: note }));
    return lines;
  };

  return (
    <Timeline
      data-testid="timeline"
      className="request-timeline"
      items={detail.events.map((e) => ({
        key: e.id,
        color: COLORS[e.action] ?? 'gray',
        children: (
          <div className="timeline-entry" data-action={e.action}>
            <div className="timeline-head">
              <Typography.Text strong>{title(e)}</Typography.Text>
              <span className="timeline-actor">{e.actorName ?? t('timeline.system')}</span>
              <span className="timeline-time mono">{formatDateTime(e.at, timeZone)}</span>
            </div>
            {body(e).map((line, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and never reorder
              <div key={i} className="timeline-line">
                {line}
              </div>
            ))}
          </div>
        ),
      }))}
    />
  );
}
