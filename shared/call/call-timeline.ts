import { missingCaseError } from '../result';
import type {
  ActiveCall,
  Call,
  CallBase,
  CallEndReason,
  ConsultLeg,
  ConsultOutcome,
  DialingCall,
  EndedCall,
  HoldInterval,
  LiveCall,
  OfferedCall,
  OnHoldCall,
  PastConsult,
  RemoteParty,
} from './call';

export interface NewCall {
  readonly callId: string;
  readonly remote: RemoteParty;
  readonly at: number;
}

export function newInboundCall({ callId, remote, at }: NewCall): OfferedCall {
  return { phase: 'offered', callId, direction: 'inbound', remote, startedAt: at, holds: [], consults: [] };
}

export function newOutboundCall({ callId, remote, at }: NewCall): DialingCall {
  return { phase: 'dialing', callId, direction: 'outbound', remote, startedAt: at, holds: [], consults: [] };
}

/** Milliseconds the customer has spent on hold; an open hold counts up to `asOf`. */
export function totalHoldMs(call: Call, asOf: number): number {
  return call.holds.reduce((sum, h) => sum + Math.max(0, (h.end ?? asOf) - h.start), 0);
}

/** The customer goes on hold (a no-op if already held: consult from hold keeps the one interval). */
export function openHold(holds: readonly HoldInterval[], at: number): readonly HoldInterval[] {
  const last = holds.at(-1);
  return last !== undefined && last.end === undefined ? holds : [...holds, { start: at }];
}

/** The customer is back (a no-op if not held). */
export function closeHold(holds: readonly HoldInterval[], at: number): readonly HoldInterval[] {
  const last = holds.at(-1);
  return last !== undefined && last.end === undefined ? [...holds.slice(0, -1), { start: last.start, end: at }] : holds;
}

/** Only the fields every phase shares: spreading a phase would carry its own fields into the next. */
export function baseOf(call: CallBase): CallBase {
  const { callId, direction, remote, startedAt, holds, consults } = call;
  return { callId, direction, remote, startedAt, holds, consults };
}

type Connected = Exclude<LiveCall, OfferedCall | DialingCall>;

export function activeFrom(call: Connected, at: number): ActiveCall {
  return { ...baseOf(call), phase: 'active', answeredAt: call.answeredAt, holds: closeHold(call.holds, at) };
}

export function onHoldFrom(call: Connected, at: number): OnHoldCall {
  return { ...baseOf(call), phase: 'on-hold', answeredAt: call.answeredAt, holds: openHold(call.holds, at) };
}

/** Moves the live consult leg into the call's history. */
export function closeConsult(call: CallBase, leg: ConsultLeg, at: number, outcome: ConsultOutcome): readonly PastConsult[] {
  return [...call.consults, { ...leg, endedAt: at, outcome }];
}

/** Ends the call from any live phase: closes the open hold and the live consult leg as of `at`. */
export function endCall(
  call: LiveCall,
  at: number,
  endReason: CallEndReason,
  consultOutcome: ConsultOutcome = { kind: 'call-ended' },
): EndedCall {
  const ended = { phase: 'ended', endedAt: at, endReason } as const;
  switch (call.phase) {
    case 'offered':
    case 'dialing':
      return { ...baseOf(call), ...ended };
    case 'active':
    case 'on-hold':
      return { ...baseOf(call), ...ended, answeredAt: call.answeredAt, holds: closeHold(call.holds, at) };
    case 'consult-ringing':
    case 'consulting':
    case 'three-way':
      return {
        ...baseOf(call),
        ...ended,
        answeredAt: call.answeredAt,
        holds: closeHold(call.holds, at),
        consults: closeConsult(call, call.consult, at, consultOutcome),
      };
    case 'customer-left':
      return {
        ...baseOf(call),
        ...ended,
        answeredAt: call.answeredAt,
        customerLeftAt: call.customerLeftAt,
        consults: closeConsult(call, call.consult, at, consultOutcome),
      };
    case 'transferring':
      return endCall(call.resumeTo, at, endReason, consultOutcome);
    default:
      throw missingCaseError(call);
  }
}
