import { useTranslation } from '../../i18n';
import { memo, useSyncExternalStore } from 'react';
import type { QueueBoardEntry } from '../../../../shared/presence/queue-board';
import { serviceLevelPercent } from '../../../../shared/presence/service-level';
import type { Colleague, TeamStore } from '../../state/team-store';
import { formatDuration } from '../../ui/format';
import { useClock } from '../../ui/use-clock';
import './team.css';

/**
 * The agent's home beside the dial pad (issue 15): the queues with their waiting customers and
 * free members, and the team's states. One clock for every "time in state" label. `compact` is
 * the same beside a call, in a narrower column (team.css leaves out the longest wait, the busy
 * counts, the colleagues' queues and the note on a server without queue figures).
 */
export const TeamPanel = memo(function TeamPanel({
  team,
  compact = false,
}: {
  readonly team: TeamStore;
  readonly compact?: boolean;
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(team.subscribe, team.getSnapshot);
  const now = useClock(state.colleagues.some((c) => c.since !== undefined));
  // Beside a call, a panel with nothing to show would only take the agent's eye.
  if (compact && !state.board && state.colleagues.length === 0) return null;
  return (
    <section className={compact ? 'team-panel compact' : 'team-panel'} aria-label={t('team.region')} data-testid="team-panel">
      <h2>{t('team.queues')}</h2>
      {state.board === null && <p className="team-note team-no-board">{t('team.noBoard')}</p>}
      {state.board && (
        <table className="queue-board" data-testid="queue-board">
          <thead>
            <tr>
              <th scope="col">{t('team.queue')}</th>
              <th scope="col">{t('team.waiting')}</th>
              <th scope="col">{t('team.longestWait')}</th>
              <th scope="col">{t('team.free')}</th>
              <th scope="col">{t('team.busy')}</th>
              <th scope="col">{t('team.serviceLevel')}</th>
            </tr>
          </thead>
          <tbody>
            {state.board.queues.map((q) => (
              <QueueRow key={q.name} entry={q} />
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('team.title')}</h2>
      {state.colleagues.length === 0 ? (
        <p className="team-note">{t('team.empty')}</p>
      ) : (
        <ul className="team-list" data-testid="team-list">
          {state.colleagues.map((c) => (
            <ColleagueRow key={c.user} colleague={c} now={now} />
          ))}
        </ul>
      )}
    </section>
  );
});

function QueueRow({ entry }: { readonly entry: QueueBoardEntry }) {
  const { t } = useTranslation();
  const level = serviceLevelPercent(entry);
  const m = entry.members;
  return (
    <tr data-queue={entry.name}>
      <th scope="row">{entry.name}</th>
      <td data-testid={`waiting-${entry.name}`}>{entry.waiting}</td>
      <td>{entry.waiting > 0 ? formatDuration(entry.longestWaitSeconds * 1000) : '–'}</td>
      <td data-testid={`free-${entry.name}`} className={m.available === 0 ? 'none-free' : undefined}>
        {m.available === 0 ? t('team.noneFree') : m.available}
      </td>
      <td>{t('team.busyCounts', { onCall: m.onCall, wrapUp: m.wrapUp, onBreak: m.break })}</td>
      <td>{level === undefined ? '–' : `${level} %`}</td>
    </tr>
  );
}

/** Memoised: a burst of NOTIFYs re-renders the rows that changed, not all 300 (the clock still ticks them all). */
const ColleagueRow = memo(function ColleagueRow({ colleague, now }: { readonly colleague: Colleague; readonly now: number }) {
  const { t, has } = useTranslation();
  const state = t(`team.state.${colleague.kind}`);
  // A reason of the colleague's own (from their presence) is shown as they wrote it.
  const reasonKey = `breakReason.${colleague.reason ?? ''}`;
  const reason = colleague.kind === 'break' && colleague.reason ? (has(reasonKey) ? t(reasonKey) : colleague.reason) : '';
  const since =
    colleague.since !== undefined && colleague.kind !== 'offline' ? formatDuration(Math.max(0, now - colleague.since)) : '';
  return (
    <li className={`colleague colleague-${colleague.kind}`} data-user={colleague.user} data-state={colleague.kind}>
      <span className="colleague-name">{colleague.user}</span>
      <span className="colleague-queues">{colleague.queues.join(', ')}</span>
      <span className="colleague-state">{[state, reason, since].filter(Boolean).join(' · ')}</span>
    </li>
  );
});
