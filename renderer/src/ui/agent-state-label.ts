import type { AgentState } from '../../../shared/agent';
import type { TFunction } from '../i18n/translator';

/** The status bar's "Status: …" line: one copy for the React status bar and the start shell (boot/). */
export function agentStateLabel(agentState: AgentState, t: TFunction): string {
  const stateName = t(`agentState.${agentState.kind}`);
  const label =
    agentState.kind === 'break'
      ? t('status.stateWithReason', { state: stateName, reason: t(`breakReason.${agentState.reason}`) })
      : stateName;
  return t('status.agentState', { state: label });
}
