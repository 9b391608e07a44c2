import { err, missingCaseError, ok, type Result } from '../result';
import {
  AGENT_EVENT_TYPES,
  type AgentEvent,
  type AgentEventOf,
  type AgentEventType,
  type AgentState,
  type AgentStateKind,
  type AgentStateOf,
} from './agent-state';

export interface IllegalTransition {
  readonly kind: 'illegal-transition';
  readonly from: AgentStateKind;
  readonly event: AgentEvent;
  /** `no-transition`: nothing leads out of this state on this event; `other-call`: the event is about a call the agent is not handling. */
  readonly reason: 'no-transition' | 'other-call';
}

/**
 * The agent state machine as data: a row per state kind, an entry per event that state accepts.
 * Each entry receives the narrowed state and event, so an entry for a pair that makes no sense does not compile;
 * a missing entry is an illegal transition.
 */
type AgentTransitionTable = {
  readonly [K in AgentStateKind]: {
    readonly [T in AgentEventType]?: (state: AgentStateOf<K>, event: AgentEventOf<T>) => AgentState;
  };
};

const AVAILABLE = { kind: 'available' } as const;
const OFFLINE = { kind: 'offline' } as const;

const AGENT_TRANSITIONS: AgentTransitionTable = {
  offline: {
    signedIn: () => AVAILABLE,
    wrapUpRestored: (_, e) => restoredWrapUp(e),
  },
  available: {
    signedOut: () => OFFLINE,
    connectionLost: () => OFFLINE,
    tookBreak: (_, e) => breakFor(e.reason, e.note),
    callOffered: (_, e) => ({ kind: 'ringing', callId: e.callId }),
    callPlaced: (_, e) => ({ kind: 'on-call', callId: e.callId, next: AVAILABLE }),
    wrapUpRestored: (_, e) => restoredWrapUp(e),
  },
  ringing: {
    callAnswered: (s) => ({ kind: 'on-call', callId: s.callId, next: AVAILABLE }),
    // A decline is a present agent saying no; a ring-out means nobody is at the desk.
    callDeclined: () => AVAILABLE,
    callMissed: () => ({ kind: 'break', reason: 'missed-call' }),
    offerWithdrawn: () => AVAILABLE,
    connectionLost: () => OFFLINE,
  },
  'on-call': {
    consultStarted: (s) => ({ kind: 'consulting', callId: s.callId, next: s.next }),
    callEnded: (s, e) => ({ kind: 'wrap-up', callId: s.callId, startedAt: e.at, next: s.next }),
    callSwitched: (s, e) => ({ ...s, callId: e.to }),
    wrapUpNextChosen: (s, e) => ({ ...s, next: afterWrapUp(e.next) }),
    connectionLost: () => OFFLINE,
  },
  consulting: {
    consultEnded: (s) => ({ kind: 'on-call', callId: s.callId, next: s.next }),
    callEnded: (s, e) => ({ kind: 'wrap-up', callId: s.callId, startedAt: e.at, next: s.next }),
    // The customer's call ended with its consult; a waiting call the agent kept is the call now.
    callSwitched: (s, e) => ({ kind: 'on-call', callId: e.to, next: s.next }),
    wrapUpNextChosen: (s, e) => ({ ...s, next: afterWrapUp(e.next) }),
    connectionLost: () => OFFLINE,
  },
  'wrap-up': {
    wrapUpNextChosen: (s, e) => ({ ...s, next: afterWrapUp(e.next) }),
    wrapUpFinished: (s) => s.next,
    connectionLost: () => OFFLINE,
  },
  break: {
    wentAvailable: () => AVAILABLE,
    tookBreak: (_, e) => breakFor(e.reason, e.note),
    // An outbound call from a break returns to that break after wrap-up, not to the queue.
    callPlaced: (s, e) => ({ kind: 'on-call', callId: e.callId, next: s }),
    signedOut: () => OFFLINE,
    connectionLost: () => OFFLINE,
  },
};

function breakFor(reason: AgentEventOf<'tookBreak'>['reason'], note: string | undefined): AgentStateOf<'break'> {
  return note === undefined ? { kind: 'break', reason } : { kind: 'break', reason, note };
}

function restoredWrapUp(e: AgentEventOf<'wrapUpRestored'>): AgentStateOf<'wrap-up'> {
  return { kind: 'wrap-up', callId: e.callId, startedAt: e.startedAt, next: afterWrapUp(e.next) };
}

function afterWrapUp(choice: AgentEventOf<'wrapUpNextChosen'>['next']): AgentStateOf<'available' | 'break'> {
  switch (choice.kind) {
    case 'available':
      return AVAILABLE;
    case 'break':
      return breakFor(choice.reason, choice.note);
    default:
      throw missingCaseError(choice);
  }
}

type AnyTransition = (state: AgentState, event: AgentEvent) => AgentState;

function entryFor(kind: AgentStateKind, type: AgentEventType): AnyTransition | undefined {
  // TypeScript cannot correlate a state's kind with its row (microsoft/TypeScript#30581);
  // the mapped table type above guarantees row[kind][type] takes exactly that state and that event.
  const row = AGENT_TRANSITIONS[kind] as Partial<Record<AgentEventType, AnyTransition>>;
  return row[type];
}

export function transitionAgent(state: AgentState, event: AgentEvent): Result<AgentState, IllegalTransition> {
  const entry = entryFor(state.kind, event.type);
  if (entry === undefined) return err({ kind: 'illegal-transition', from: state.kind, event, reason: 'no-transition' });
  if ('callId' in state && 'callId' in event && state.callId !== event.callId) {
    return err({ kind: 'illegal-transition', from: state.kind, event, reason: 'other-call' });
  }
  return ok(entry(state, event));
}

/** Whether any event of this type leads out of the state (ignores which call it names): enough to enable a button. */
export function canTransition(state: AgentState, eventType: AgentEventType): boolean {
  return entryFor(state.kind, eventType) !== undefined;
}

/** The event types the state accepts, in `AGENT_EVENT_TYPES` order. */
export function allowedEvents(state: AgentState): readonly AgentEventType[] {
  return AGENT_EVENT_TYPES.filter((type) => canTransition(state, type));
}
