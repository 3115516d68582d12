/**
 * Which actions the request page offers: the server's lifecycle table (apps/server/src/modules/requests/
 * requests.state-machine.ts, spec 01 §3) and its "who may call what" rules, mirrored so the action bar
 * shows only buttons that can succeed. The server still decides (422 / 403 if this copy drifts).
 * Values are copied rather than imported: the contracts' schema modules would pull zod into the bundle.
 */
import type { RequestAction, RequestState, RequestType, Role } from '@wuye/contracts';

/** The order of REQUEST_ACTIONS in @wuye/contracts (checked by actions.test.ts). */
export const ACTIONS: readonly RequestAction[] = [
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
];

/** SLA_DEFAULTS.callbackRetries and .quoteApprovalAboveFen (checked by actions.test.ts). */
export const CALLBACK_RETRIES = 3;
export const QUOTE_APPROVAL_ABOVE_FEN = 10_000;

export const DESK_TYPES: readonly RequestType[] = ['enquiry', 'suggestion', 'praise', 'help'];
export const CALLBACK_REQUIRED_TYPES: readonly RequestType[] = ['repair', 'paid_service'];
export const OPEN_STATES: readonly RequestState[] = [
  'new',
  'dispatched',
  'accepted',
  'on_site',
  'in_progress',
  'done',
  'confirmed',
  'callback_done',
  'on_hold',
];
const OPEN_AFTER_NEW: readonly RequestState[] = [
  'dispatched',
  'accepted',
  'on_site',
  'in_progress',
  'done',
  'confirmed',
  'callback_done',
];
const WORK_STATES: readonly RequestState[] = ['accepted', 'on_site', 'in_progress'];
const WORK_ACTIONS: readonly RequestAction[] = [
  'accept',
  'arrive',
  'start',
  'quote',
  'hold',
  'resume',
  'complete',
];

export const DESK_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'manager',
  'control_room',
  'hq_cs',
  'gm',
];
export const CALLBACK_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'dept_lead',
  'manager',
  'hq_cs',
  'gm',
];

export type ActionRequest = {
  state: RequestState;
  type: RequestType;
  stateBeforeHold: RequestState | null;
  departmentId: string | null;
  assigneeId: string | null;
  quote: { needsApproval: boolean; approvedAt: string | null } | null;
  callbacks?: readonly { reached: boolean; at: string }[];
  /** What the last completion recorded (its `completedAt` starts the count of callback tries). */
  completion?: Record<string, unknown> | null;
  /** Complaints only: the validity class (invalid complaints complete from `new`). */
  complaintValidity?: string | null;
  /** The estate's callback tries before a request may close unreached (its 时限设置; default the seeds'). */
  callbackRetries?: number;
};

export type ActionUser = { id: string; roles: readonly Role[]; departmentId: string | null };

const has = (user: ActionUser, roles: readonly Role[]) => user.roles.some((r) => roles.includes(r));

export function needsCallback(type: RequestType): boolean {
  return CALLBACK_REQUIRED_TYPES.includes(type);
}

export function completesFromNew(r: Pick<ActionRequest, 'type' | 'complaintValidity'>): boolean {
  return DESK_TYPES.includes(r.type) || (r.type === 'complaint' && r.complaintValidity === 'invalid');
}

/**
 * The last `callbackRetries` (the estate's; `CALLBACK_RETRIES` by default) callback tries since the (last)
 * completion all failed to reach the resident: a reopened request needs tries of its own.
 */
export function unreachableAfterLastTry(
  r: Pick<ActionRequest, 'callbacks' | 'completion' | 'callbackRetries'>,
): boolean {
  const tries = r.callbackRetries ?? CALLBACK_RETRIES;
  const since = r.completion?.completedAt;
  const list = [...(r.callbacks ?? [])]
    .filter((c) => typeof since !== 'string' || Date.parse(c.at) >= Date.parse(since))
    .sort((a, b) => b.at.localeCompare(a.at));
  return list.length >= tries && list.slice(0, tries).every((c) => !c.reached);
}

/** The lifecycle table alone: is `action` allowed from the request's state? */
export function allowedByState(action: RequestAction, r: ActionRequest): boolean {
  const from = r.state;
  switch (action) {
    case 'dispatch':
      return from === 'new' || from === 'dispatched' || from === 'accepted';
    case 'accept':
      return from === 'dispatched';
    case 'arrive':
      return from === 'accepted';
    case 'start':
      return from === 'on_site';
    case 'quote':
      return WORK_STATES.includes(from);
    case 'approve_quote':
      return WORK_STATES.includes(from) && Boolean(r.quote?.needsApproval && !r.quote.approvedAt);
    case 'hold':
      return OPEN_AFTER_NEW.includes(from);
    case 'resume':
      return from === 'on_hold' && r.stateBeforeHold !== null;
    case 'complete':
      return from === 'on_site' || from === 'in_progress' || (from === 'new' && completesFromNew(r));
    case 'confirm':
      return from === 'done';
    case 'cancel':
      return from === 'new' || from === 'dispatched' || from === 'accepted' || from === 'on_hold';
    case 'reopen':
      return from === 'done' || from === 'confirmed' || from === 'callback_done' || from === 'closed';
    case 'close':
      if (from === 'callback_done') return true;
      return (
        (from === 'confirmed' || from === 'done') && (!needsCallback(r.type) || unreachableAfterLastTry(r))
      );
    case 'transfer_owner':
      return from !== 'closed' && from !== 'cancelled';
  }
}

/** The server's role rules for an action on this request (assertMayAct in requests.usecases.ts). */
export function allowedForUser(action: RequestAction, r: ActionRequest, user: ActionUser): boolean {
  if (action === 'approve_quote') return has(user, ['manager']);
  if (action === 'confirm') return has(user, ['cs_agent', 'cs_supervisor']);
  if (action === 'dispatch') {
    if (has(user, DESK_ROLES)) return true;
    return (
      has(user, ['dept_lead']) &&
      user.departmentId !== null &&
      (r.departmentId === null || r.departmentId === user.departmentId)
    );
  }
  if (WORK_ACTIONS.includes(action)) {
    const inDept = user.departmentId !== null && user.departmentId === r.departmentId;
    if (r.assigneeId === user.id) return true;
    if (inDept && has(user, ['dept_lead'])) return true;
    if (inDept && !r.assigneeId && has(user, ['technician'])) return true;
    return (
      !r.departmentId &&
      (action === 'hold' || action === 'resume' || action === 'complete') &&
      has(user, ['cs_agent', 'cs_supervisor'])
    );
  }
  return has(user, DESK_ROLES);
}

/** The actions to offer, in lifecycle order. */
export function availableActions(r: ActionRequest, user: ActionUser): RequestAction[] {
  return ACTIONS.filter((a) => allowedByState(a, r) && allowedForUser(a, r, user));
}

/** The company complaint centre's roles, who call back handled complaints (seed 004 第四十二条). */
export const COMPANY_CALLBACK_ROLES: readonly Role[] = ['hq_cs', 'gm'];

/**
 * Whether this user's callback on a complaint is the company-level one still owed: a company role, the
 * complaint handled (even closed), and no company callback yet (the server's companyCallbackOwed).
 */
export function owesCompanyCallback(
  r: Pick<ActionRequest, 'state' | 'type'> & { companyCallbackMade: boolean },
  user: ActionUser,
): boolean {
  return (
    r.type === 'complaint' &&
    ['done', 'confirmed', 'callback_done', 'closed'].includes(r.state) &&
    !r.companyCallbackMade &&
    has(user, COMPANY_CALLBACK_ROLES)
  );
}

/** Whether a callback can be recorded now (done or confirmed, by a callback role; or the company's). */
export function canCallBack(
  r: Pick<ActionRequest, 'state' | 'type'> & { companyCallbackMade?: boolean },
  user: ActionUser,
): boolean {
  if (owesCompanyCallback({ ...r, companyCallbackMade: r.companyCallbackMade ?? false }, user)) return true;
  return (r.state === 'done' || r.state === 'confirmed') && has(user, CALLBACK_ROLES);
}

/** The action that moves the request forward from here (shown as the primary button). */
export function primaryAction(r: ActionRequest, available: readonly RequestAction[]): RequestAction | null {
  const order: Partial<Record<RequestState, RequestAction[]>> = {
    new: completesFromNew(r) ? ['complete', 'dispatch'] : ['dispatch'],
    dispatched: ['accept'],
    accepted: ['arrive'],
    on_site: ['start', 'complete'],
    in_progress: ['complete'],
    on_hold: ['resume'],
    done: ['confirm', 'close'],
    confirmed: ['close'],
    callback_done: ['close'],
  };
  return (order[r.state] ?? []).find((a) => available.includes(a)) ?? null;
}

/** The actions a technician works through, in order (the mobile view's big buttons). */
export const WORK_FLOW: readonly RequestAction[] = ['accept', 'arrive', 'start', 'complete'];
