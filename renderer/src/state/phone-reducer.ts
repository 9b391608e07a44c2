import type { AgentEvent, AgentState } from '../../../shared/agent';
import { newInboundCall, newOutboundCall, transitionCall, type Call, type CallEvent } from '../../../shared/call';
import { missingCaseError } from '../../../shared/result';
import type { CallInfo, EndCause, EndedBy, PhoneEvent } from '../phone';
import { consultAnswered, consultDialing, consultLegEnded } from './consult-reducer';
import { applyAgentEvent, applyCallEvent, closeEndedCall, updateEntry } from './fold';
import { MAX_NOTICES, withoutConsultNotices, type CallEntry, type NoticeBody, type PhoneState } from './phone-state';

/**
 * Folds one phone event into the state, through the shared agent and call state machines.
 * Pure: `at` is the event's time. An event the machines refuse leaves that part unchanged
 * (the phone is the truth about SIP; the machines guard what the agent is shown).
 */
export function reducePhoneEvent(state: PhoneState, event: PhoneEvent, at: number): PhoneState {
  switch (event.type) {
    case 'registration':
      return onRegistration({ ...state, registration: event.status });
    case 'incoming': {
      const waiting = event.waiting || state.agent.kind !== 'available';
      const next = addCall(
        state,
        event.call,
        newInboundCall({ callId: event.call.callId, remote: remoteOf(event.call), at }),
        waiting,
      );
      return waiting ? next : applyAgentEvent(next, { type: 'callOffered', callId: event.call.callId });
    }
    case 'replacing': {
      // The customer of a colleague's warm transfer replaces our consult call: same conversation, new dialog.
      const old = state.calls.find((c) => c.info.callId === event.call.replaces);
      const info =
        old?.info.contextHeader && !event.call.contextHeader
          ? {
              ...event.call,
              contextHeader: old.info.contextHeader,
              // Judged against the consult INVITE it came on, not the customer's INVITE that replaced it.
              ...(old.info.contextReceived ? { contextReceived: old.info.contextReceived } : {}),
            }
          : event.call;
      return addCall(state, info, newInboundCall({ callId: info.callId, remote: remoteOf(info), at }), false);
    }
    case 'refused':
      return notify(state, {
        kind: 'refused',
        caller: callerOf(event.call),
        ...(event.call.queue ? { queue: event.call.queue.name } : {}),
      });
    case 'offer-lost':
      // A ringing call whose offer went with the connection: off the desk, and the agent back to where a withdrawn
      // offer leaves them. Not `lastEnded`: no wrap-up, no history line, no missed-call break (the queue offers the
      // same call again once the phone is back, and that one is the call).
      return applyAgentEvent(
        { ...state, calls: state.calls.filter((c) => c.info.callId !== event.callId) },
        { type: 'offerWithdrawn', callId: event.callId },
      );
    case 'dialing': {
      if (state.pendingConsult) return consultDialing(state, event.call, at);
      const next = addCall(
        state,
        event.call,
        newOutboundCall({ callId: event.call.callId, remote: remoteOf(event.call), at }),
        false,
      );
      return applyAgentEvent(next, { type: 'callPlaced', callId: event.call.callId });
    }
    case 'ringing':
      return updateEntry(state, event.callId, (e) => ({ ...e, remoteRinging: true, queued: event.queued === true }));
    case 'answered': {
      const entry = state.calls.find((c) => c.info.callId === event.callId);
      if (entry?.consultFor) return consultAnswered(state, entry, at);
      const next = applyCallEvent(state, event.callId, { type: 'answered', at });
      return entry && !entry.waiting && entry.info.direction === 'inbound'
        ? applyAgentEvent(next, { type: 'callAnswered', callId: event.callId })
        : next;
    }
    case 'held':
      return event.by === 'local'
        ? applyCallEvent(state, event.callId, { type: 'held', at })
        : updateEntry(state, event.callId, (e) => ({ ...e, heldByRemote: true }));
    case 'resumed':
      return event.by === 'local'
        ? applyCallEvent(state, event.callId, { type: 'resumed', at })
        : updateEntry(state, event.callId, (e) => ({ ...e, heldByRemote: false }));
    case 'hold-failed':
      return notify(state, { kind: 'hold-failed', status: event.status, resuming: event.resuming });
    case 'muted':
    case 'unmuted':
      return updateEntry(state, event.callId, (e) => ({ ...e, muted: event.type === 'muted' }));
    case 'dtmf-sent':
      return state;
    case 'call-network':
      return updateEntry(state, event.callId, ({ network: _, ...e }) =>
        event.state === 'recovered' ? e : { ...e, network: event.state },
      );
    case 'transfer-accepted':
      return onTransferred(state, event.callId, at);
    case 'transfer-failed': {
      const next = applyCallEvent(state, event.callId, {
        type: 'transferFailed',
        at,
        ...(event.status !== undefined ? { sipStatus: event.status } : {}),
      });
      return notify(next, { kind: 'transfer-failed', ...(event.status !== undefined ? { status: event.status } : {}) });
    }
    case 'ended':
      return onEnded(state, event, at);
    default:
      throw missingCaseError(event);
  }
}

/** A command-level fact: the agent chose a state (Available, a break, sign out, wrap-up done). */
export function reduceAgentEvent(state: PhoneState, event: AgentEvent): PhoneState {
  return applyAgentEvent(state, event);
}

export function notify(state: PhoneState, body: NoticeBody): PhoneState {
  const notice = { ...body, id: state.nextNoticeId };
  return { ...state, notices: [notice, ...state.notices].slice(0, MAX_NOTICES), nextNoticeId: state.nextNoticeId + 1 };
}

export function dismissNotice(state: PhoneState, id: number): PhoneState {
  return { ...state, notices: state.notices.filter((n) => n.id !== id) };
}

function onRegistration(state: PhoneState): PhoneState {
  const status = state.registration;
  const signedInStates: readonly AgentState['kind'][] = ['available', 'break', 'ringing'];
  switch (status.state) {
    case 'registered': {
      if (state.agent.kind !== 'offline') return state;
      const back = applyAgentEvent(state, { type: 'signedIn' });
      const before = state.beforeDrop;
      const { beforeDrop: _gone, ...rest } = back;
      // A break survives a dropped connection: the agent comes back on the same break.
      // A system break (missed call) is not a reason the agent can choose; it comes back as "other".
      if (before?.kind !== 'break') return rest;
      return applyAgentEvent(rest, { type: 'tookBreak', reason: before.reason === 'missed-call' ? 'other' : before.reason });
    }
    case 'connecting':
    case 'failed':
    case 'unregistered':
      // A call in progress may survive a short drop (the media path is separate); only an idle agent goes offline.
      return signedInStates.includes(state.agent.kind)
        ? { ...applyAgentEvent(state, { type: 'connectionLost' }), beforeDrop: state.agent }
        : state;
    case 'stopped':
      return state.agent.kind === 'offline' ? state : { ...state, agent: { kind: 'offline' } };
    case 'registering':
      return state;
    default:
      throw missingCaseError(status);
  }
}

function onEnded(state: PhoneState, ended: Extract<PhoneEvent, { readonly type: 'ended' }>, at: number): PhoneState {
  const { callId, cause, by, status } = ended;
  const entry = state.calls.find((c) => c.info.callId === callId);
  if (!entry) return state;
  if (entry.consultFor) return consultLegEnded(state, entry, cause, by, status, at, notify, ended.declineReason);
  const phase = entry.call.phase;
  const event = endEvent(phase, cause, by, status, at);
  const result = transitionCall(entry.call, event);
  const finalCall: Call = result.ok ? result.value : entry.call;
  if (finalCall.phase !== 'ended' && result.ok) {
    // The customer hung up during a consult: the agent stays with the consult party and is told.
    const kept = { ...state, calls: state.calls.map((c) => (c.info.callId === callId ? { ...c, call: finalCall } : c)) };
    return notify(kept, { kind: 'customer-left-during-consult', caller: callerOf(entry.info) });
  }
  // Its consult leg goes with it (the store hangs it up): never the call the agent is switched to (walk fault 1).
  const rest = state.calls.filter((c) => c.info.callId !== callId && c.consultFor !== callId);
  let next: PhoneState = {
    ...state,
    calls: rest,
    lastEnded: { info: entry.info, call: finalCall },
    notices: finalCall.consults.length > 0 ? withoutConsultNotices(state.notices) : state.notices,
  };
  if (by !== 'local' && !(phase === 'offered' && cause === 'cancelled')) {
    next = notify(next, { kind: 'call-ended', caller: callerOf(entry.info), cause, ...(status !== undefined ? { status } : {}) });
  }
  const primary = 'callId' in state.agent ? state.agent.callId : undefined;
  if (primary !== callId) return next;
  if (phase === 'offered') {
    const agentEvent: AgentEvent =
      by === 'local'
        ? { type: 'callDeclined', callId }
        : cause === 'no-answer'
          ? { type: 'callMissed', callId }
          : { type: 'offerWithdrawn', callId };
    return applyAgentEvent(next, agentEvent);
  }
  const other = rest.find((c) => c.info.replaces === callId || (c.call.phase !== 'offered' && c.call.phase !== 'dialing'));
  return other
    ? applyAgentEvent(next, { type: 'callSwitched', callId, to: other.info.callId })
    : applyAgentEvent(next, { type: 'callEnded', callId, at });
}

/** The REFER worked: the customer is with the consultee now; this agent's legs go and wrap-up starts. */
function onTransferred(state: PhoneState, callId: string, at: number): PhoneState {
  const next = applyCallEvent(state, callId, { type: 'transferCompleted', at });
  const entry = next.calls.find((c) => c.info.callId === callId);
  return entry && entry.call.phase === 'ended' ? closeEndedCall(next, { ...entry, call: entry.call }, at) : next;
}

function endEvent(phase: Call['phase'], cause: EndCause, by: EndedBy, status: number | undefined, at: number): CallEvent {
  const withStatus = status !== undefined ? { sipStatus: status } : {};
  if (phase === 'offered') {
    if (by === 'local') return { type: 'rejected', at, ...withStatus };
    if (cause === 'no-answer') return { type: 'ringTimedOut', at };
    if (cause === 'cancelled' || cause === 'hangup') return { type: 'customerHungUp', at };
    return { type: 'failed', at, ...withStatus };
  }
  if (phase === 'dialing') {
    if (by === 'local') return { type: 'localHangup', at };
    if (['rejected', 'busy', 'unavailable', 'not-found', 'no-answer', 'address-incomplete'].includes(cause))
      return { type: 'rejected', at, ...withStatus };
    return { type: 'failed', at, ...withStatus };
  }
  if (by === 'local') return { type: 'localHangup', at };
  if (by === 'remote' && cause === 'hangup') return { type: 'customerHungUp', at };
  return { type: 'failed', at, ...withStatus };
}

function addCall(state: PhoneState, info: CallInfo, call: Call, waiting: boolean): PhoneState {
  const entry: CallEntry = { info, call, waiting, muted: false, heldByRemote: false, remoteRinging: false };
  return { ...state, calls: [...state.calls, entry] };
}

function remoteOf(info: CallInfo) {
  return { uri: info.remote.uri, ...(info.remote.name ? { displayName: info.remote.name } : {}) };
}

export function callerOf(info: CallInfo): string {
  return info.remote.name ? `${info.remote.name} (${info.remote.number})` : info.remote.number;
}
