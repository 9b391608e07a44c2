import { useEffect, useState } from 'react';
import type { AgentState } from '../../../shared/agent';
import type { HostApi } from '../host';
import type { AcwClock } from './StatusBar';
import { useClock } from './use-clock';

/** Often enough that an Extend shows in the status bar within moments of the form saving it. */
const DEADLINE_POLL_MS = 1500;

/**
 * The ACW countdown for the status bar. The deadline lives in the wrap-up draft (the form saves it
 * within a fraction of a second of every change, Extend included), so it is read from there rather
 * than kept twice.
 */
export function useAcwClock(host: HostApi, agent: AgentState): AcwClock | undefined {
  const callId = agent.kind === 'wrap-up' ? agent.callId : undefined;
  const [deadline, setDeadline] = useState<{ readonly callId: string; readonly at: number | null } | undefined>();
  const now = useClock(callId !== undefined);
  useEffect(() => {
    if (!callId) return;
    let live = true;
    const read = () =>
      void host.getOpenWrapUp().then((result) => {
        if (live && result.ok && result.value?.draft.callId === callId) setDeadline({ callId, at: result.value.draft.deadline });
      });
    read();
    const timer = setInterval(read, DEADLINE_POLL_MS);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [host, callId]);
  if (agent.kind !== 'wrap-up' || deadline?.callId !== agent.callId) return undefined;
  return { remainingMs: deadline.at === null ? null : deadline.at - now, elapsedMs: now - agent.startedAt };
}
