import { useTranslation } from 'react-i18next';
import { holdGuidance } from '../../../../shared/assist';
import type { Call } from '../../../../shared/call';
import type { CallEntry } from '../../state/phone-state';
import { formatDuration } from '../../ui/format';

export interface ConsultBarProps {
  readonly customer: CallEntry;
  readonly leg?: CallEntry;
  readonly now: number;
  readonly onComplete: () => void;
  readonly onMerge: () => void;
  readonly onSwap: () => void;
  readonly onCancel: () => void;
  readonly onBackToCustomer: () => void;
  readonly onRetry: (queue: 'senior' | 'technical') => void;
  readonly onBlind: () => void;
}

function lastFailure(call: Call) {
  const last = call.consults[call.consults.length - 1];
  return last?.outcome.kind === 'failed' ? { ...last.outcome, target: last.target } : undefined;
}

/** The warm transfer in progress: who is being consulted, how long the customer has held, and the four choices. */
export function ConsultBar(props: ConsultBarProps) {
  const { customer, leg, now } = props;
  const { t } = useTranslation();
  const call = customer.call;
  const openHold = call.holds[call.holds.length - 1];
  const heldMs = openHold && openHold.end === undefined ? now - openHold.start : 0;
  // The same 30 s / 60 s rule the assistant follows on a plain hold (shared/assist).
  const guidance = holdGuidance(heldMs);
  const nudge = guidance === 'return' ? 'back' : guidance === 'check-in' ? 'tell' : undefined;
  const failure = lastFailure(call);
  const consultPhase =
    call.phase === 'consult-ringing' ||
    call.phase === 'consulting' ||
    call.phase === 'three-way' ||
    call.phase === 'customer-left' ||
    call.phase === 'transferring';
  if (!consultPhase && !(failure && call.phase === 'on-hold')) return null;
  const target = 'consult' in call ? call.consult.target : failure?.target;
  const targetName = target
    ? target.kind === 'queue'
      ? t(`escalation.targets.${target.queue}`)
      : target.kind === 'agent'
        ? target.agentId
        : target.number
    : '';
  const otherQueue = target?.kind === 'queue' && target.queue === 'senior' ? 'technical' : 'senior';

  return (
    <section className="consult-bar" aria-label={t('consult.region')} data-testid="consult-bar">
      <p className="consult-status" role="status" aria-live="polite">
        {call.phase === 'consult-ringing' && t('consult.ringing', { target: targetName })}
        {call.phase === 'consulting' &&
          t(call.talkingTo === 'consult' ? 'consult.talkingToConsult' : 'consult.talkingToCustomer', { target: targetName })}
        {call.phase === 'three-way' && t('consult.threeWay', { target: targetName })}
        {call.phase === 'customer-left' && t('consult.customerLeft')}
        {call.phase === 'transferring' && t('consult.transferring', { target: targetName })}
        {failure && call.phase === 'on-hold' && t(`notices.consultFailed.${failure.reason}`, { status: failure.sipStatus ?? '' })}
      </p>
      {heldMs > 0 && (
        <p className={`hold-nudge ${nudge ?? ''}`} data-testid="consult-hold">
          {t('consult.customerHeld', { time: formatDuration(heldMs) })}
          {/* Only the nudge is a live region, not the ticking time: at 30 s a polite reminder; at
              60 s the customer may hang up, so it interrupts. */}
          {nudge && <span role={nudge === 'back' ? 'alert' : 'status'}>{` — ${t(`consult.nudge.${nudge}`)}`}</span>}
        </p>
      )}
      <div className="call-actions">
        {(call.phase === 'consulting' || call.phase === 'three-way') && (
          <button type="button" className="answer" onClick={props.onComplete} data-shortcut="complete-transfer">
            {t('consult.complete')}
          </button>
        )}
        {call.phase === 'consulting' && (
          <>
            <button type="button" onClick={props.onMerge} data-shortcut="three-way">
              {t('consult.merge')}
            </button>
            <button type="button" onClick={props.onSwap} data-shortcut="swap">
              {t(call.talkingTo === 'consult' ? 'consult.swapToCustomer' : 'consult.swapToConsult')}
            </button>
          </>
        )}
        {(call.phase === 'consult-ringing' || call.phase === 'consulting' || call.phase === 'three-way') && leg && (
          <button type="button" className="decline" onClick={props.onCancel} data-shortcut="cancel-consult">
            {t('consult.cancel')}
          </button>
        )}
        {failure && call.phase === 'on-hold' && (
          <>
            <button type="button" className="answer" onClick={props.onBackToCustomer} data-shortcut="back-to-customer">
              {t('consult.backToCustomer')}
            </button>
            <button type="button" onClick={() => props.onRetry(otherQueue)}>
              {t('consult.tryOther', { queue: t(`escalation.targets.${otherQueue}`) })}
            </button>
            <button type="button" onClick={props.onBlind}>
              {t('consult.blindInstead')}
            </button>
          </>
        )}
      </div>
    </section>
  );
}
