import { useTranslation } from '../../i18n';
import { BREAK_REASONS, canTransition, type AgentState, type BreakReason } from '../../../../shared/agent';

export interface AgentControlsProps {
  readonly agent: AgentState;
  readonly signedIn: boolean;
  readonly onAvailable: () => void;
  readonly onBreak: (reason: BreakReason) => void;
  readonly onSignIn: () => void;
  readonly onSignOut: () => void;
}

/** Available, a break with its reason, or signed out: the buttons the shared agent machine allows now. */
export function AgentControls({ agent, signedIn, onAvailable, onBreak, onSignIn, onSignOut }: AgentControlsProps) {
  const { t } = useTranslation();
  if (!signedIn) {
    return (
      <div className="agent-controls">
        <button type="button" onClick={onSignIn} data-action="sign-in">
          {t('agent.signIn')}
        </button>
      </div>
    );
  }
  return (
    <div className="agent-controls">
      <button
        type="button"
        onClick={onAvailable}
        disabled={!canTransition(agent, 'wentAvailable')}
        aria-pressed={agent.kind === 'available'}
        data-shortcut="available"
      >
        {t('agent.available')}
      </button>
      <label className="sr-only" htmlFor="break-reason">
        {t('agent.break')}
      </label>
      <select
        id="break-reason"
        data-shortcut="break"
        value=""
        disabled={!canTransition(agent, 'tookBreak')}
        onChange={(e) => {
          const reason = BREAK_REASONS.find((r) => r === e.target.value);
          if (reason) onBreak(reason);
        }}
      >
        <option value="" disabled>
          {t('agent.break')}
        </option>
        {BREAK_REASONS.map((reason) => (
          <option key={reason} value={reason}>
            {t(`breakReason.${reason}`)}
          </option>
        ))}
      </select>
      <button
        type="button"
        onClick={onSignOut}
        data-action="sign-out"
        disabled={!canTransition(agent, 'signedOut') && agent.kind !== 'offline'}
      >
        {t('agent.signOut')}
      </button>
    </div>
  );
}
