import { describe, expect, it } from 'vitest';
import {
  AGENT_EVENT_TYPES,
  AGENT_STATE_KINDS,
  type AgentEvent,
  type AgentEventOf,
  type AgentEventType,
  type AgentState,
  type AgentStateKind,
  type AgentStateOf,
} from './agent-state';
import { allowedEvents, canTransition, transitionAgent } from './agent-transitions';

const CALL = 'call-1';
const T = 1_700_000_000_000;

/** One typical state of each kind: a mapped type, so a new kind does not compile until it has one. */
const states: { readonly [K in AgentStateKind]: AgentStateOf<K> } = {
  offline: { kind: 'offline' },
  available: { kind: 'available' },
  ringing: { kind: 'ringing', callId: CALL },
  'on-call': { kind: 'on-call', callId: CALL, next: { kind: 'available' } },
  consulting: { kind: 'consulting', callId: CALL, next: { kind: 'available' } },
  'wrap-up': { kind: 'wrap-up', callId: CALL, startedAt: T, next: { kind: 'available' } },
  break: { kind: 'break', reason: 'lunch' },
};

/** One typical event of each type, about the same call as the states above. */
const events: { readonly [E in AgentEventType]: AgentEventOf<E> } = {
  signedIn: { type: 'signedIn' },
  signedOut: { type: 'signedOut' },
  connectionLost: { type: 'connectionLost' },
  wentAvailable: { type: 'wentAvailable' },
  tookBreak: { type: 'tookBreak', reason: 'training', note: 'new product' },
  callOffered: { type: 'callOffered', callId: CALL },
  callPlaced: { type: 'callPlaced', callId: CALL },
  callAnswered: { type: 'callAnswered', callId: CALL },
  callDeclined: { type: 'callDeclined', callId: CALL },
  callMissed: { type: 'callMissed', callId: CALL },
  offerWithdrawn: { type: 'offerWithdrawn', callId: CALL },
  consultStarted: { type: 'consultStarted', callId: CALL },
  consultEnded: { type: 'consultEnded', callId: CALL },
  callEnded: { type: 'callEnded', callId: CALL, at: T + 60_000 },
  callSwitched: { type: 'callSwitched', callId: CALL, to: 'call-2' },
  wrapUpNextChosen: { type: 'wrapUpNextChosen', next: { kind: 'break', reason: 'short' } },
  wrapUpFinished: { type: 'wrapUpFinished', callId: CALL, at: T + 90_000 },
  wrapUpRestored: { type: 'wrapUpRestored', callId: CALL, startedAt: T, next: { kind: 'break', reason: 'lunch' } },
};

interface LegalCase {
  readonly story: string;
  readonly from: AgentState;
  readonly event: AgentEvent;
  readonly to: AgentState;
}

const onBreakAfter = { kind: 'break', reason: 'short' } as const;

/** Every legal (state, event) pair, as the agent would tell it. */
// prettier-ignore
const legal: readonly LegalCase[] = [
  { story: 'agent signs in and is available for calls', from: states.offline, event: events.signedIn, to: { kind: 'available' } },
  { story: 'the app restarts during a wrap-up: the agent is back in it before signing in', from: states.offline, event: events.wrapUpRestored, to: { kind: 'wrap-up', callId: CALL, startedAt: T, next: { kind: 'break', reason: 'lunch' } } },

  { story: 'available agent signs out at the end of the shift', from: states.available, event: events.signedOut, to: { kind: 'offline' } },
  { story: 'available agent loses the connection and is offline', from: states.available, event: events.connectionLost, to: { kind: 'offline' } },
  { story: 'available agent takes a training break with a note', from: states.available, event: events.tookBreak, to: { kind: 'break', reason: 'training', note: 'new product' } },
  { story: 'available agent is offered a call and the phone rings', from: states.available, event: events.callOffered, to: { kind: 'ringing', callId: CALL } },
  { story: 'available agent dials a customer and is on the call', from: states.available, event: events.callPlaced, to: { kind: 'on-call', callId: CALL, next: { kind: 'available' } } },
  { story: 'a wrap-up left open is found after signing in: no calls until it is finished', from: states.available, event: events.wrapUpRestored, to: { kind: 'wrap-up', callId: CALL, startedAt: T, next: { kind: 'break', reason: 'lunch' } } },

  { story: 'ringing agent answers and is on the call', from: states.ringing, event: events.callAnswered, to: { kind: 'on-call', callId: CALL, next: { kind: 'available' } } },
  { story: 'ringing agent declines and stays available', from: states.ringing, event: events.callDeclined, to: { kind: 'available' } },
  { story: 'agent lets the offer ring out and is parked on a missed-call break', from: states.ringing, event: events.callMissed, to: { kind: 'break', reason: 'missed-call' } },
  { story: 'caller abandons while ringing and the agent is available again', from: states.ringing, event: events.offerWithdrawn, to: { kind: 'available' } },
  { story: 'ringing agent loses the connection and is offline', from: states.ringing, event: events.connectionLost, to: { kind: 'offline' } },

  { story: 'agent on a call starts a consult and goes to Consulting', from: states['on-call'], event: events.consultStarted, to: { kind: 'consulting', callId: CALL, next: { kind: 'available' } } },
  { story: 'agent on a call hangs up and starts wrap-up', from: states['on-call'], event: events.callEnded, to: { kind: 'wrap-up', callId: CALL, startedAt: T + 60_000, next: { kind: 'available' } } },
  { story: 'agent’s first call ends while the waiting call they answered goes on', from: states['on-call'], event: events.callSwitched, to: { kind: 'on-call', callId: 'call-2', next: { kind: 'available' } } },
  { story: 'agent on a call asks for a short break after it', from: states['on-call'], event: events.wrapUpNextChosen, to: { kind: 'on-call', callId: CALL, next: onBreakAfter } },
  { story: 'agent on a call loses the connection and is offline', from: states['on-call'], event: events.connectionLost, to: { kind: 'offline' } },

  { story: 'consulting agent ends the consult and is back on the call', from: states.consulting, event: events.consultEnded, to: { kind: 'on-call', callId: CALL, next: { kind: 'available' } } },
  { story: 'consulting agent transfers the call away and starts wrap-up', from: states.consulting, event: events.callEnded, to: { kind: 'wrap-up', callId: CALL, startedAt: T + 60_000, next: { kind: 'available' } } },
  { story: 'consulting agent’s customer call ends while a waiting call they kept goes on', from: states.consulting, event: events.callSwitched, to: { kind: 'on-call', callId: 'call-2', next: { kind: 'available' } } },
  { story: 'consulting agent asks for a short break after the call', from: states.consulting, event: events.wrapUpNextChosen, to: { kind: 'consulting', callId: CALL, next: onBreakAfter } },
  { story: 'consulting agent loses the connection and is offline', from: states.consulting, event: events.connectionLost, to: { kind: 'offline' } },

  { story: 'agent in wrap-up chooses a short break for afterwards', from: states['wrap-up'], event: events.wrapUpNextChosen, to: { kind: 'wrap-up', callId: CALL, startedAt: T, next: onBreakAfter } },
  { story: 'agent finishes wrap-up and is available again', from: states['wrap-up'], event: events.wrapUpFinished, to: { kind: 'available' } },
  { story: 'agent in wrap-up loses the connection and is offline', from: states['wrap-up'], event: events.connectionLost, to: { kind: 'offline' } },

  { story: 'agent on a break goes available', from: states.break, event: events.wentAvailable, to: { kind: 'available' } },
  { story: 'agent on lunch switches to a training break', from: states.break, event: events.tookBreak, to: { kind: 'break', reason: 'training', note: 'new product' } },
  { story: 'agent on a break calls a customer back and returns to the break afterwards', from: states.break, event: events.callPlaced, to: { kind: 'on-call', callId: CALL, next: { kind: 'break', reason: 'lunch' } } },
  { story: 'agent on a break signs out', from: states.break, event: events.signedOut, to: { kind: 'offline' } },
  { story: 'agent on a break loses the connection and is offline', from: states.break, event: events.connectionLost, to: { kind: 'offline' } },
];

/**
 * Every pair not in `legal`, stated on purpose. A new state kind does not compile without a row;
 * a new event type fails "every pair is classified" until it is listed here or in `legal`.
 */
// prettier-ignore
const illegal: { readonly [K in AgentStateKind]: readonly AgentEventType[] } = {
  offline: ['signedOut', 'connectionLost', 'wentAvailable', 'tookBreak', 'callOffered', 'callPlaced', 'callAnswered', 'callDeclined', 'callMissed', 'offerWithdrawn', 'consultStarted', 'consultEnded', 'callEnded', 'wrapUpNextChosen', 'wrapUpFinished', 'callSwitched'],
  available: ['signedIn', 'wentAvailable', 'callAnswered', 'callDeclined', 'callMissed', 'offerWithdrawn', 'consultStarted', 'consultEnded', 'callEnded', 'wrapUpNextChosen', 'wrapUpFinished', 'callSwitched'],
  // Signing out or taking a break while the phone rings is refused: answer, decline or let it ring out first.
  ringing: ['signedIn', 'signedOut', 'wentAvailable', 'tookBreak', 'callOffered', 'callPlaced', 'consultStarted', 'consultEnded', 'callEnded', 'wrapUpNextChosen', 'wrapUpFinished', 'callSwitched', 'wrapUpRestored'],
  // The ACD offers one call at a time. A direct call arriving meanwhile is call waiting: the phone store
  // shows it as a second call without an offer to the agent, and callSwitched follows if the agent keeps it.
  'on-call': ['signedIn', 'signedOut', 'wentAvailable', 'tookBreak', 'callOffered', 'callPlaced', 'callAnswered', 'callDeclined', 'callMissed', 'offerWithdrawn', 'consultEnded', 'wrapUpFinished', 'wrapUpRestored'],
  // One consult at a time.
  consulting: ['signedIn', 'signedOut', 'wentAvailable', 'tookBreak', 'callOffered', 'callPlaced', 'callAnswered', 'callDeclined', 'callMissed', 'offerWithdrawn', 'consultStarted', 'wrapUpFinished', 'wrapUpRestored'],
  // No routing during after-call work; the break after it is chosen with wrapUpNextChosen.
  'wrap-up': ['signedIn', 'signedOut', 'wentAvailable', 'tookBreak', 'callOffered', 'callPlaced', 'callAnswered', 'callDeclined', 'callMissed', 'offerWithdrawn', 'consultStarted', 'consultEnded', 'callEnded', 'callSwitched', 'wrapUpRestored'],
  // An offer to an agent on a break cannot happen: the phone answers 486 Busy Here.
  break: ['signedIn', 'callOffered', 'callAnswered', 'callDeclined', 'callMissed', 'offerWithdrawn', 'consultStarted', 'consultEnded', 'callEnded', 'wrapUpNextChosen', 'wrapUpFinished', 'callSwitched', 'wrapUpRestored'],
};

describe('agent state: legal transitions', () => {
  it.each(legal.map((c) => [c.story, c] as const))('%s', (_, c) => {
    expect(transitionAgent(c.from, c.event)).toStrictEqual({ ok: true, value: c.to });
    expect(canTransition(c.from, c.event.type)).toBe(true);
  });
});

describe('agent state: illegal transitions', () => {
  const who: Record<AgentStateKind, string> = {
    offline: 'signed out',
    available: 'available',
    ringing: 'whose phone rings',
    'on-call': 'on a call',
    consulting: 'consulting',
    'wrap-up': 'in wrap-up',
    break: 'on a break',
  };
  const cases = AGENT_STATE_KINDS.flatMap((kind) => (illegal[kind] ?? []).map((type) => [who[kind], type, kind] as const));

  it.each(cases)('an agent %s is refused %s', (_, type, kind) => {
    expect(transitionAgent(states[kind], events[type])).toEqual({
      ok: false,
      error: { kind: 'illegal-transition', from: kind, event: events[type], reason: 'no-transition' },
    });
    expect(canTransition(states[kind], type)).toBe(false);
  });

  it('every state × event pair is classified exactly once, as legal or illegal', () => {
    expect(Object.keys(states).sort()).toEqual([...AGENT_STATE_KINDS].sort());
    expect(Object.keys(events).sort()).toEqual([...AGENT_EVENT_TYPES].sort());
    for (const kind of AGENT_STATE_KINDS) {
      const legalTypes = legal.filter((c) => c.from.kind === kind).map((c) => c.event.type);
      const illegalTypes = illegal[kind] ?? [];
      expect(new Set(legalTypes).size, `${kind}: a legal pair is listed twice`).toBe(legalTypes.length);
      expect(new Set(illegalTypes).size, `${kind}: an illegal pair is listed twice`).toBe(illegalTypes.length);
      expect([...legalTypes, ...illegalTypes].sort(), `${kind}: unclassified or doubly classified events`).toEqual(
        [...AGENT_EVENT_TYPES].sort(),
      );
      expect([...allowedEvents(states[kind])].sort(), `${kind}: allowedEvents`).toEqual([...legalTypes].sort());
    }
  });
});

describe('agent state: events about another call', () => {
  const other = 'call-2';
  it.each([
    ['a ringing agent ignores an answer for another call', states.ringing, { type: 'callAnswered', callId: other }],
    ['a ringing agent ignores a missed offer for another call', states.ringing, { type: 'callMissed', callId: other }],
    [
      'an agent on a call ignores a late hang-up of an earlier call',
      states['on-call'],
      { type: 'callEnded', callId: other, at: T },
    ],
    ['a consulting agent ignores a consult end from another call', states.consulting, { type: 'consultEnded', callId: other }],
    [
      'an agent in wrap-up cannot finish the wrap-up of another call',
      states['wrap-up'],
      { type: 'wrapUpFinished', callId: other, at: T },
    ],
  ] as const)('%s', (_, from, event) => {
    expect(transitionAgent(from, event)).toEqual({
      ok: false,
      error: { kind: 'illegal-transition', from: from.kind, event, reason: 'other-call' },
    });
  });
});

describe('agent state: a working day', () => {
  function run(start: AgentState, steps: readonly AgentEvent[]): AgentState[] {
    const seen: AgentState[] = [];
    let state = start;
    for (const event of steps) {
      const result = transitionAgent(state, event);
      if (!result.ok) throw new Error(`${state.kind} refused ${event.type}`);
      state = result.value;
      seen.push(state);
    }
    return seen;
  }

  it('agent signs in, takes a call, wraps up and is available for the next one', () => {
    const seen = run(states.offline, [
      { type: 'signedIn' },
      { type: 'callOffered', callId: 'a' },
      { type: 'callAnswered', callId: 'a' },
      { type: 'consultStarted', callId: 'a' },
      { type: 'consultEnded', callId: 'a' },
      { type: 'callEnded', callId: 'a', at: T },
      { type: 'wrapUpFinished', callId: 'a', at: T + 30_000 },
      { type: 'callOffered', callId: 'b' },
    ]);
    expect(seen.map((s) => s.kind)).toEqual([
      'available',
      'ringing',
      'on-call',
      'consulting',
      'on-call',
      'wrap-up',
      'available',
      'ringing',
    ]);
  });

  it('agent asks for lunch during the call and lands on lunch after wrap-up', () => {
    const seen = run(states.available, [
      { type: 'callOffered', callId: 'a' },
      { type: 'callAnswered', callId: 'a' },
      { type: 'wrapUpNextChosen', next: { kind: 'break', reason: 'lunch', note: 'back at 13:30' } },
      { type: 'callEnded', callId: 'a', at: T },
      { type: 'wrapUpFinished', callId: 'a', at: T + 30_000 },
    ]);
    expect(seen.at(-1)).toEqual({ kind: 'break', reason: 'lunch', note: 'back at 13:30' });
  });

  it('agent misses an offer, comes back from the missed-call break and signs out', () => {
    const seen = run(states.available, [
      { type: 'callOffered', callId: 'a' },
      { type: 'callMissed', callId: 'a' },
      { type: 'wentAvailable' },
      { type: 'tookBreak', reason: 'other' },
      { type: 'signedOut' },
    ]);
    expect(seen.map((s) => s.kind)).toEqual(['ringing', 'break', 'available', 'break', 'offline']);
    expect(seen[1]).toEqual({ kind: 'break', reason: 'missed-call' });
  });

  it('the UI enables only what the agent may do', () => {
    expect(allowedEvents(states.available)).toEqual([
      'signedOut',
      'connectionLost',
      'tookBreak',
      'callOffered',
      'callPlaced',
      'wrapUpRestored',
    ]);
    expect(allowedEvents(states['wrap-up'])).toEqual(['connectionLost', 'wrapUpNextChosen', 'wrapUpFinished']);
  });
});
