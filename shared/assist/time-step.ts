import { totalHoldMs } from '../call/call-timeline';
import type { Call } from '../call/call';
import { holdGuidance, slaGuidance, type SlaPolicy } from './guidance';
import { stageChecklist, type StageThresholds } from './stages';

/** How long a connected call has run, been talked (holds left out) and, while held, held. */
export interface AssistTimes {
  readonly onCallMs: number;
  readonly talkMs: number;
  /** Present while the customer is on hold. */
  readonly heldMs?: number;
}

export function assistTimes(call: Call, now: number): AssistTimes {
  if (call.phase !== 'active' && call.phase !== 'on-hold') return { onCallMs: 0, talkMs: 0 };
  const onCallMs = Math.max(0, now - call.answeredAt);
  const talkMs = Math.max(0, onCallMs - totalHoldMs(call, now));
  const openHold = call.holds.at(-1);
  return call.phase === 'on-hold' && openHold && openHold.end === undefined
    ? { onCallMs, talkMs, heldMs: Math.max(0, now - openHold.start) }
    : { onCallMs, talkMs };
}

/**
 * What time alone changes in the assistant (the stage talk time has reached, the SLA guidance, the
 * hold nudge) as one key: equal keys look alike but for the running times, which write their own
 * text (issue 19). The assistant renders when the key changes, at a threshold, not every second.
 */
export function assistTimeStep(call: Call, now: number, thresholds: StageThresholds, policy: SlaPolicy): string {
  const { onCallMs, talkMs, heldMs } = assistTimes(call, now);
  const stage = stageChecklist(talkMs, new Set(), thresholds).current ?? '';
  return `${call.phase} ${stage} ${slaGuidance(onCallMs, policy).kind} ${holdGuidance(heldMs)}`;
}
