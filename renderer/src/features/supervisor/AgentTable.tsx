import type { ReactNode } from 'react';
import { useTranslation } from '../../i18n';
import { overTargetAt, type CallTargetOf } from '../../../../shared/supervision/board';
import type { Colleague } from '../../state/team-store';
import { formatDuration } from '../../ui/format';

export interface AgentTableProps {
  /** Already in board order. */
  readonly agents: readonly Colleague[];
  readonly now: number;
  readonly targetOf: CallTargetOf;
  /** Listen / Coach / Barge for an agent on a call. */
  readonly actions: (user: string) => ReactNode;
}

/**
 * The supervisor's board rows (issue 16): state and time in it, the call's length and queue (marked
 * past its queue's target), the escalation in progress (reason, severity, where it goes), and how
 * long the customer has been on hold. Everything shown came from a colleague's presence: the
 * tokens were validated on receipt (shared/presence/agent-call.ts), and React renders it as text.
 */
export function AgentTable({ agents, now, targetOf, actions }: AgentTableProps) {
  const { t } = useTranslation();
  const since = (at: number) => formatDuration(Math.max(0, now - at));
  return (
    <table className="supervised-agents" data-testid="supervised-agents">
      <thead>
        <tr>
          <th scope="col">{t('supervision.columns.agent')}</th>
          <th scope="col">{t('supervision.columns.state')}</th>
          <th scope="col">{t('supervision.columns.call')}</th>
          <th scope="col">{t('supervision.columns.escalation')}</th>
          <th scope="col">{t('supervision.columns.hold')}</th>
          <th scope="col">
            <span className="sr-only">{t('supervision.columns.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {agents.map((a) => {
          const call = a.kind === 'on-call' ? a.call : undefined;
          const over = overTargetAt(a, targetOf);
          const escalation = call?.escalation;
          return (
            <tr key={a.user} data-user={a.user} data-state={a.kind}>
              <th scope="row" className="agent">
                {a.user}
              </th>
              <td className="state">
                {t(`team.state.${a.kind}`)}
                {a.since !== undefined && a.kind !== 'offline' && ` ${since(a.since)}`}
              </td>
              <td className="call" data-testid="board-call">
                {call && (
                  <>
                    {since(call.since)}
                    {call.queue && ` · ${call.queue}`}
                    {over !== undefined && over <= now && <span className="over-target"> {t('supervision.overTarget')}</span>}
                  </>
                )}
              </td>
              <td className="escalation" data-testid="board-escalation" data-severity={escalation?.severity}>
                {escalation && (
                  <>
                    <span className={`severity severity-${escalation.severity}`}>
                      {t(`escalation.severities.${escalation.severity}`)}
                    </span>{' '}
                    {t(`escalation.reasons.${escalation.reason}`)}
                    <span className="consult">
                      {' '}
                      {t(`supervision.consult.${escalation.state}`, { to: escalation.to, time: since(escalation.since) })}
                    </span>
                  </>
                )}
              </td>
              <td className="hold" data-testid="board-hold">
                {call?.holdSince !== undefined && since(call.holdSince)}
              </td>
              <td className="row-actions">{a.kind === 'on-call' && actions(a.user)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
