import { describe, expect, it } from 'vitest';
import type { Call, CallEvent } from './call';
import { transitionCall } from './call-lifecycle';
import { newInboundCall } from './call-timeline';
import { SENIOR, T } from './call.fixtures';
import {
  CONSULT_STATE_KINDS,
  consultStateOf,
  hangUpEndsConsult,
  wayBackToCustomer,
  type BackStep,
  type ConsultStateKind,
} from './consult-state';

type Step = CallEvent extends infer E ? (E extends CallEvent ? Omit<E, 'at'> : never) : never;

let clock = T;
function play(steps: readonly Step[]): Call {
  return steps.reduce<Call>(
    (call, step) => {
      clock += 1000;
      const result = transitionCall(call, { ...step, at: clock } as CallEvent);
      if (!result.ok) throw new Error(`${result.error.from} refused ${step.type}`);
      return result.value;
    },
    newInboundCall({ callId: 'c1', remote: { uri: 'sip:+15551234@pbx.example' }, at: T }),
  );
}

const consulting: Step[] = [{ type: 'answered' }, { type: 'consultDialed', target: SENIOR }, { type: 'consultAnswered' }];

/** How to reach each consult state from a fresh customer call, and whether the consult leg is queued. */
const reach: { readonly [K in ConsultStateKind]: { readonly steps: readonly Step[]; readonly queued?: boolean } } = {
  queued: { steps: [{ type: 'answered' }, { type: 'consultDialed', target: SENIOR }], queued: true },
  ringing: { steps: [{ type: 'answered' }, { type: 'consultDialed', target: SENIOR }] },
  connected: { steps: consulting },
  'three-way': { steps: [...consulting, { type: 'merged' }] },
  'transfer-sent': { steps: [...consulting, { type: 'attendedTransferRequested' }] },
  'transfer-refused': {
    steps: [...consulting, { type: 'attendedTransferRequested' }, { type: 'transferFailed', sipStatus: 603 }],
  },
  'transfer-timed-out': { steps: [...consulting, { type: 'attendedTransferRequested' }, { type: 'transferTimedOut' }] },
  failed: {
    steps: [
      { type: 'answered' },
      { type: 'consultDialed', target: SENIOR },
      { type: 'consultFailed', reason: 'declined', sipStatus: 603 },
    ],
  },
  'customer-left': { steps: [...consulting, { type: 'customerHungUp' }] },
};

/**
 * What the phone reports when the store carries out each step (the events the reducer folds):
 * the local mix ending changes no call phase; a consult leg the agent ends is a cancel; the
 * customer's resume is `resumed` when they were on hold.
 */
function carryOut(call: Call, steps: readonly BackStep[]): Call {
  return steps.reduce<Call>((current, step) => {
    const event: Step | undefined =
      step === 'withdraw-transfer'
        ? { type: 'transferWithdrawn' }
        : step === 'end-consult-leg'
          ? current.phase === 'customer-left'
            ? { type: 'localHangup' }
            : { type: 'consultCancelled' }
          : step === 'resume-customer' && current.phase === 'on-hold'
            ? { type: 'resumed' }
            : undefined;
    if (!event) return current;
    clock += 1000;
    const result = transitionCall(current, { ...event, at: clock } as CallEvent);
    if (!result.ok) throw new Error(`${step}: ${result.error.from} refused ${event.type}`);
    return result.value;
  }, call);
}

describe('consult states', () => {
  it.each(CONSULT_STATE_KINDS.map((k) => [k] as const))('%s is reached from the call and named as such', (kind) => {
    const { steps, queued = false } = reach[kind];
    const state = consultStateOf(play(steps), { queued });
    expect(state?.kind).toBe(kind);
    expect(state?.target).toEqual(SENIOR);
  });

  it.each(CONSULT_STATE_KINDS.filter((k) => k !== 'customer-left').map((k) => [k] as const))(
    'from %s one action takes the agent back to the customer, talking and off hold',
    (kind) => {
      const { steps, queued = false } = reach[kind];
      const call = play(steps);
      const back = carryOut(call, wayBackToCustomer(consultStateOf(call, { queued })!));
      expect(back.phase).toBe('active');
      expect(back.holds.every((h) => h.end !== undefined)).toBe(true);
      expect(consultStateOf(back, undefined)).toBeUndefined();
    },
  );

  it('after the customer left, the one action ends the consult and the call', () => {
    const call = play(reach['customer-left'].steps);
    expect(carryOut(call, wayBackToCustomer(consultStateOf(call, undefined)!)).phase).toBe('ended');
  });

  it('says why a transfer did not land and forgets it when the agent tries again', () => {
    const refused = play(reach['transfer-refused'].steps);
    expect(consultStateOf(refused, undefined)).toEqual({ kind: 'transfer-refused', target: SENIOR, sipStatus: 603 });
    const retried = transitionCall(refused, { type: 'attendedTransferRequested', at: clock + 1 });
    if (!retried.ok) throw new Error('retry refused');
    expect(consultStateOf(retried.value, undefined)?.kind).toBe('transfer-sent');
    const withdrawn = transitionCall(retried.value, { type: 'transferWithdrawn', at: clock + 2 });
    expect(withdrawn.ok && consultStateOf(withdrawn.value, undefined)).toEqual({
      kind: 'connected',
      target: SENIOR,
      talkingTo: 'consult',
    });
  });

  it('a failed consult tells its reason and status', () => {
    expect(consultStateOf(play(reach.failed.steps), undefined)).toEqual({
      kind: 'failed',
      target: SENIOR,
      reason: 'declined',
      sipStatus: 603,
    });
  });

  it('no consult, no consult state: a plain call, a blind transfer, a call taken back after a failure', () => {
    expect(consultStateOf(play([{ type: 'answered' }]), undefined)).toBeUndefined();
    expect(
      consultStateOf(play([{ type: 'answered' }, { type: 'blindTransferRequested', target: SENIOR }]), undefined),
    ).toBeUndefined();
    expect(consultStateOf(play([...reach.failed.steps, { type: 'resumed' }]), undefined)).toBeUndefined();
  });
});

describe('Hang up during an escalation ends whom the agent is talking to', () => {
  // The customer on hold is never dropped by the red button: only the consult goes, and the customer waits to be resumed.
  it.each([
    ['the consult rings (customer on hold)', 'consult-leg', reach.ringing.steps],
    ['the consult waits in the queue', 'consult-leg', reach.queued.steps],
    ['talking to the colleague (customer on hold)', 'consult-leg', consulting],
    ['the customer left; only the colleague is on the line', 'consult-leg', reach['customer-left'].steps],
    ['talking to the customer (colleague on hold)', 'call', [...consulting, { type: 'swapped' }]],
    ['a three-way: the call ends for everyone', 'call', reach['three-way'].steps],
    ['the transfer is out', 'call', reach['transfer-sent'].steps],
    ['a plain call', 'call', [{ type: 'answered' }]],
    ['a call on hold after a failed consult', 'call', reach.failed.steps],
  ] as const)('%s: Hang up ends the %s', (_story, ends, steps) => {
    expect(hangUpEndsConsult(play(steps))).toBe(ends === 'consult-leg');
  });
});
