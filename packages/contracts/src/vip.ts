/**
 * VIP cards (VIP客户卡, spec 03 §4, seed 004 第十九–三十五条): numbers `JK` + level + `001`–`999`,
 * issued to A-grade residents on an estate's application approved by the company (hq_cs), 3 years
 * valid, renewed after re-checking the grade, reissued when lost (the old number is replaced),
 * revoked with a reason; one VIP assistant (客户助理) per estate, a log of the services given and
 * birthday/festival reminders 3 days ahead. See docs/decisions/0021-vip-cards.md.
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import type { Role } from './enums.ts';

export const VIP_LEVELS = [0, 1, 2] as const;
export const VipLevel = z.union([z.literal(0), z.literal(1), z.literal(2)]);
export type VipLevel = z.infer<typeof VipLevel>;
export const VIP_LEVEL_LABELS: Record<VipLevel, { 'zh-CN': string; en: string }> = {
  0: { 'zh-CN': '集团领导级', en: 'Group leadership' },
  1: { 'zh-CN': '政府官员级', en: 'Government official' },
  2: { 'zh-CN': '其他级', en: 'Other VIP' },
};

/** Stored statuses plus `expired`, which is computed: an active card past its valid_until. */
export const VIP_CARD_STATUSES = ['active', 'expired', 'revoked', 'replaced'] as const;
export const VipCardStatus = z.enum(VIP_CARD_STATUSES);
export type VipCardStatus = z.infer<typeof VipCardStatus>;
export const VIP_CARD_STATUS_LABELS: Record<VipCardStatus, { 'zh-CN': string; en: string }> = {
  active: { 'zh-CN': '有效', en: 'Active' },
  expired: { 'zh-CN': '已过期', en: 'Expired' },
  revoked: { 'zh-CN': '已取消', en: 'Revoked' },
  replaced: { 'zh-CN': '已补发换号', en: 'Replaced' },
};

/** The card number: JK, the level digit, a 3-digit sequence per level. */
export const VIP_CARD_NUMBER = /^JK[012]\d{3}$/;
export const VIP_VALID_YEARS = 3;

/** Company roles: the company's approval (contract 09). */
export const VIP_ISSUE_ROLES: readonly Role[] = ['hq_cs', 'gm'];
/** Estate staff who file an application and keep the VIP files. */
export const VIP_APPLY_ROLES: readonly Role[] = ['manager', 'cs_supervisor', 'steward', 'cs_agent'];
/** Who reads the VIP page (cards, applications, reminders, services). */
export const VIP_READ_ROLES: readonly Role[] = [...VIP_APPLY_ROLES, ...VIP_ISSUE_ROLES];
/** Who names the estate's VIP assistant. */
export const VIP_ASSISTANT_ROLES: readonly Role[] = ['manager', 'hq_cs', 'gm'];

/** Services of 第三十一–三十三条 the assistant records. */
export const VIP_SERVICE_TYPES = [
  'priority_payment',
  'priority_decoration',
  'priority_request',
  'priority_activity',
  'priority_move_in',
  'priority_special',
  'fee_discount',
  'utility_collection',
  'home_fee_collection',
  'ticket_booking',
  'salon',
  'greeting',
  'reminder',
  'emergency_cash',
  'other',
] as const;
export const VipServiceType = z.enum(VIP_SERVICE_TYPES);
export type VipServiceType = z.infer<typeof VipServiceType>;
export const VIP_SERVICE_LABELS: Record<VipServiceType, { 'zh-CN': string; en: string }> = {
  priority_payment: { 'zh-CN': '优先缴费', en: 'Priority fee payment' },
  priority_decoration: { 'zh-CN': '优先装修审批', en: 'Priority decoration approval' },
  priority_request: { 'zh-CN': '优先报事处理', en: 'Priority request handling' },
  priority_activity: { 'zh-CN': '优先活动报名', en: 'Priority activity sign-up' },
  priority_move_in: { 'zh-CN': '优先接房', en: 'Priority move-in' },
  priority_special: { 'zh-CN': '优先特约服务', en: 'Priority special service' },
  fee_discount: { 'zh-CN': '费用折扣', en: 'Fee discount' },
  utility_collection: { 'zh-CN': '代收代缴', en: 'Utility bills paid for them' },
  home_fee_collection: { 'zh-CN': '上门收费', en: 'Fee collection at home' },
  ticket_booking: { 'zh-CN': '票务预订', en: 'Ticket booking' },
  salon: { 'zh-CN': 'VIP沙龙', en: 'VIP salon' },
  greeting: { 'zh-CN': '生日/节日问候', en: 'Birthday/festival greeting' },
  reminder: { 'zh-CN': '提醒服务', en: 'Reminder' },
  emergency_cash: { 'zh-CN': '紧急借款', en: 'Emergency cash help' },
  other: { 'zh-CN': '其他', en: 'Other' },
};

// ---- the card ------------------------------------------------------------------------------------

export const VipCard = z.object({
  id: Id,
  number: z.string(),
  level: VipLevel,
  residentId: Id,
  residentName: z.string(),
  estateId: Id,
  estateName: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  status: VipCardStatus,
  issuedAt: z.string(),
  issuedByName: z.string().nullable(),
  applicationId: Id.nullable(),
  revokedReason: z.string().nullable(),
  endedAt: z.string().nullable(),
  /** The card that replaced this one (lost-card reissue). */
  replacedByNumber: z.string().nullable(),
});
export type VipCard = z.infer<typeof VipCard>;

/** POST /api/residents/:id/vip-card (contract 09). */
export const IssueVipCardBody = z.object({ level: VipLevel }).strict();
export const VipCardIssued = z.object({
  id: Id,
  number: z.string(),
  level: VipLevel,
  validFrom: z.string(),
  validUntil: z.string(),
  status: VipCardStatus,
});

export const VipCardsQuery = PageQuery.extend({
  estateId: Id.optional(),
  residentId: Id.optional(),
  status: VipCardStatus.optional(),
  /** Active cards ending within this many days (the renewal list). */
  expiringWithinDays: z.coerce.number().int().min(0).max(3650).optional(),
});
export const VipCardList = paged(VipCard);

export const RevokeVipCardBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();
export const ReissueVipCardBody = z.object({ note: z.string().trim().max(500).optional() }).strict();
export const RenewVipCardBody = z.object({}).strict();

// ---- the application (VIP客户登记表) ---------------------------------------------------------------

/** 《VIP 客户登记表》: the profile the estate collects with the customer (第二十四条). */
export const VipRegistrationForm = z
  .object({
    workplace: z.string().trim().max(100).optional(),
    position: z.string().trim().max(100).optional(),
    /** Why the customer meets the A standard (第七条). */
    qualification: z.string().trim().min(2).max(500),
    familyMembers: z
      .array(
        z.object({
          name: z.string().trim().min(1).max(50),
          relation: z.string().trim().max(20).optional(),
          birthday: z.iso.date().optional(),
        }),
      )
      .max(10)
      .optional(),
    hobbies: z.string().trim().max(300).optional(),
    preferredContact: z.string().trim().max(100).optional(),
    specialNeeds: z.string().trim().max(500).optional(),
  })
  .strict();
export type VipRegistrationForm = z.infer<typeof VipRegistrationForm>;

export const VipApplyBody = z.object({ level: VipLevel, form: VipRegistrationForm }).strict();
export const VIP_APPLICATION_STATUSES = ['pending', 'approved', 'rejected'] as const;
export const VipApplicationStatus = z.enum(VIP_APPLICATION_STATUSES);

export const VipApplication = z.object({
  id: Id,
  residentId: Id,
  residentName: z.string(),
  residentGrade: z.string(),
  estateId: Id,
  estateName: z.string(),
  level: VipLevel,
  form: VipRegistrationForm,
  status: VipApplicationStatus,
  requestedAt: z.string(),
  requestedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  rejectReason: z.string().nullable(),
  cardNumber: z.string().nullable(),
});
export type VipApplication = z.infer<typeof VipApplication>;
export const VipApplicationsQuery = PageQuery.extend({
  estateId: Id.optional(),
  residentId: Id.optional(),
  status: VipApplicationStatus.optional(),
});
export const VipApplicationList = paged(VipApplication);
export const RejectVipApplicationBody = z.object({ reason: z.string().trim().min(2).max(500) }).strict();

// ---- assistant, services, reminders -----------------------------------------------------------------

export const VipAssistant = z.object({
  estateId: Id,
  estateName: z.string(),
  userId: Id.nullable(),
  userName: z.string().nullable(),
  setAt: z.string().nullable(),
});
export const VipAssistantList = z.object({ items: z.array(VipAssistant) });
export const SetVipAssistantBody = z.object({ userId: Id }).strict();

export const VipService = z.object({
  id: Id,
  residentId: Id,
  residentName: z.string(),
  estateId: Id,
  cardNumber: z.string().nullable(),
  date: z.string(),
  serviceType: VipServiceType,
  note: z.string().nullable(),
  byName: z.string().nullable(),
  createdAt: z.string(),
});
export const AddVipServiceBody = z
  .object({
    residentId: Id,
    date: z.iso.date(),
    serviceType: VipServiceType,
    note: z.string().trim().max(500).optional(),
  })
  .strict();
export const VipServicesQuery = PageQuery.extend({
  estateId: Id.optional(),
  residentId: Id.optional(),
});
export const VipServiceList = paged(VipService);

export const VipReminder = z.object({
  kind: z.enum(['birthday', 'festival']),
  date: z.string(),
  daysAhead: z.number().int(),
  /** The festival's name, or the name of the one whose birthday it is. */
  title: z.string(),
  residentId: Id.nullable(),
  estateId: Id.nullable(),
  cardNumber: z.string().nullable(),
  /**
   * A family member's birthday (客户及其家属生日, seed 004 第三十三条): the card holder they live with.
   * Null for the holder's own birthday and for festivals.
   */
  familyOf: z.object({ residentId: Id, name: z.string() }).nullable(),
});
export type VipReminder = z.infer<typeof VipReminder>;
export const VipRemindersQuery = z.object({
  estateId: Id.optional(),
  days: z.coerce.number().int().min(0).max(30).default(3),
});
export const VipReminderList = z.object({
  /** The estates the list covers. */
  estateIds: z.array(Id),
  /** The assistant's VIPs of the estates asked for, for the festivals. */
  vipCount: z.number().int(),
  items: z.array(VipReminder),
});
