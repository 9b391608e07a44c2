import type { AgentStatusInput } from '../../../shared/host-api/agent-status';
import { missingCaseError } from '../../../shared/result';
import type { HostCommandEvent, RendererHost } from '../host';
import type { CallId } from '../phone';
import { talkingCall, type PhoneState } from './phone-state';
import type { PhoneStore } from './phone-store';

/**
 * Connects the phone store to the host: the OS side (tray, notifications, global shortcuts,
 * tel: links) sends commands in; the agent's state goes out for the tray and notifications.
 */
export function bridgeHost(host: RendererHost, store: PhoneStore): () => void {
  const stopEvents = host.onHostEvent((event) => {
    switch (event.type) {
      case 'dial-link':
        store.requestDial(event.target);
        return;
      case 'command':
        runCommand(store, event);
        return;
      default:
        throw missingCaseError(event);
    }
  });

  let last = '';
  const report = () => {
    const status = agentStatusOf(store.getSnapshot());
    const key = JSON.stringify(status);
    if (key === last) return;
    last = key;
    void host.reportAgentStatus(status);
  };
  report();
  const stopReports = store.subscribe(report);
  return () => {
    stopEvents();
    stopReports();
  };
}

/** Carries out a command from the OS side (or an in-window shortcut in browser mode). */
export function runCommand(store: PhoneStore, event: HostCommandEvent): void {
  const state = store.getSnapshot();
  const talking = talkingCall(state) ?? state.calls.find((c) => c.call.phase === 'on-hold');
  switch (event.command) {
    case 'answer':
    case 'decline': {
      const offered = state.calls.find((c) => c.call.phase === 'offered');
      // A click on a notification names its call: never answer a later call with it.
      if (!offered || ('callId' in event && event.callId !== undefined && event.callId !== offered.info.callId)) return;
      if (event.command === 'answer') void store.answer(offered.info.callId);
      else store.reject(offered.info.callId);
      return;
    }
    case 'hangup':
      if (talking) store.hangup(talking.info.callId);
      return;
    case 'mute':
      if (talking) store.toggleMute(talking.info.callId);
      return;
    case 'hold':
      if (talking) store.toggleHold(talking.info.callId);
      return;
    case 'escalate':
      store.requestEscalation();
      return;
    case 'go-available':
      store.goAvailable();
      return;
    case 'go-break':
      store.takeBreak(event.reason);
      return;
    case 'go-offline':
      void store.signOut();
      return;
    default:
      throw missingCaseError(event);
  }
}

export function agentStatusOf(state: PhoneState): AgentStatusInput {
  const agent = state.agent;
  const offered = state.calls.find((c) => c.call.phase === 'offered');
  return {
    agentState: { kind: agent.kind, ...(agent.kind === 'break' ? { breakReason: agent.reason } : {}) },
    ...(offered
      ? {
          incomingCall: {
            callId: offered.info.callId as CallId,
            callerName: offered.info.remote.name ?? offered.info.remote.number,
            number: offered.info.remote.number,
            queue: offered.info.queue?.name ?? '',
          },
        }
      : {}),
  };
}
