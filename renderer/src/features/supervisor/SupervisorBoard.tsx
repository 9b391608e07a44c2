import { useTranslation } from '../../i18n';
import { useState, useSyncExternalStore } from 'react';
import { DEFAULT_CALL_TARGET_SECONDS, sortBoard, type CallTargetOf } from '../../../../shared/supervision/board';
import { SUPERVISION_MODES, type SupervisionMode } from '../../../../shared/supervision/request';
import type { Result } from '../../../../shared/result';
import type { CommandError } from '../../phone';
import type { MonitorLeg } from '../../phone/supervision';
import type { SupervisionStore } from '../../state/supervision-store';
import type { TeamStore } from '../../state/team-store';
import { useClock } from '../../ui/use-clock';
import type { PickupDesk } from '../../state/escalation-pickup';
import { AgentTable } from './AgentTable';
import { EscalationsWaiting } from './EscalationsWaiting';
import './supervisor.css';

export interface SupervisorBoardProps {
  readonly team: TeamStore;
  readonly supervision: SupervisionStore;
  readonly monitor: (agent: string, mode: SupervisionMode) => Promise<Result<MonitorLeg, CommandError>>;
  readonly phone: PickupDesk;
  readonly askQueue: (body: string) => Promise<Result<void, CommandError>>;
}

/**
 * The supervisor's board (issue 16): the team's agents from presence with their calls, holds and
 * escalations, the one who most likely needs help on top (shared/supervision/board.ts), each on a
 * call with Listen, Coach and Barge; any agent by name where the
 * server gives no team list. While on an agent's call: the mode, switchable, and Leave.
 */
export function SupervisorBoard({ team, supervision, monitor, phone, askQueue }: SupervisorBoardProps) {
  const { t } = useTranslation();
  const teamState = useSyncExternalStore(team.subscribe, team.getSnapshot);
  const state = useSyncExternalStore(supervision.subscribe, supervision.getSnapshot);
  const [leg, setLeg] = useState<MonitorLeg | undefined>();
  const [agentName, setAgentName] = useState('');
  const [problem, setProblem] = useState<string | undefined>();
  const now = useClock(teamState.colleagues.some((a) => a.since !== undefined));
  const targets = new Map(teamState.board?.queues.map((q) => [q.name, q.callTargetSeconds]) ?? []);
  const targetOf: CallTargetOf = (queue) => (queue && targets.get(queue)) || DEFAULT_CALL_TARGET_SECONDS;
  const agents = sortBoard(teamState.colleagues, now, targetOf);
  const view = state.monitor;
  const live = leg && view && view.agent === leg.agent && view.state !== 'ended' ? view : undefined;

  const start = async (agent: string, mode: SupervisionMode) => {
    setProblem(undefined);
    leg?.leave();
    const started = await monitor(agent, mode);
    if (started.ok) setLeg(started.value);
    else setProblem(t('supervision.problem', { agent }));
  };
  const buttons = (agent: string) =>
    SUPERVISION_MODES.map((mode) => (
      <button key={mode} type="button" className="secondary" onClick={() => void start(agent, mode)}>
        {t(`supervision.start.${mode}`)}
      </button>
    ));

  return (
    <section className="supervisor-board" aria-label={t('supervision.board')} data-testid="supervisor-board">
      <EscalationsWaiting team={team} phone={phone} askQueue={askQueue} supervisor />
      <h2>{t('supervision.board')}</h2>
      {live && (
        <div className="monitor" data-testid="monitor" data-state={live.state} data-mode={live.mode}>
          <p role="status">
            {live.state === 'calling'
              ? t('supervision.calling', { agent: live.agent })
              : t(`supervision.monitoring.${live.mode}`, { agent: live.agent })}
          </p>
          <div className="modes" role="group" aria-label={t('supervision.modes')}>
            {SUPERVISION_MODES.map((mode) => (
              <button
                key={mode}
                type="button"
                aria-pressed={live.mode === mode}
                disabled={live.state !== 'active'}
                onClick={() => void leg?.setMode(mode)}
              >
                {t(`supervision.mode.${mode}`)}
              </button>
            ))}
            <button type="button" className="danger" onClick={() => leg?.leave()}>
              {t('supervision.leave')}
            </button>
          </div>
        </div>
      )}
      {!live && view?.state === 'ended' && view.endReason !== undefined && (
        <p role="status" data-testid="monitor-ended">
          {t(`supervision.ended.${view.endReason}`, { agent: view.agent })}
        </p>
      )}
      {view?.state === 'ended' && view.status !== undefined && (
        <p className="problem" role="alert">
          {t('supervision.refused', { agent: view.agent, status: view.status })}
        </p>
      )}
      {problem && (
        <p className="problem" role="alert">
          {problem}
        </p>
      )}
      <AgentTable
        agents={agents}
        now={now}
        targetOf={targetOf}
        actions={(user) => <span className="actions">{buttons(user)}</span>}
      />
      <form className="any-agent" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t('supervision.agent')}
          <input value={agentName} maxLength={64} onChange={(e) => setAgentName(e.target.value.trim())} />
        </label>
        {agentName !== '' && <span className="actions">{buttons(agentName)}</span>}
      </form>
    </section>
  );
}
