import { describe, expect, it } from 'vitest';
import { CALL_EVENT_TYPES, CALL_PHASES, type Call, type CallEvent, type CallEventType, type CallPhase } from './call';
import { allowedCallEvents, canTransitionCall, transitionCall } from './call-lifecycle';
import {
  ANSWERED,
  answeredLeg,
  calls,
  CONSULT_DIALED,
  events,
  EXTERNAL,
  HELD,
  inbound,
  MERGED,
  mergedLeg,
  NOW,
  outbound,
  ringingLeg,
  SENIOR,
  TECHNICAL,
} from './call.fixtures';

interface LegalCase {
  readonly story: string;
  readonly from: Call;
  readonly event: CallEvent;
  readonly to: Call;
}

const answered = { ...inbound, answeredAt: ANSWERED } as const;
const endedNow = { phase: 'ended', endedAt: NOW } as const;
const heldFromConsult = [{ start: CONSULT_DIALED }] as const;
const heldFromConsultUntilNow = [{ start: CONSULT_DIALED, end: NOW }] as const;
const heldFromConsultUntilMerge = [{ start: CONSULT_DIALED, end: MERGED }] as const;

// prettier-ignore
const legal: readonly LegalCase[] = [
  { story: 'agent answers a ringing call and talks to the customer', from: calls.offered, event: events.answered, to: { ...inbound, phase: 'active', answeredAt: NOW } },
  { story: 'agent declines a ringing call', from: calls.offered, event: events.rejected, to: { ...inbound, ...endedNow, endReason: { kind: 'rejected', sipStatus: 603 } } },
  { story: 'a call rings out at the agent and is missed', from: calls.offered, event: events.ringTimedOut, to: { ...inbound, ...endedNow, endReason: { kind: 'missed' } } },
  { story: 'caller gives up while it rings and the call is missed', from: calls.offered, event: events.customerHungUp, to: { ...inbound, ...endedNow, endReason: { kind: 'missed' } } },
  { story: 'a ringing call fails to connect audio', from: calls.offered, event: events.failed, to: { ...inbound, ...endedNow, endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'customer answers the agent\'s outbound call', from: calls.dialing, event: events.answered, to: { ...outbound, phase: 'active', answeredAt: NOW } },
  { story: 'customer declines the agent\'s outbound call', from: calls.dialing, event: events.rejected, to: { ...outbound, ...endedNow, endReason: { kind: 'rejected', sipStatus: 603 } } },
  { story: 'agent cancels an outbound call before it is answered', from: calls.dialing, event: events.localHangup, to: { ...outbound, ...endedNow, endReason: { kind: 'local-hangup' } } },
  { story: 'an outbound call fails', from: calls.dialing, event: events.failed, to: { ...outbound, ...endedNow, endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'agent puts the customer on hold', from: calls.active, event: events.held, to: { ...answered, phase: 'on-hold', holds: [{ start: NOW }] } },
  { story: 'agent on a call dials the technical queue and the customer is held', from: calls.active, event: events.consultDialed, to: { ...answered, phase: 'consult-ringing', holds: [{ start: NOW }], consult: { target: TECHNICAL, dialedAt: NOW } } },
  { story: 'agent blind-transfers a talking customer to an external number', from: calls.active, event: events.blindTransferRequested, to: { ...answered, phase: 'transferring', transfer: { mode: 'blind', target: EXTERNAL, requestedAt: NOW }, resumeTo: calls.active } },
  { story: 'customer hangs up on the agent', from: calls.active, event: events.customerHungUp, to: { ...answered, ...endedNow, endReason: { kind: 'remote-hangup' } } },
  { story: 'agent hangs up the call', from: calls.active, event: events.localHangup, to: { ...answered, ...endedNow, endReason: { kind: 'local-hangup' } } },
  { story: 'a call drops in the middle of the conversation', from: calls.active, event: events.failed, to: { ...answered, ...endedNow, endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'agent takes the customer off hold', from: calls['on-hold'], event: events.resumed, to: { ...answered, phase: 'active', holds: [{ start: HELD, end: NOW }] } },
  { story: 'agent dials a consult while the customer is already on hold, in one hold', from: calls['on-hold'], event: events.consultDialed, to: { ...answered, phase: 'consult-ringing', holds: [{ start: HELD }], consult: { target: TECHNICAL, dialedAt: NOW } } },
  { story: 'agent blind-transfers a held customer', from: calls['on-hold'], event: events.blindTransferRequested, to: { ...answered, phase: 'transferring', holds: [{ start: HELD }], transfer: { mode: 'blind', target: EXTERNAL, requestedAt: NOW }, resumeTo: calls['on-hold'] } },
  { story: 'customer on hold gives up and hangs up', from: calls['on-hold'], event: events.customerHungUp, to: { ...answered, ...endedNow, holds: [{ start: HELD, end: NOW }], endReason: { kind: 'remote-hangup' } } },
  { story: 'agent hangs up on a held customer', from: calls['on-hold'], event: events.localHangup, to: { ...answered, ...endedNow, holds: [{ start: HELD, end: NOW }], endReason: { kind: 'local-hangup' } } },
  { story: 'a call on hold drops', from: calls['on-hold'], event: events.failed, to: { ...answered, ...endedNow, holds: [{ start: HELD, end: NOW }], endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'the senior answers the consult and the agent talks to them', from: calls['consult-ringing'], event: events.consultAnswered, to: { ...answered, phase: 'consulting', holds: heldFromConsult, consult: { ...ringingLeg, answeredAt: NOW }, talkingTo: 'consult' } },
  { story: 'the senior is busy, the consult fails and the customer is still on hold', from: calls['consult-ringing'], event: events.consultFailed, to: { ...answered, phase: 'on-hold', holds: heldFromConsult, consults: [{ ...ringingLeg, endedAt: NOW, outcome: { kind: 'failed', reason: 'busy', sipStatus: 486 } }] } },
  { story: 'agent gives up on a ringing consult and keeps the customer on hold', from: calls['consult-ringing'], event: events.consultCancelled, to: { ...answered, phase: 'on-hold', holds: heldFromConsult, consults: [{ ...ringingLeg, endedAt: NOW, outcome: { kind: 'cancelled' } }] } },
  { story: 'customer hangs up while the consult rings and the consult goes with the call', from: calls['consult-ringing'], event: events.customerHungUp, to: { ...answered, ...endedNow, holds: heldFromConsultUntilNow, consults: [{ ...ringingLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'remote-hangup' } } },
  { story: 'agent hangs up everything while the consult rings', from: calls['consult-ringing'], event: events.localHangup, to: { ...answered, ...endedNow, holds: heldFromConsultUntilNow, consults: [{ ...ringingLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'local-hangup' } } },
  { story: 'a call drops while the consult rings', from: calls['consult-ringing'], event: events.failed, to: { ...answered, ...endedNow, holds: heldFromConsultUntilNow, consults: [{ ...ringingLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'agent swaps back to the customer and the senior waits', from: calls.consulting, event: events.swapped, to: { ...calls.consulting, talkingTo: 'customer', holds: heldFromConsultUntilNow } },
  { story: 'agent merges customer and senior into a three-way call', from: calls.consulting, event: events.merged, to: { ...answered, phase: 'three-way', holds: heldFromConsultUntilNow, consult: { ...answeredLeg, mergedAt: NOW } } },
  { story: 'agent hands the customer to the senior after talking to them', from: calls.consulting, event: events.attendedTransferRequested, to: { ...answered, phase: 'transferring', holds: heldFromConsult, transfer: { mode: 'attended', target: SENIOR, requestedAt: NOW }, resumeTo: calls.consulting } },
  { story: 'agent ends the consult and the customer is still on hold', from: calls.consulting, event: events.consultCancelled, to: { ...answered, phase: 'on-hold', holds: heldFromConsult, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'cancelled' } }] } },
  { story: 'the senior hangs up the consult and the customer is still on hold', from: calls.consulting, event: events.consultPartyHungUp, to: { ...answered, phase: 'on-hold', holds: heldFromConsult, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'consult-party-hung-up' } }] } },
  { story: 'customer hangs up during the consult: the agent is told and stays with the senior', from: calls.consulting, event: events.customerHungUp, to: { ...answered, phase: 'customer-left', holds: heldFromConsultUntilNow, consult: answeredLeg, customerLeftAt: NOW } },
  { story: 'agent hangs up both legs during a consult', from: calls.consulting, event: events.localHangup, to: { ...answered, ...endedNow, holds: heldFromConsultUntilNow, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'local-hangup' } } },
  { story: 'a call drops during a consult', from: calls.consulting, event: events.failed, to: { ...answered, ...endedNow, holds: heldFromConsultUntilNow, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'agent leaves the three-way call and the customer stays with the senior', from: calls['three-way'], event: events.attendedTransferRequested, to: { ...answered, phase: 'transferring', holds: heldFromConsultUntilMerge, transfer: { mode: 'attended', target: SENIOR, requestedAt: NOW }, resumeTo: calls['three-way'] } },
  { story: 'agent drops the senior from the three-way call and keeps talking to the customer', from: calls['three-way'], event: events.consultCancelled, to: { ...answered, phase: 'active', holds: heldFromConsultUntilMerge, consults: [{ ...mergedLeg, endedAt: NOW, outcome: { kind: 'cancelled' } }] } },
  { story: 'the senior leaves the three-way call and the agent keeps the customer', from: calls['three-way'], event: events.consultPartyHungUp, to: { ...answered, phase: 'active', holds: heldFromConsultUntilMerge, consults: [{ ...mergedLeg, endedAt: NOW, outcome: { kind: 'consult-party-hung-up' } }] } },
  { story: 'customer leaves the three-way call and the agent is told', from: calls['three-way'], event: events.customerHungUp, to: { ...answered, phase: 'customer-left', holds: heldFromConsultUntilMerge, consult: mergedLeg, customerLeftAt: NOW } },
  { story: 'agent hangs up the three-way call for everyone', from: calls['three-way'], event: events.localHangup, to: { ...answered, ...endedNow, holds: heldFromConsultUntilMerge, consults: [{ ...mergedLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'local-hangup' } } },
  { story: 'a three-way call drops', from: calls['three-way'], event: events.failed, to: { ...answered, ...endedNow, holds: heldFromConsultUntilMerge, consults: [{ ...mergedLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'failed', sipStatus: 488 } } },

  { story: 'after the customer left, the senior hangs up and the call is over', from: calls['customer-left'], event: events.consultPartyHungUp, to: { ...answered, ...endedNow, holds: heldFromConsultUntilMerge, customerLeftAt: MERGED, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'consult-party-hung-up' } }], endReason: { kind: 'remote-hangup' } } },
  { story: 'after the customer left, the agent finishes with the senior and hangs up', from: calls['customer-left'], event: events.localHangup, to: { ...answered, ...endedNow, holds: heldFromConsultUntilMerge, customerLeftAt: MERGED, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'remote-hangup' } } },
  { story: 'after the customer left, the consult leg drops', from: calls['customer-left'], event: events.failed, to: { ...answered, ...endedNow, holds: heldFromConsultUntilMerge, customerLeftAt: MERGED, consults: [{ ...answeredLeg, endedAt: NOW, outcome: { kind: 'call-ended' } }], endReason: { kind: 'remote-hangup' } } },

  { story: 'the far end accepts the blind transfer and the call is over for the agent', from: calls.transferring, event: events.transferCompleted, to: { ...answered, ...endedNow, endReason: { kind: 'transfer-completed', mode: 'blind', target: EXTERNAL } } },
  { story: 'a blind transfer is refused and the agent has the customer back as before', from: calls.transferring, event: events.transferFailed, to: calls.active },
  { story: 'a blind transfer with no outcome in time gives the customer back as before', from: calls.transferring, event: events.transferTimedOut, to: calls.active },
  { story: 'the agent withdraws a blind transfer and has the customer back as before', from: calls.transferring, event: events.transferWithdrawn, to: calls.active },
  { story: 'customer hangs up while the transfer is under way', from: calls.transferring, event: events.customerHungUp, to: { ...answered, ...endedNow, endReason: { kind: 'remote-hangup' } } },
  { story: 'agent hangs up while the transfer is under way', from: calls.transferring, event: events.localHangup, to: { ...answered, ...endedNow, endReason: { kind: 'local-hangup' } } },
  { story: 'a call drops while the transfer is under way', from: calls.transferring, event: events.failed, to: { ...answered, ...endedNow, endReason: { kind: 'failed', sipStatus: 488 } } },
];

/**
 * Every pair not in `legal`, stated on purpose. A new phase does not compile without a row;
 * a new event type fails "every pair is classified" until it is listed here or in `legal`.
 */
// prettier-ignore
const illegal: { readonly [P in CallPhase]: readonly CallEventType[] } = {
  // The agent cannot hold, consult or transfer a call nobody has answered, nor hang up a ringing one: that is `rejected`.
  offered: ['held', 'resumed', 'consultDialed', 'consultAnswered', 'consultFailed', 'consultCancelled', 'swapped', 'merged', 'blindTransferRequested', 'attendedTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn', 'consultPartyHungUp', 'localHangup'],
  // A far end that never answered cannot hang up; it rejects.
  dialing: ['ringTimedOut', 'held', 'resumed', 'consultDialed', 'consultAnswered', 'consultFailed', 'consultCancelled', 'swapped', 'merged', 'blindTransferRequested', 'attendedTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn', 'customerHungUp', 'consultPartyHungUp'],
  active: ['answered', 'rejected', 'ringTimedOut', 'resumed', 'consultAnswered', 'consultFailed', 'consultCancelled', 'swapped', 'merged', 'attendedTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn', 'consultPartyHungUp'],
  'on-hold': ['answered', 'rejected', 'ringTimedOut', 'held', 'consultAnswered', 'consultFailed', 'consultCancelled', 'swapped', 'merged', 'attendedTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn', 'consultPartyHungUp'],
  // Nothing to swap to, merge or hand over until the consult party answers.
  'consult-ringing': ['answered', 'rejected', 'ringTimedOut', 'held', 'resumed', 'consultDialed', 'swapped', 'merged', 'blindTransferRequested', 'attendedTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn', 'consultPartyHungUp'],
  // One consult leg at a time; hold and resume are what `swapped` does here.
  consulting: ['answered', 'rejected', 'ringTimedOut', 'held', 'resumed', 'consultDialed', 'consultAnswered', 'consultFailed', 'blindTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn'],
  'three-way': ['answered', 'rejected', 'ringTimedOut', 'held', 'resumed', 'consultDialed', 'consultAnswered', 'consultFailed', 'swapped', 'merged', 'blindTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn'],
  // With the customer gone there is nobody to hold, merge or transfer; hanging up is `localHangup`.
  'customer-left': ['answered', 'rejected', 'ringTimedOut', 'held', 'resumed', 'consultDialed', 'consultAnswered', 'consultFailed', 'consultCancelled', 'swapped', 'merged', 'blindTransferRequested', 'attendedTransferRequested', 'transferCompleted', 'transferFailed', 'transferTimedOut', 'transferWithdrawn', 'customerHungUp'],
  // While a REFER is out the agent waits for its outcome; a consult-leg BYE then is the replaced dialog closing.
  transferring: ['answered', 'rejected', 'ringTimedOut', 'held', 'resumed', 'consultDialed', 'consultAnswered', 'consultFailed', 'consultCancelled', 'swapped', 'merged', 'blindTransferRequested', 'attendedTransferRequested', 'consultPartyHungUp'],
  ended: [...CALL_EVENT_TYPES],
};

describe('call lifecycle: legal transitions', () => {
  it.each(legal.map((c) => [c.story, c] as const))('%s', (_, c) => {
    expect(transitionCall(c.from, c.event)).toStrictEqual({ ok: true, value: c.to });
    expect(canTransitionCall(c.from, c.event.type)).toBe(true);
  });

  it('agent swaps from the customer back to the senior and the customer is held again', () => {
    const talkingToCustomer = { ...calls.consulting, talkingTo: 'customer', holds: heldFromConsultUntilMerge } as const;
    expect(transitionCall(talkingToCustomer, events.swapped)).toEqual({
      ok: true,
      value: { ...talkingToCustomer, talkingTo: 'consult', holds: [...heldFromConsultUntilMerge, { start: NOW }] },
    });
  });

  it('agent talking to the customer ends the consult and goes on talking, not holding', () => {
    const talkingToCustomer = { ...calls.consulting, talkingTo: 'customer', holds: heldFromConsultUntilMerge } as const;
    const result = transitionCall(talkingToCustomer, events.consultPartyHungUp);
    expect(result.ok && result.value.phase).toBe('active');
  });
});

describe('call lifecycle: illegal transitions', () => {
  const cases = CALL_PHASES.flatMap((phase) => (illegal[phase] ?? []).map((type) => [phase, type] as const));

  it.each(cases)('a call that is %s refuses %s', (phase, type) => {
    expect(transitionCall(calls[phase], events[type])).toEqual({
      ok: false,
      error: { kind: 'illegal-transition', from: phase, event: events[type] },
    });
    expect(canTransitionCall(calls[phase], type)).toBe(false);
  });

  it('every phase × event pair is classified exactly once, as legal or illegal', () => {
    expect(Object.keys(calls).sort()).toEqual([...CALL_PHASES].sort());
    expect(Object.keys(events).sort()).toEqual([...CALL_EVENT_TYPES].sort());
    for (const phase of CALL_PHASES) {
      const legalTypes = legal.filter((c) => c.from.phase === phase).map((c) => c.event.type);
      const illegalTypes = illegal[phase] ?? [];
      expect(new Set(legalTypes).size, `${phase}: a legal pair is listed twice`).toBe(legalTypes.length);
      expect(new Set(illegalTypes).size, `${phase}: an illegal pair is listed twice`).toBe(illegalTypes.length);
      expect([...legalTypes, ...illegalTypes].sort(), `${phase}: unclassified or doubly classified events`).toEqual(
        [...CALL_EVENT_TYPES].sort(),
      );
      expect([...allowedCallEvents(calls[phase])].sort(), `${phase}: allowedCallEvents`).toEqual([...legalTypes].sort());
    }
  });
});
