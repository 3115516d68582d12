/**
 * Message keys for the service desk's codes that @wuye/contracts has no labels for (repair subtypes,
 * sizes, hold reasons, clocks, callbacks …). Typed against the message table, so a missing key fails
 * the build.
 */
import type { RequestAction } from '@wuye/contracts';
import type { MessageKey } from '../../../app/i18n/messages';

export const SUBTYPES = ['in_home', 'public', 'utility_system', 'special'] as const;
export type Subtype = (typeof SUBTYPES)[number];
export const SUBTYPE_KEYS: Record<Subtype, MessageKey> = {
  in_home: 'subtype.in_home',
  public: 'subtype.public',
  utility_system: 'subtype.utility_system',
  special: 'subtype.special',
};

export const SIZES = ['minor', 'medium', 'major'] as const;
export type Size = (typeof SIZES)[number];
export const SIZE_KEYS: Record<Size, MessageKey> = {
  minor: 'size.minor',
  medium: 'size.medium',
  major: 'size.major',
};

export const URGENCY_KEYS: Record<'immediate' | 'scheduled', MessageKey> = {
  immediate: 'urgency.immediate',
  scheduled: 'urgency.scheduled',
};

export const HOLD_REASONS = ['waiting_resident', 'waiting_parts', 'waiting_third_party', 'other'] as const;
export type HoldReason = (typeof HOLD_REASONS)[number];
export const HOLD_REASON_KEYS: Record<HoldReason, MessageKey> = {
  waiting_resident: 'hold.waiting_resident',
  waiting_parts: 'hold.waiting_parts',
  waiting_third_party: 'hold.waiting_third_party',
  other: 'hold.other',
};

export const DEADLINE_KIND_KEYS: Record<string, MessageKey> = {
  reply: 'clock.kind.reply',
  on_site: 'clock.kind.on_site',
  fix: 'clock.kind.fix',
  booking_confirm: 'clock.kind.booking_confirm',
  callback: 'clock.kind.callback',
  rework: 'clock.kind.rework',
  forward: 'clock.kind.forward',
  complaint_contact: 'clock.kind.complaint_contact',
  complaint_report: 'clock.kind.complaint_report',
  complaint_reply: 'clock.kind.complaint_reply',
  complaint_resolve: 'clock.kind.complaint_resolve',
};

export const SATISFACTIONS = ['satisfied', 'fair', 'dissatisfied'] as const;
export type Satisfaction = (typeof SATISFACTIONS)[number];
export const SATISFACTION_KEYS: Record<Satisfaction, MessageKey> = {
  satisfied: 'callback.satisfied',
  fair: 'callback.fair',
  dissatisfied: 'callback.dissatisfied',
};
export const SATISFACTION_COLORS: Record<Satisfaction, string> = {
  satisfied: 'green',
  fair: 'gold',
  dissatisfied: 'red',
};

export const CALLBACK_METHOD_KEYS: Record<'phone' | 'visit' | 'portal', MessageKey> = {
  phone: 'callback.method.phone',
  visit: 'callback.method.visit',
  portal: 'callback.method.portal',
};

export const CONFIRMATION_KEYS: Record<'signature' | 'phone' | 'portal', MessageKey> = {
  signature: 'complete.method.signature',
  phone: 'complete.method.phone',
  portal: 'complete.method.portal',
};

export const RESULT_METHOD_KEYS: Record<'oral' | 'written', MessageKey> = {
  oral: 'close.result.oral',
  written: 'close.result.written',
};

/** Timeline entries that are not transitions. */
export const EVENT_KEYS: Record<string, MessageKey> = {
  created: 'timeline.created',
  callback: 'timeline.callback',
  payment_collected: 'timeline.paymentCollected',
  payment_confirmed: 'timeline.paymentConfirmed',
  night_handover: 'timeline.nightHandover',
  reveal: 'timeline.reveal',
  complaint_classify: 'complaint.timeline.classify',
  complaint_grade: 'complaint.timeline.grade',
  complaint_contact: 'complaint.timeline.contact',
  complaint_answer: 'complaint.timeline.answer',
  complaint_update: 'complaint.timeline.update',
  complaint_progress: 'complaint.timeline.progress',
  complaint_link: 'complaint.timeline.link',
  complaint_unlink: 'complaint.timeline.unlink',
  complaint_collective: 'complaint.timeline.collective',
  complaint_memo: 'complaint.timeline.memo',
  complaint_memo_decision: 'complaint.timeline.memoDecision',
  complaint_memo_escalate: 'complaint.timeline.memoEscalate',
  complaint_case: 'cases.timeline.created',
  complaint_case_update: 'cases.timeline.updated',
};

export function isRequestAction(action: string): action is RequestAction {
  return [
    'dispatch',
    'accept',
    'arrive',
    'start',
    'quote',
    'approve_quote',
    'hold',
    'resume',
    'complete',
    'confirm',
    'cancel',
    'reopen',
    'close',
    'transfer_owner',
  ].includes(action);
}
