import { useTranslation } from '../i18n';
import type { ReactNode } from 'react';
import { useLocaleFormats } from './locale-format';
import type { AgentState } from '../../../shared/agent';
import type { QualityLevel } from '../../../shared/quality/e-model';
import { formatDuration } from './format';
import { agentStateLabel } from './agent-state-label';

/** After-call work as the status bar shows it: time left, or time spent when it lasts until Ready. */
export interface AcwClock {
  readonly remainingMs: number | null;
  readonly elapsedMs: number;
}

export interface StatusBarProps {
  readonly agentState: AgentState;
  readonly phoneConfigured: boolean;
  readonly acw?: AcwClock;
  /** The talking call's quality, once measured. */
  readonly quality?: { readonly level: QualityLevel; readonly mos: number };
  readonly children?: ReactNode;
}

/** The strip an agent glances at all shift: who they are to the queue right now. */
export function StatusBar({ agentState, phoneConfigured, acw, quality, children }: StatusBarProps) {
  const { t } = useTranslation();
  const formats = useLocaleFormats();
  return (
    <header className="status-bar">
      <span className="brand">{t('app.name')}</span>
      <div className="status-items" role="region" aria-label={t('status.region')}>
        <span className={`agent-state agent-state-${agentState.kind}`} role="status" aria-live="polite" data-testid="agent-state">
          <span className="dot" aria-hidden="true" />
          {agentStateLabel(agentState, t)}
        </span>
        {/* Ticks every second: a live region here would talk over the customer. */}
        {acw && (
          <span className="status-acw" role="timer" aria-live="off" data-testid="status-acw">
            {acw.remainingMs === null
              ? t('status.acwOpen', { time: formatDuration(acw.elapsedMs) })
              : t('status.acwLeft', { time: formatDuration(Math.ceil(Math.max(0, acw.remainingMs) / 1000) * 1000) })}
          </span>
        )}
        {quality && (
          <span className={`quality-badge ${quality.level}`} data-testid="status-quality">
            {t(`quality.level.${quality.level}`, { mos: formats.decimal(quality.mos) })}
          </span>
        )}
        {!phoneConfigured && <span className="registration">{t('status.phoneNotConfigured')}</span>}
      </div>
      {children}
    </header>
  );
}
