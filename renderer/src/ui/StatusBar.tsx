import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentState } from '../../../shared/agent';

export interface StatusBarProps {
  readonly agentState: AgentState;
  readonly phoneConfigured: boolean;
  readonly children?: ReactNode;
}

/** The strip an agent glances at all shift: who they are to the queue right now. */
export function StatusBar({ agentState, phoneConfigured, children }: StatusBarProps) {
  const { t } = useTranslation();
  const stateName = t(`agentState.${agentState.kind}`);
  const label =
    agentState.kind === 'break'
      ? t('status.stateWithReason', { state: stateName, reason: t(`breakReason.${agentState.reason}`) })
      : stateName;
  return (
    <header className="status-bar">
      <span className="brand">{t('app.name')}</span>
      <div className="status-items" role="region" aria-label={t('status.region')}>
        <span className={`agent-state agent-state-${agentState.kind}`} role="status" aria-live="polite" data-testid="agent-state">
          <span className="dot" aria-hidden="true" />
          {t('status.agentState', { state: label })}
        </span>
        {!phoneConfigured && <span className="registration">{t('status.phoneNotConfigured')}</span>}
      </div>
      {children}
    </header>
  );
}
