import { useTranslation } from 'react-i18next';

export type AgentStateKindLabel = 'Offline' | 'Available' | 'Ringing' | 'OnCall' | 'Consulting' | 'WrapUp' | 'Break';

export interface StatusBarProps {
  readonly agentState: AgentStateKindLabel;
  readonly phoneConfigured: boolean;
}

/** The strip an agent glances at all shift: who they are to the queue right now. */
export function StatusBar({ agentState, phoneConfigured }: StatusBarProps) {
  const { t } = useTranslation();
  return (
    <header className="status-bar" role="banner">
      <span className="brand">{t('app.name')}</span>
      <div className="status-items" role="region" aria-label={t('status.region')}>
        <span className={`agent-state agent-state-${agentState}`} role="status" aria-live="polite" data-testid="agent-state">
          <span className="dot" aria-hidden="true" />
          {t('status.agentState', { state: t(`agentState.${agentState}`) })}
        </span>
        {!phoneConfigured && <span className="registration">{t('status.phoneNotConfigured')}</span>}
      </div>
    </header>
  );
}
