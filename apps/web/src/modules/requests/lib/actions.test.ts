import {
  REQUEST_ACTIONS,
  REQUEST_STATES,
  REQUEST_TYPES,
  type RequestAction,
  type RequestState,
  type RequestType,
  SLA_DEFAULTS,
} from '@wuye/contracts';
import { describe, expect, it } from 'vitest';
// The server's table is the reference this copy mirrors (a test-only import; nothing of the server
// reaches the browser bundle).
import { nextState } from '../../../../../server/src/modules/requests/requests.state-machine.ts';
import {
  ACTIONS,
  type ActionRequest,
  type ActionUser,
  allowedByState,
  availableActions,
  CALLBACK_RETRIES,
  canCallBack,
  primaryAction,
  QUOTE_APPROVAL_ABOVE_FEN,
  unreachableAfterLastTry,
} from './actions';

function request(state: RequestState, type: RequestType, extra: Partial<ActionRequest> = {}): ActionRequest {
  return {
    state,
    type,
    stateBeforeHold: state === 'on_hold' ? 'accepted' : null,
    departmentId: null,
    assigneeId: null,
    quote: { needsApproval: true, approvedAt: null },
    callbacks: [],
    ...extra,
  };
}

describe('the action table', () => {
  it('copies the contracts constants', () => {
    expect(ACTIONS).toEqual(REQUEST_ACTIONS);
    expect(CALLBACK_RETRIES).toBe(SLA_DEFAULTS.callbackRetries);
    expect(QUOTE_APPROVAL_ABOVE_FEN).toBe(SLA_DEFAULTS.quoteApprovalAboveFen);
  });

  it('allows exactly what the server state machine allows, for every state, action and type', () => {
    const unreachable = [0, 1, 2].map((i) => ({ reached: false, at: `2026-01-0${i + 1}T00:00:00Z` }));
    for (const type of REQUEST_TYPES)
      for (const state of REQUEST_STATES)
        for (const action of REQUEST_ACTIONS as readonly RequestAction[])
          for (const tried of [false, true]) {
            const r = request(state, type, { callbacks: tried ? unreachable : [] });
            const server = nextState(state, action, {
              type,
              stateBeforeHold: r.stateBeforeHold,
              everDispatched: false,
              confirmationMethod: 'phone',
              unreachableAfterLastTry: tried,
            });
            expect(allowedByState(action, r), `${type} ${state} ${action} tried=${tried}`).toBe(server.ok);
          }
  });

  it('counts the callback tries since the last completion only, as the server does', () => {
    const tries = [0, 1, 2].map((i) => ({ reached: false, at: `2026-01-0${i + 1}T00:00:00Z` }));
    expect(unreachableAfterLastTry({ callbacks: tries, completion: null })).toBe(true);
    expect(
      unreachableAfterLastTry({ callbacks: tries, completion: { completedAt: '2026-01-02T00:00:00.000Z' } }),
    ).toBe(false);
  });

  it("uses the estate's own number of callback tries when it has one", () => {
    const two = [0, 1].map((i) => ({ reached: false, at: `2026-01-0${i + 1}T00:00:00Z` }));
    expect(unreachableAfterLastTry({ callbacks: two, completion: null })).toBe(false);
    expect(unreachableAfterLastTry({ callbacks: two, completion: null, callbackRetries: 2 })).toBe(true);
    const r = request('done', 'repair', { callbacks: two });
    expect(allowedByState('close', r)).toBe(false);
    expect(allowedByState('close', { ...r, callbackRetries: 2 })).toBe(true);
    const reachedLast = [...two, { reached: true, at: '2026-01-03T00:00:00Z' }];
    expect(unreachableAfterLastTry({ callbacks: reachedLast, completion: null, callbackRetries: 2 })).toBe(
      false,
    );
  });

  it('offers a technician the work on their own order only', () => {
    const tech: ActionUser = { id: 'u1', roles: ['technician'], departmentId: 'd1' };
    const mine = request('dispatched', 'repair', { departmentId: 'd1', assigneeId: 'u1' });
    expect(availableActions(mine, tech)).toEqual(['accept', 'hold']);
    const other = request('dispatched', 'repair', { departmentId: 'd1', assigneeId: 'u2' });
    expect(availableActions(other, tech)).toEqual([]);
    const unassigned = request('accepted', 'repair', { departmentId: 'd1', quote: null });
    expect(availableActions(unassigned, tech)).toEqual(['arrive', 'quote', 'hold']);
  });

  it('offers the desk dispatch and close, the manager the quote approval', () => {
    const agent: ActionUser = { id: 'a', roles: ['cs_agent'], departmentId: 'cs' };
    expect(availableActions(request('new', 'repair'), agent)).toEqual([
      'dispatch',
      'cancel',
      'transfer_owner',
    ]);
    expect(availableActions(request('new', 'enquiry'), agent)).toEqual([
      'dispatch',
      'complete',
      'cancel',
      'transfer_owner',
    ]);
    expect(availableActions(request('callback_done', 'repair', { departmentId: 'd1' }), agent)).toEqual([
      'reopen',
      'close',
      'transfer_owner',
    ]);
    expect(canCallBack(request('confirmed', 'repair'), agent)).toBe(true);
    // A closed complaint: the company complaint centre still owes its callback, the desk may not call.
    const centre: ActionUser = { id: 'h', roles: ['hq_cs'], departmentId: null };
    expect(canCallBack(request('closed', 'complaint'), agent)).toBe(false);
    expect(canCallBack(request('closed', 'complaint'), centre)).toBe(true);
    expect(canCallBack({ ...request('closed', 'complaint'), companyCallbackMade: true }, centre)).toBe(false);
    expect(canCallBack(request('in_progress', 'complaint'), centre)).toBe(false);
    const manager: ActionUser = { id: 'm', roles: ['manager'], departmentId: null };
    expect(availableActions(request('on_site', 'repair', { departmentId: 'd1' }), manager)).toContain(
      'approve_quote',
    );
  });

  it('moves the work forward with the primary button', () => {
    const agent: ActionUser = { id: 'a', roles: ['cs_agent'], departmentId: 'cs' };
    const r = request('new', 'repair');
    expect(primaryAction(r, availableActions(r, agent))).toBe('dispatch');
    const q = request('callback_done', 'repair');
    expect(primaryAction(q, availableActions(q, agent))).toBe('close');
  });
});
