import { transitionAgent, type AgentEvent } from '../../../shared/agent';
import { transitionCall, type CallEvent, type EndedCall } from '../../../shared/call';
import { withoutConsultNotices, type CallEntry, type PhoneState } from './phone-state';

/**
 * The reducers' building blocks: apply an event through the shared machines. An event a machine
 * refuses leaves that part unchanged (the phone is the truth about SIP; the machines guard what
 * the agent is shown).
 */
export function updateEntry(state: PhoneState, callId: string, update: (entry: CallEntry) => CallEntry): PhoneState {
  return { ...state, calls: state.calls.map((c) => (c.info.callId === callId ? update(c) : c)) };
}

export function applyCallEvent(state: PhoneState, callId: string, event: CallEvent): PhoneState {
  return updateEntry(state, callId, (entry) => {
    const result = transitionCall(entry.call, event);
    return result.ok ? { ...entry, call: result.value } : entry;
  });
}

export function applyAgentEvent(state: PhoneState, event: AgentEvent): PhoneState {
  const result = transitionAgent(state.agent, event);
  return result.ok ? { ...state, agent: result.value } : state;
}

/** A call that reached `ended`: off the screen with its consult legs, kept as the last ended call, and wrap-up starts. */
export function closeEndedCall(state: PhoneState, entry: CallEntry & { readonly call: EndedCall }, at: number): PhoneState {
  const callId = entry.info.callId;
  const calls = state.calls.filter((c) => c.info.callId !== callId && c.consultFor !== callId);
  return applyAgentEvent(
    { ...state, calls, lastEnded: { info: entry.info, call: entry.call }, notices: withoutConsultNotices(state.notices) },
    { type: 'callEnded', callId, at },
  );
}
