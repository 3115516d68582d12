/** Display labels for the shared enumerations, Simplified Chinese first, English second. */
import type {
  Channel,
  DepartmentKind,
  EstateType,
  Gender,
  Grade,
  HouseholdSegment,
  Locale,
  RequestState,
  RequestType,
  ResidentRelation,
  Role,
  UnitStatus,
  UnitUse,
} from './enums.ts';
import type { PaymentMethod, PaymentStatus } from './payments.ts';
import type { DeadlineKind, RequestAction, URGENCIES } from './requests.ts';

type Labels<K extends string> = Record<K, { 'zh-CN': string; en: string }>;

export const ROLE_LABELS: Labels<Role> = {
  gm: { 'zh-CN': '总经理', en: 'General manager' },
  hq_cs: { 'zh-CN': '公司客户服务中心', en: 'Company customer service' },
  manager: { 'zh-CN': '管理处主任', en: 'Estate manager' },
  cs_supervisor: { 'zh-CN': '客服主管', en: 'CS supervisor' },
  cs_agent: { 'zh-CN': '客服专员', en: 'CS agent' },
  steward: { 'zh-CN': '物业管家', en: 'Steward' },
  lobby: { 'zh-CN': '大堂助理', en: 'Lobby assistant' },
  cashier: { 'zh-CN': '收款员', en: 'Cashier' },
  technician: { 'zh-CN': '维修技工', en: 'Technician' },
  dept_lead: { 'zh-CN': '部门主管', en: 'Department lead' },
  control_room: { 'zh-CN': '中控室值班员', en: 'Control room' },
  quality: { 'zh-CN': '品质管理部', en: 'Quality' },
  resident: { 'zh-CN': '业主/住户', en: 'Resident' },
};

export const ESTATE_TYPE_LABELS: Labels<EstateType> = {
  residential: { 'zh-CN': '住宅小区', en: 'Residential' },
  office: { 'zh-CN': '写字楼', en: 'Office' },
  commercial: { 'zh-CN': '商业', en: 'Commercial' },
  mixed: { 'zh-CN': '城市综合体', en: 'Mixed use' },
};

export const UNIT_USE_LABELS: Labels<UnitUse> = {
  residence: { 'zh-CN': '住宅', en: 'Residence' },
  shop: { 'zh-CN': '商铺', en: 'Shop' },
  office: { 'zh-CN': '办公', en: 'Office' },
};

export const UNIT_STATUS_LABELS: Labels<UnitStatus> = {
  vacant: { 'zh-CN': '空置', en: 'Vacant' },
  occupied: { 'zh-CN': '自住', en: 'Owner-occupied' },
  rented: { 'zh-CN': '出租', en: 'Rented' },
  decorating: { 'zh-CN': '装修中', en: 'Decorating' },
};

export const DEPARTMENT_KIND_LABELS: Labels<DepartmentKind> = {
  engineering: { 'zh-CN': '工程部', en: 'Engineering' },
  cleaning: { 'zh-CN': '保洁部', en: 'Cleaning' },
  security: { 'zh-CN': '秩序维护部', en: 'Security' },
  greening: { 'zh-CN': '绿化部', en: 'Greening' },
  customer_service: { 'zh-CN': '客服中心', en: 'Customer service' },
  control_room: { 'zh-CN': '中控室', en: 'Control room' },
  external: { 'zh-CN': '外部单位', en: 'External' },
};

export const RELATION_LABELS: Labels<ResidentRelation> = {
  owner: { 'zh-CN': '业主', en: 'Owner' },
  co_owner: { 'zh-CN': '共有人', en: 'Co-owner' },
  tenant: { 'zh-CN': '租户', en: 'Tenant' },
  member: { 'zh-CN': '家庭成员', en: 'Family member' },
  decoration_lead: { 'zh-CN': '装修负责人', en: 'Decoration lead' },
  agent: { 'zh-CN': '代理人', en: 'Authorised agent' },
};

export const GENDER_LABELS: Labels<Gender> = {
  male: { 'zh-CN': '男', en: 'Male' },
  female: { 'zh-CN': '女', en: 'Female' },
};

export const SEGMENT_LABELS: Labels<HouseholdSegment> = {
  single_dink: { 'zh-CN': '单人工作丁克', en: 'Single, working (DINK)' },
  couple_dink: { 'zh-CN': '双人工作丁克', en: 'Couple, both working (DINK)' },
  couple_with_children: { 'zh-CN': '有小孩的夫妇', en: 'Couple with children' },
  single_parent: { 'zh-CN': '单亲家庭', en: 'Single parent' },
  mature_family: { 'zh-CN': '成熟家庭', en: 'Mature family' },
  empty_nest: { 'zh-CN': '空巢家庭', en: 'Empty nest' },
  older_single: { 'zh-CN': '大龄单身', en: 'Older single' },
  active_senior: { 'zh-CN': '活跃长者', en: 'Active senior' },
};

export const GRADE_LABELS: Labels<Grade> = {
  A: { 'zh-CN': 'A 重点客户', en: 'A (VIP)' },
  B: { 'zh-CN': 'B 忠诚客户', en: 'B (loyal)' },
  C: { 'zh-CN': 'C 普通客户', en: 'C (standard)' },
  D: { 'zh-CN': 'D 需关注', en: 'D (attention)' },
};

export const REQUEST_TYPE_LABELS: Labels<RequestType> = {
  repair: { 'zh-CN': '报修', en: 'Repair' },
  complaint: { 'zh-CN': '投诉', en: 'Complaint' },
  enquiry: { 'zh-CN': '咨询', en: 'Enquiry' },
  help: { 'zh-CN': '求助', en: 'Help' },
  suggestion: { 'zh-CN': '建议', en: 'Suggestion' },
  praise: { 'zh-CN': '表扬', en: 'Praise' },
  paid_service: { 'zh-CN': '有偿服务', en: 'Paid service' },
};

export const CHANNEL_LABELS: Labels<Channel> = {
  phone: { 'zh-CN': '来电', en: 'Phone' },
  visit: { 'zh-CN': '来访', en: 'Walk-in' },
  online: { 'zh-CN': '网上/业主端', en: 'Online' },
  letter: { 'zh-CN': '信函', en: 'Letter' },
  fax: { 'zh-CN': '传真', en: 'Fax' },
  email: { 'zh-CN': '邮件', en: 'Email' },
  mailbox: { 'zh-CN': '经理信箱', en: 'Manager mailbox' },
  reception_day: { 'zh-CN': '经理接待日', en: 'Reception day' },
  owners_committee: { 'zh-CN': '业委会转来', en: "Owners' committee" },
  company: { 'zh-CN': '公司转来', en: 'From company' },
  staff: { 'zh-CN': '员工转达', en: 'Via staff' },
  patrol: { 'zh-CN': '巡查发现', en: 'Patrol' },
  night_duty: { 'zh-CN': '夜间值班', en: 'Night duty' },
};

export const REQUEST_STATE_LABELS: Labels<RequestState> = {
  new: { 'zh-CN': '已受理', en: 'New' },
  dispatched: { 'zh-CN': '已派工', en: 'Dispatched' },
  accepted: { 'zh-CN': '已接单', en: 'Accepted' },
  on_site: { 'zh-CN': '已到场', en: 'On site' },
  in_progress: { 'zh-CN': '处理中', en: 'In progress' },
  done: { 'zh-CN': '已完工', en: 'Done' },
  confirmed: { 'zh-CN': '业主已确认', en: 'Confirmed' },
  callback_done: { 'zh-CN': '已回访', en: 'Called back' },
  closed: { 'zh-CN': '已关闭', en: 'Closed' },
  on_hold: { 'zh-CN': '挂起', en: 'On hold' },
  cancelled: { 'zh-CN': '已取消', en: 'Cancelled' },
};

export const REQUEST_ACTION_LABELS: Labels<RequestAction> = {
  dispatch: { 'zh-CN': '派工', en: 'dispatch' },
  accept: { 'zh-CN': '接单', en: 'accept' },
  arrive: { 'zh-CN': '到场', en: 'arrive' },
  start: { 'zh-CN': '开始处理', en: 'start' },
  quote: { 'zh-CN': '报价', en: 'quote' },
  approve_quote: { 'zh-CN': '批准报价', en: 'approve the quote' },
  hold: { 'zh-CN': '挂起', en: 'hold' },
  resume: { 'zh-CN': '恢复', en: 'resume' },
  complete: { 'zh-CN': '完工', en: 'complete' },
  confirm: { 'zh-CN': '业主确认', en: 'confirm' },
  cancel: { 'zh-CN': '取消', en: 'cancel' },
  reopen: { 'zh-CN': '重新打开', en: 'reopen' },
  close: { 'zh-CN': '关闭', en: 'close' },
  transfer_owner: { 'zh-CN': '转交责任人', en: 'transfer the owner' },
};

export const DEADLINE_KIND_LABELS: Labels<DeadlineKind> = {
  reply: { 'zh-CN': '答复', en: 'Reply' },
  on_site: { 'zh-CN': '到场', en: 'On site' },
  fix: { 'zh-CN': '完工', en: 'Fix' },
  booking_confirm: { 'zh-CN': '预约确认', en: 'Booking confirmation' },
  callback: { 'zh-CN': '回访', en: 'Callback' },
  rework: { 'zh-CN': '返工', en: 'Rework' },
  forward: { 'zh-CN': '转告', en: 'Forward' },
  complaint_contact: { 'zh-CN': '投诉联系', en: 'Complaint contact' },
  complaint_report: { 'zh-CN': '投诉上报', en: 'Complaint report' },
  complaint_reply: { 'zh-CN': '投诉答复', en: 'Complaint reply' },
  complaint_resolve: { 'zh-CN': '投诉处理', en: 'Complaint resolution' },
};

export const URGENCY_LABELS: Labels<(typeof URGENCIES)[number]> = {
  immediate: { 'zh-CN': '即时', en: 'Immediate' },
  scheduled: { 'zh-CN': '预约', en: 'Scheduled' },
};

export const PAYMENT_METHOD_LABELS: Labels<PaymentMethod> = {
  technician_cash: { 'zh-CN': '技工收现金', en: 'Cash to technician' },
  technician_scan: { 'zh-CN': '技工扫码收款', en: 'Scan to technician' },
  office: { 'zh-CN': '前台/财务收款', en: 'At the office' },
  portal: { 'zh-CN': '业主端支付', en: 'Resident portal' },
};

export const PAYMENT_STATUS_LABELS: Labels<PaymentStatus> = {
  collected: { 'zh-CN': '待收款员确认', en: 'Awaiting the cashier' },
  confirmed: { 'zh-CN': '已确认', en: 'Confirmed' },
};

/** A clock alert: before the deadline, at the miss, and each rung of the escalation ladder. */
export const ALERT_KIND_LABELS: Labels<'warning' | 'missed' | 'escalation'> = {
  warning: { 'zh-CN': '预警', en: 'Warning' },
  missed: { 'zh-CN': '超时', en: 'Missed' },
  escalation: { 'zh-CN': '升级', en: 'Escalation' },
};

export function label<K extends string>(labels: Labels<K>, key: K, locale: Locale = 'zh-CN'): string {
  return labels[key]?.[locale] ?? key;
}
