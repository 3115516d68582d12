/**
 * The side menu: every page of the app with the roles that may use it. A user sees an item when one of
 * their roles is listed. Reference data is open to every staff role (spec 09, "Who may call what").
 */
import {
  AccountBookOutlined,
  AlertOutlined,
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  BookOutlined,
  CalendarOutlined,
  CommentOutlined,
  ControlOutlined,
  CrownOutlined,
  CustomerServiceOutlined,
  FieldTimeOutlined,
  GiftOutlined,
  HeartOutlined,
  HomeOutlined,
  MoonOutlined,
  NotificationOutlined,
  PhoneOutlined,
  ProfileOutlined,
  ProjectOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  SolutionOutlined,
  TagsOutlined,
  TeamOutlined,
  ToolOutlined,
  UserSwitchOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import {
  ARREARS_READ_ROLES,
  KPI_ROLES,
  RESIDENT_AUDIT_ROLES,
  type Role,
  VIP_READ_ROLES,
} from '@wuye/contracts';
import type { ComponentType, ReactNode } from 'react';
import { AlertsBadge } from '../../modules/alerts/components/AlertsBadge';
import type { MessageKey } from '../i18n/messages';

const ALL_STAFF: readonly Role[] = [
  'gm',
  'hq_cs',
  'manager',
  'cs_supervisor',
  'cs_agent',
  'steward',
  'lobby',
  'cashier',
  'technician',
  'dept_lead',
  'control_room',
  'quality',
];

export type NavItem = {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  roles: readonly Role[];
  /** A count shown next to the label (e.g. my open alerts). */
  badge?: ComponentType;
  /** The submenu the item sits in (items of a group are listed together). */
  group?: { key: string; label: MessageKey; icon: ReactNode };
};

/** 客户关系维护 (spec 03 §6): one submenu for the relationship work. */
const RELATIONS = { key: 'relations', label: 'nav.relations', icon: <HeartOutlined /> } as const;

export const NAV_ITEMS: readonly NavItem[] = [
  { path: '/', label: 'nav.home', icon: <HomeOutlined />, roles: ALL_STAFF },
  {
    path: '/desk',
    label: 'nav.desk',
    icon: <CustomerServiceOutlined />,
    roles: ['cs_agent', 'cs_supervisor', 'steward', 'lobby', 'control_room', 'manager', 'hq_cs', 'gm'],
  },
  {
    path: '/handover',
    label: 'nav.handover',
    icon: <MoonOutlined />,
    roles: ['control_room', 'cs_agent', 'cs_supervisor', 'manager'],
  },
  {
    path: '/board',
    label: 'nav.board',
    icon: <ProjectOutlined />,
    roles: ['dept_lead', 'cs_agent', 'cs_supervisor', 'manager', 'hq_cs', 'gm'],
  },
  { path: '/tech', label: 'nav.tech', icon: <ToolOutlined />, roles: ['technician', 'dept_lead'] },
  {
    path: '/cashier',
    label: 'nav.cashier',
    icon: <AccountBookOutlined />,
    roles: ['cashier', 'manager', 'cs_supervisor', 'hq_cs', 'gm'],
  },
  // 欠费名单: the fee system's arrears list of the estate (decision 0024), loaded by the cashier.
  { path: '/arrears', label: 'nav.arrears', icon: <WalletOutlined />, roles: ARREARS_READ_ROLES },
  {
    path: '/callbacks',
    label: 'nav.callbacks',
    icon: <PhoneOutlined />,
    roles: ['cs_agent', 'cs_supervisor', 'steward', 'dept_lead', 'manager', 'hq_cs', 'gm'],
  },
  { path: '/alerts', label: 'nav.alerts', icon: <AlertOutlined />, roles: ALL_STAFF, badge: AlertsBadge },
  {
    path: '/complaints',
    label: 'nav.complaints',
    icon: <CommentOutlined />,
    roles: ['cs_supervisor', 'cs_agent', 'manager', 'hq_cs', 'gm', 'quality'],
  },
  {
    path: '/complaints/events',
    label: 'nav.complaintEvents',
    icon: <NotificationOutlined />,
    roles: ['cs_supervisor', 'cs_agent', 'manager', 'hq_cs', 'gm', 'steward', 'quality'],
  },
  // 投诉分析: the month's complaint KPIs and recurring problems, for those who read KPIs (GET /api/kpis).
  {
    path: '/complaints/analysis',
    label: 'nav.complaintAnalysis',
    icon: <BarChartOutlined />,
    roles: KPI_ROLES,
  },
  // 案例库: company-wide learning, read by every staff role (spec 02 §5 "searchable by all staff").
  { path: '/complaints/cases', label: 'nav.complaintCases', icon: <BookOutlined />, roles: ALL_STAFF },
  {
    path: '/complaints/company-callbacks',
    label: 'nav.companyCallbacks',
    icon: <SolutionOutlined />,
    roles: ['hq_cs', 'gm'],
  },
  {
    path: '/relations/visits',
    label: 'nav.visits',
    icon: <UserSwitchOutlined />,
    roles: ['steward', 'lobby', 'cs_agent', 'cs_supervisor', 'manager', 'hq_cs', 'gm'],
    group: RELATIONS,
  },
  {
    path: '/relations/manager',
    label: 'nav.managerDesk',
    icon: <CalendarOutlined />,
    roles: ['cs_agent', 'cs_supervisor', 'manager', 'hq_cs', 'gm'],
    group: RELATIONS,
  },
  {
    path: '/relations/liaison',
    label: 'nav.liaison',
    icon: <TeamOutlined />,
    roles: ['cs_agent', 'cs_supervisor', 'steward', 'manager', 'hq_cs', 'gm'],
    group: RELATIONS,
  },
  {
    path: '/relations/notices',
    label: 'nav.notices',
    icon: <ReadOutlined />,
    roles: ALL_STAFF,
    group: RELATIONS,
  },
  {
    path: '/relations/greetings',
    label: 'nav.greetings',
    icon: <GiftOutlined />,
    roles: ['steward', 'lobby', 'cs_agent', 'cs_supervisor', 'manager', 'hq_cs', 'gm'],
    group: RELATIONS,
  },
  { path: '/requests', label: 'nav.requests', icon: <ProfileOutlined />, roles: ALL_STAFF },
  { path: '/units', label: 'nav.units', icon: <BankOutlined />, roles: ALL_STAFF },
  { path: '/residents', label: 'nav.residents', icon: <TeamOutlined />, roles: ALL_STAFF },
  // VIP 客户: applications, cards, reminders and the service log (the estate's VIP assistant).
  { path: '/vip', label: 'nav.vip', icon: <CrownOutlined />, roles: VIP_READ_ROLES },
  {
    path: '/audit',
    label: 'nav.audit',
    icon: <SafetyCertificateOutlined />,
    roles: RESIDENT_AUDIT_ROLES,
  },
  { path: '/organization', label: 'nav.organization', icon: <ApartmentOutlined />, roles: ALL_STAFF },
  { path: '/categories', label: 'nav.categories', icon: <TagsOutlined />, roles: ALL_STAFF },
  {
    path: '/settings/estate',
    label: 'nav.estateSettings',
    icon: <ControlOutlined />,
    roles: ['manager', 'hq_cs', 'gm', 'cs_supervisor'],
  },
  {
    path: '/settings/sla',
    label: 'nav.slaSettings',
    icon: <FieldTimeOutlined />,
    roles: ['manager', 'hq_cs', 'gm', 'cs_supervisor'],
  },
];

export function canUse(item: Pick<NavItem, 'roles'>, roles: readonly Role[]): boolean {
  return roles.some((r) => item.roles.includes(r));
}

export function isStaff(roles: readonly Role[]): boolean {
  return roles.some((r) => ALL_STAFF.includes(r));
}

/** The menu item a path belongs to (the longest matching prefix). */
export function activeNavPath(pathname: string): string {
  const match = NAV_ITEMS.filter(
    (i) => i.path !== '/' && (pathname === i.path || pathname.startsWith(`${i.path}/`)),
  );
  return match.sort((a, b) => b.path.length - a.path.length)[0]?.path ?? '/';
}
