import type { Settings } from '../settings';
import { secondsForQueue } from '../settings-rules';

/** What the after-call time depends on: the queue the call came from and whether it was escalated. */
export interface WrapUpCall {
  /** The queue's name as the ACD announced it; absent for direct and outbound calls. */
  readonly queue?: string;
  /** This agent escalated the call, or took it over with an escalation context. */
  readonly escalated: boolean;
}

export type WrapUpPolicy = Pick<Settings, 'wrapUpSeconds' | 'queueWrapUps' | 'escalatedWrapUpSeconds'>;

/** 0 means "until the agent is ready", the longest wrap-up there is. */
const longer = (a: number, b: number) => (a === 0 || b === 0 ? 0 : Math.max(a, b));

/**
 * The countdown a call's wrap-up starts with, in seconds (0: until ready). The queue's own time
 * when it has one (queue names compare case-insensitively), else the default; an escalated call
 * gets at least the escalation time, since its notes carry the handover.
 */
export function wrapUpSecondsFor(call: WrapUpCall, policy: WrapUpPolicy): number {
  const own = secondsForQueue(policy.queueWrapUps, call.queue, policy.wrapUpSeconds);
  return call.escalated ? longer(own, policy.escalatedWrapUpSeconds) : own;
}

/**
 * What a stored call (an open wrap-up's record) says about its wrap-up time: the page that
 * reloads mid-wrap-up no longer knows the call, and its countdown must still be the one the call
 * had, or a restored deadline reads as Extends already used. An escalation recorded on the call
 * (sent or received) makes it escalated.
 */
export function wrapUpCallOfRecord(call: { readonly queue: string; readonly escalationId?: string | undefined }): WrapUpCall {
  return { ...(call.queue ? { queue: call.queue } : {}), escalated: call.escalationId !== undefined };
}
