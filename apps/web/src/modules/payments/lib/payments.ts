/**
 * Who may do what with a repair fee — the server's rules (payments.usecases.ts), mirrored so that only
 * buttons that can succeed are shown; the server still decides.
 */
import type { Role } from '@wuye/contracts';
import type { MessageKey } from '../../../app/i18n/messages';
import type { PaymentMethod, PaymentStatus } from '../payments.api';

export const PAYMENT_METHODS: readonly PaymentMethod[] = [
  'technician_cash',
  'technician_scan',
  'office',
  'portal',
];
const TECHNICIAN_METHODS: readonly PaymentMethod[] = ['technician_cash', 'technician_scan'];
const OFFICE_ROLES: readonly Role[] = ['cs_agent', 'cs_supervisor', 'cashier'];
const CONFIRM_ROLES: readonly Role[] = ['cashier', 'manager'];

export const PAYMENT_METHOD_KEYS: Record<PaymentMethod, MessageKey> = {
  technician_cash: 'payment.method.technician_cash',
  technician_scan: 'payment.method.technician_scan',
  office: 'payment.method.office',
  portal: 'payment.method.portal',
};
export const PAYMENT_METHOD_COLORS: Record<PaymentMethod, string> = {
  technician_cash: 'orange',
  technician_scan: 'cyan',
  office: 'blue',
  portal: 'purple',
};
export const PAYMENT_STATUS_KEYS: Record<PaymentStatus, MessageKey> = {
  collected: 'payment.status.collected',
  confirmed: 'payment.status.confirmed',
};

type User = { id: string; roles: readonly Role[]; departmentId: string | null };
type Job = {
  state: string;
  departmentId: string | null;
  assigneeId: string | null;
  completion: { chargeable?: boolean; completedById?: string } | null;
};

const COMPLETED = ['done', 'confirmed', 'callback_done', 'closed'];

export function isChargeableDone(r: Pick<Job, 'state' | 'completion'>): boolean {
  return COMPLETED.includes(r.state) && Boolean(r.completion?.chargeable);
}

/** The methods this user may record for this job. */
export function collectMethods(r: Job, user: User): PaymentMethod[] {
  const onSite =
    r.assigneeId === user.id ||
    r.completion?.completedById === user.id ||
    (user.roles.includes('dept_lead') && user.departmentId !== null && user.departmentId === r.departmentId);
  const office = user.roles.some((x) => OFFICE_ROLES.includes(x));
  return PAYMENT_METHODS.filter((m) => (TECHNICIAN_METHODS.includes(m) ? onSite : office));
}

export function canConfirm(user: Pick<User, 'roles'>): boolean {
  return user.roles.some((r) => CONFIRM_ROLES.includes(r));
}
