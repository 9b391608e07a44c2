import { useTranslation } from '../../i18n';
import { useSyncExternalStore } from 'react';
import type { SupervisionStore } from '../../state/supervision-store';

/**
 * On the agent's call card for as long as a supervisor is on the call (issue 16): who, and
 * whether they listen, coach or are in the call. The agent always knows.
 */
export function SupervisionIndicator({
  callId,
  supervision,
}: {
  readonly callId: string;
  readonly supervision: SupervisionStore;
}) {
  const { t } = useTranslation();
  const state = useSyncExternalStore(supervision.subscribe, supervision.getSnapshot);
  const active = state.active.get(callId);
  if (!active) return null;
  return (
    <p
      className={`supervision-indicator mode-${active.mode}`}
      role="status"
      data-testid="supervision-indicator"
      data-mode={active.mode}
    >
      {t(`supervision.indicator.${active.mode}`, { supervisor: active.supervisor })}
    </p>
  );
}
