/** Every (state, action) pair of the lifecycle table (spec 01 §3). */
import { REQUEST_ACTIONS, REQUEST_STATES, type RequestAction, type RequestState } from '@wuye/contracts';
import { describe, expect, it } from 'vitest';
import { afterCallback, nextState, type TransitionContext } from './requests.state-machine.ts';

const repair: TransitionContext = { type: 'repair', everDispatched: true, confirmationMethod: 'signature' };

/** Expected outcome for a dispatched repair confirmed by signature, held from `accepted`. */
const EXPECTED: Record<RequestAction, Partial<Record<RequestState, RequestState>>> = {
  dispatch: { new: 'dispatched', dispatched: 'dispatched', accepted: 'dispatched' },
  accept: { dispatched: 'accepted' },
  arrive: { accepted: 'on_site' },
  start: { on_site: 'in_progress' },
  quote: { accepted: 'accepted', on_site: 'on_site', in_progress: 'in_progress' },
  approve_quote: { accepted: 'accepted', on_site: 'on_site', in_progress: 'in_progress' },
  hold: {
    dispatched: 'on_hold',
    accepted: 'on_hold',
    on_site: 'on_hold',
    in_progress: 'on_hold',
    done: 'on_hold',
    confirmed: 'on_hold',
    callback_done: 'on_hold',
  },
  resume: { on_hold: 'accepted' },
  complete: { on_site: 'confirmed', in_progress: 'confirmed' },
  confirm: { done: 'confirmed' },
  cancel: { new: 'cancelled', dispatched: 'cancelled', accepted: 'cancelled', on_hold: 'cancelled' },
  reopen: { done: 'dispatched', confirmed: 'dispatched', callback_done: 'dispatched', closed: 'dispatched' },
  close: { callback_done: 'closed' },
  transfer_owner: {
    new: 'new',
    dispatched: 'dispatched',
    accepted: 'accepted',
    on_site: 'on_site',
    in_progress: 'in_progress',
    done: 'done',
    confirmed: 'confirmed',
    callback_done: 'callback_done',
    on_hold: 'on_hold',
  },
};

describe('the lifecycle table for a repair', () => {
  for (const action of REQUEST_ACTIONS) {
    for (const state of REQUEST_STATES) {
      const expected = EXPECTED[action][state];
      it(`${action} from ${state} → ${expected ?? 'refused'}`, () => {
        const result = nextState(state, action, { ...repair, stateBeforeHold: 'accepted' });
        expect(result).toEqual(expected ? { ok: true, to: expected } : { ok: false });
      });
    }
  }
});

describe('rules that depend on the request', () => {
  it('completes with a portal confirmation to done, awaiting the resident', () => {
    expect(nextState('in_progress', 'complete', { ...repair, confirmationMethod: 'portal' })).toEqual({
      ok: true,
      to: 'done',
    });
    expect(nextState('on_site', 'complete', { ...repair, confirmationMethod: 'phone' })).toEqual({
      ok: true,
      to: 'confirmed',
    });
  });

  it('lets desk types and invalid complaints complete from new, but not repairs or other complaints', () => {
    for (const type of ['enquiry', 'suggestion', 'praise', 'help'] as const) {
      expect(
        nextState('new', 'complete', { type, everDispatched: false, confirmationMethod: 'phone' }),
      ).toEqual({ ok: true, to: 'confirmed' });
    }
    expect(nextState('new', 'complete', repair)).toEqual({ ok: false });
    const complaint = {
      type: 'complaint' as const,
      everDispatched: false,
      confirmationMethod: 'phone' as const,
    };
    expect(nextState('new', 'complete', { ...complaint, complaintValidity: 'effective' })).toEqual({
      ok: false,
    });
    expect(nextState('new', 'complete', { ...complaint, complaintValidity: 'invalid' })).toEqual({
      ok: true,
      to: 'confirmed',
    });
  });

  it('closes repairs and paid services only after a callback, others once confirmed or done', () => {
    expect(nextState('confirmed', 'close', repair)).toEqual({ ok: false });
    expect(nextState('confirmed', 'close', { ...repair, type: 'paid_service' })).toEqual({ ok: false });
    expect(nextState('confirmed', 'close', { ...repair, unreachableAfterLastTry: true })).toEqual({
      ok: true,
      to: 'closed',
    });
    for (const type of ['enquiry', 'suggestion', 'praise', 'help', 'complaint'] as const) {
      expect(nextState('confirmed', 'close', { type, everDispatched: false })).toEqual({
        ok: true,
        to: 'closed',
      });
      expect(nextState('done', 'close', { type, everDispatched: false })).toEqual({ ok: true, to: 'closed' });
    }
  });

  it('reopens to new when the request was never dispatched', () => {
    expect(nextState('closed', 'reopen', { type: 'enquiry', everDispatched: false })).toEqual({
      ok: true,
      to: 'new',
    });
  });

  it('resumes to the state before the hold', () => {
    expect(nextState('on_hold', 'resume', { ...repair, stateBeforeHold: 'in_progress' })).toEqual({
      ok: true,
      to: 'in_progress',
    });
    expect(nextState('on_hold', 'resume', { ...repair, stateBeforeHold: null })).toEqual({ ok: false });
  });

  it('moves to callback_done only when the callback reached the resident', () => {
    expect(afterCallback('confirmed', true)).toEqual({ ok: true, to: 'callback_done' });
    expect(afterCallback('done', false)).toEqual({ ok: true, to: 'done' });
    expect(afterCallback('in_progress', true)).toEqual({ ok: false });
    expect(afterCallback('closed', true)).toEqual({ ok: false });
  });
});
