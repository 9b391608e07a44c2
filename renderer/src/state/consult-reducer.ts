import { newOutboundCall, type ConsultFailureReason } from '../../../shared/call';
import type { CallInfo, DeclineReason, EndCause, EndedBy } from '../phone';
import { applyAgentEvent, applyCallEvent, closeEndedCall } from './fold';
import { withoutConsultNotices, type CallEntry, type NoticeBody, type PhoneState } from './phone-state';

/**
 * The escalation half of the reducer: a consult leg is its own phone call, and every step of it
 * is also an event on the customer's call (consultDialed, consultAnswered, consultFailed, …), so
 * the customer's call carries the whole story: holds, consults, transfer.
 */
export function consultDialing(state: PhoneState, info: CallInfo, at: number): PhoneState {
  const pending = state.pendingConsult;
  if (!pending) return state;
  const { pendingConsult: _done, ...rest } = state;
  const leg: CallEntry = {
    info,
    call: newOutboundCall({ callId: info.callId, remote: { uri: info.remote.uri }, at }),
    waiting: false,
    muted: false,
    heldByRemote: false,
    remoteRinging: false,
    consultFor: pending.customer,
  };
  const withLeg: PhoneState = { ...rest, calls: [...rest.calls, leg], notices: withoutConsultNotices(rest.notices) };
  const next = applyCallEvent(withLeg, pending.customer, { type: 'consultDialed', at, target: pending.target });
  return applyAgentEvent(next, { type: 'consultStarted', callId: pending.customer });
}

export function consultAnswered(state: PhoneState, leg: CallEntry, at: number): PhoneState {
  const next = applyCallEvent(state, leg.info.callId, { type: 'answered', at });
  return leg.consultFor ? applyCallEvent(next, leg.consultFor, { type: 'consultAnswered', at }) : next;
}

/** The consult leg ended: a failed consult (with why), a cancel, the consultee hanging up, or the transfer closing it. */
export function consultLegEnded(
  state: PhoneState,
  leg: CallEntry,
  cause: EndCause,
  by: EndedBy,
  status: number | undefined,
  at: number,
  notify: (s: PhoneState, body: NoticeBody) => PhoneState,
  declineReason?: DeclineReason,
): PhoneState {
  const customerId = leg.consultFor;
  const rest: PhoneState = { ...state, calls: state.calls.filter((c) => c.info.callId !== leg.info.callId) };
  const customer = rest.calls.find((c) => c.info.callId === customerId);
  if (!customer || !customerId) return rest;
  const withStatus = status !== undefined ? { sipStatus: status } : {};
  let next = rest;
  switch (customer.call.phase) {
    case 'consult-ringing': {
      if (by === 'local') {
        next = applyCallEvent(rest, customerId, { type: 'consultCancelled', at });
      } else {
        const reason = failureReason(cause, status);
        next = applyCallEvent(rest, customerId, {
          type: 'consultFailed',
          at,
          reason,
          ...withStatus,
          ...(declineReason ? { declineReason } : {}),
        });
        next = notify(next, {
          kind: 'consult-failed',
          reason,
          ...(status !== undefined ? { status } : {}),
          ...(declineReason ? { declineReason } : {}),
        });
      }
      break;
    }
    case 'consulting':
    case 'three-way':
      next = applyCallEvent(
        rest,
        customerId,
        by === 'local' ? { type: 'consultCancelled', at } : { type: 'consultPartyHungUp', at },
      );
      if (by !== 'local') next = notify(next, { kind: 'consult-party-left' });
      break;
    case 'customer-left':
      // The customer had gone; with the consult party gone too, the call is over.
      next = applyCallEvent(rest, customerId, by === 'local' ? { type: 'localHangup', at } : { type: 'consultPartyHungUp', at });
      break;
    default:
      // transferring: the replaced consult dialog closing is expected; the REFER's outcome decides.
      return rest;
  }
  const after = next.calls.find((c) => c.info.callId === customerId);
  if (after && (after.call.phase === 'active' || after.call.phase === 'on-hold')) {
    next = applyAgentEvent(next, { type: 'consultEnded', callId: customerId });
  }
  if (after && after.call.phase === 'ended') next = closeEndedCall(next, { ...after, call: after.call }, at);
  return next;
}

export function failureReason(cause: EndCause, status: number | undefined): ConsultFailureReason {
  if (status === 480 || cause === 'unavailable') return 'no-agents';
  if (status === 486 || status === 600 || cause === 'busy') return 'busy';
  if (status === 603 || status === 403 || cause === 'rejected') return 'declined';
  if (status === 408 || status === 487 || cause === 'no-answer' || cause === 'cancelled') return 'no-answer';
  return 'error';
}
