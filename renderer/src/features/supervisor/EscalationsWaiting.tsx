import { useState, useSyncExternalStore } from 'react';
import { useTranslation } from '../../i18n';
import { escalationsWaiting, type WaitingEscalation } from '../../../../shared/supervision/waiting';
import type { Result } from '../../../../shared/result';
import type { CommandError } from '../../phone';
import { consultRingingHere, pickupOf, type PickupDesk } from '../../state/escalation-pickup';
import type { TeamStore } from '../../state/team-store';
import { formatDuration } from '../../ui/format';
import { useClock } from '../../ui/use-clock';
import './supervisor.css';

export interface EscalationsWaitingProps {
  readonly team: TeamStore;
  readonly phone: PickupDesk;
  /** Sends a command to the server's queue control (the lab's `pickup <agent>`). */
  readonly askQueue: (body: string) => Promise<Result<void, CommandError>>;
  /** A supervisor sees every escalation in the team; a senior those for them and their queues. */
  readonly supervisor: boolean;
}

/**
 * "Escalations waiting for me" (issue 16): the escalations in flight from the team's presence and
 * the queue board (shared/supervision/waiting.ts), the most severe first, with Pick up where it can
 * be done: ringing here (answer), or listed in a queue's board (the queue puts it through). Shows
 * nothing when there is nothing waiting. Names and tokens were validated on receipt; text only.
 */
export function EscalationsWaiting({ team, phone, askQueue, supervisor }: EscalationsWaitingProps) {
  const { t } = useTranslation();
  const teamState = useSyncExternalStore(team.subscribe, team.getSnapshot);
  const phoneState = useSyncExternalStore(phone.subscribe, phone.getSnapshot);
  const [outcome, setOutcome] = useState<{ readonly from: string; readonly kind: 'asked' | 'failed' } | undefined>();
  const items = escalationsWaiting({
    colleagues: teamState.colleagues,
    board: teamState.board,
    self: team.self(),
    myQueues: teamState.myQueues ?? [],
    supervisor,
  });
  const now = useClock(items.length > 0);
  if (items.length === 0) return null;

  const pickUp = async (e: WaitingEscalation) => {
    setOutcome(undefined);
    const result = await pickupOf(phone, askQueue).pickUp(e.from, e.queue !== undefined);
    if (result !== 'answered') setOutcome({ from: e.from, kind: result });
  };
  const since = (at: number) => formatDuration(Math.max(0, now - at));

  return (
    <section className="escalations-waiting" aria-label={t('supervision.waiting.title')} data-testid="escalations-waiting">
      <h2>{t('supervision.waiting.title')}</h2>
      <ul>
        {items.map((e) => {
          const here = consultRingingHere(phoneState, e.from) !== undefined;
          const canPickUp = e.state === 'ringing' && (here || e.queue !== undefined);
          return (
            <li key={e.from} data-from={e.from} data-state={e.state}>
              <span className="who">{t('supervision.waiting.line', { from: e.from, to: e.to })}</span>
              {e.severity !== undefined && (
                <span className={`severity severity-${e.severity}`}>{t(`escalation.severities.${e.severity}`)}</span>
              )}
              {e.reason && <span className="reason">{t(`escalation.reasons.${e.reason}`)}</span>}
              <span className="where">
                {here
                  ? t('supervision.waiting.ringsHere')
                  : e.state === 'ringing'
                    ? e.ringingAt
                      ? t('supervision.waiting.ringingAt', { member: e.ringingAt })
                      : t('supervision.waiting.ringing')
                    : t(`supervision.waiting.${e.state}`)}
              </span>
              {e.holdSince !== undefined && (
                <span className="held">{t('supervision.waiting.held', { time: since(e.holdSince) })}</span>
              )}
              {canPickUp && (
                <button type="button" onClick={() => void pickUp(e)}>
                  {t('supervision.waiting.pickUp')}
                </button>
              )}
              {outcome?.from === e.from && (
                <span role="status" className={outcome.kind === 'failed' ? 'problem' : undefined}>
                  {t(`supervision.waiting.${outcome.kind}`)}
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
