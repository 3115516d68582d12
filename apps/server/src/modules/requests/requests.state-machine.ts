/**
 * The request lifecycle (spec 01 §3) as one table: which action is allowed from which state and
 * where it leads. Pure: the use cases ask it before they touch the database, and a test walks every
 * (state, action) pair.
 */
import type { RequestAction, RequestState, RequestType } from '@wuye/contracts';

export interface TransitionContext {
  type: RequestType;
  /** For complaints: the validity class, once set (invalid complaints may complete from `new`). */
  complaintValidity?: 'effective' | 'assisted' | 'invalid' | null;
  stateBeforeHold?: RequestState | null;
  /** Whether the request was ever dispatched (reopen goes back to the last department, else new). */
  everDispatched: boolean;
  /** complete: how the resident confirmed. */
  confirmationMethod?: 'signature' | 'portal' | 'phone';
  /** close: the last callback try could not reach the resident. */
  unreachableAfterLastTry?: boolean;
}

/** Types handled at the desk without dispatch (spec 01 §3: new → confirmed/done → closed). */
export const DESK_TYPES: readonly RequestType[] = ['enquiry', 'suggestion', 'praise', 'help'];
/** Types that need a callback before they close (100% repair callback). */
export const CALLBACK_REQUIRED_TYPES: readonly RequestType[] = ['repair', 'paid_service'];

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

export type TransitionResult = { ok: true; to: RequestState } | { ok: false };

const refuse: TransitionResult = { ok: false };
const to = (state: RequestState): TransitionResult => ({ ok: true, to: state });

export function completesFromNew(ctx: Pick<TransitionContext, 'type' | 'complaintValidity'>): boolean {
  return DESK_TYPES.includes(ctx.type) || (ctx.type === 'complaint' && ctx.complaintValidity === 'invalid');
}

export function needsCallback(type: RequestType): boolean {
  return CALLBACK_REQUIRED_TYPES.includes(type);
}

/** Where `action` from `from` leads, or a refusal (422 INVALID_TRANSITION). */
export function nextState(
  from: RequestState,
  action: RequestAction,
  ctx: TransitionContext,
): TransitionResult {
  switch (action) {
    case 'dispatch':
      return ['new', 'dispatched', 'accepted'].includes(from) ? to('dispatched') : refuse;
    case 'accept':
      return from === 'dispatched' ? to('accepted') : refuse;
    case 'arrive':
      return from === 'accepted' ? to('on_site') : refuse;
    case 'start':
      return from === 'on_site' ? to('in_progress') : refuse;
    case 'quote':
    case 'approve_quote':
      return WORK_STATES.includes(from) ? to(from) : refuse;
    case 'hold':
      return OPEN_AFTER_NEW.includes(from) ? to('on_hold') : refuse;
    case 'resume':
      return from === 'on_hold' && ctx.stateBeforeHold ? to(ctx.stateBeforeHold) : refuse;
    case 'complete': {
      const allowed =
        from === 'on_site' || from === 'in_progress' || (from === 'new' && completesFromNew(ctx));
      if (!allowed || !ctx.confirmationMethod) return refuse;
      return to(ctx.confirmationMethod === 'portal' ? 'done' : 'confirmed');
    }
    case 'confirm':
      return from === 'done' ? to('confirmed') : refuse;
    case 'cancel':
      return ['new', 'dispatched', 'accepted', 'on_hold'].includes(from) ? to('cancelled') : refuse;
    case 'reopen':
      return ['done', 'confirmed', 'callback_done', 'closed'].includes(from)
        ? to(ctx.everDispatched ? 'dispatched' : 'new')
        : refuse;
    case 'close':
      if (from === 'callback_done') return to('closed');
      if (
        (from === 'confirmed' || from === 'done') &&
        (!needsCallback(ctx.type) || ctx.unreachableAfterLastTry)
      )
        return to('closed');
      return refuse;
    case 'transfer_owner':
      return from === 'closed' || from === 'cancelled' ? refuse : to(from);
  }
}

/** The state a reached callback leads to (callbacks are their own endpoint, not an action). */
export function afterCallback(from: RequestState, reached: boolean): TransitionResult {
  if (from !== 'done' && from !== 'confirmed') return refuse;
  return to(reached ? 'callback_done' : from);
}
