import { useCallback, useState } from 'react';
import type { Situation, Stage } from '../../../../shared/assist';
import type { InsertFeedback } from './AssistPanel';

/** What the agent has done in the assistant during one call; the container is keyed by call, so it starts fresh each call. */
export function useAssist() {
  const [ticked, setTicked] = useState<ReadonlySet<Stage>>(() => new Set());
  const [situation, setSituation] = useState<Situation>('acknowledgement');
  const [abusive, setAbusive] = useState(false);
  const [feedback, setFeedback] = useState<InsertFeedback | undefined>();
  const tick = useCallback((stage: Stage, done: boolean) => {
    setTicked((current) => {
      const next = new Set(current);
      if (done) next.add(stage);
      else next.delete(stage);
      return next;
    });
  }, []);
  return { ticked, tick, situation, setSituation, abusive, setAbusive, feedback, setFeedback };
}
