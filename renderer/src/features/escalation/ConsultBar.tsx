import { type TFunction, useTranslation } from '../../i18n';
import { holdGuidance } from '../../../../shared/assist';
import { consultStateOf, type ConsultState } from '../../../../shared/call';
import { missingCaseError } from '../../../../shared/result';
import type { CallEntry } from '../../state/phone-state';
import { formatDuration } from '../../ui/format';
import { useClock } from '../../ui/use-clock';

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

/**
 * The bar beside a call, on the shared clock only while a consult is under way: without one it is
 * empty, and a call commits nothing a second for it (issue 19: CPU in call).
 */
export function LiveConsultBar(props: Omit<ConsultBarProps, 'now'>) {
  const now = useClock(consultStateOf(props.customer.call, undefined) !== undefined);
  return <ConsultBar {...props} now={now} />;
}

/** The warm transfer in progress, in every consult state (shared/call/consult-state.ts), each with its way back to the customer. */
export function ConsultBar(props: ConsultBarProps) {
  const { customer, leg, now } = props;
  const { t } = useTranslation();
  const call = customer.call;
  const consult = consultStateOf(call, leg ? { queued: leg.queued === true } : undefined);
  if (!consult) return null;
  const openHold = call.holds[call.holds.length - 1];
  const customerHeld = openHold !== undefined && openHold.end === undefined;
  // The shared clock ticks once a second, so `now` may be from before the hold began: the line is
  // there from the hold's first render (0:00), not a tick later, when it pushed the buttons down
  // under a click on Complete transfer (the soak's lost click, issue 14).
  const heldMs = customerHeld ? Math.max(0, now - openHold.start) : 0;
  // The same 30 s / 60 s rule the assistant follows on a plain hold (shared/assist).
  const guidance = holdGuidance(heldMs);
  const nudge = guidance === 'return' ? 'back' : guidance === 'check-in' ? 'tell' : undefined;
  const target = consult.target;
  const targetName =
    target.kind === 'queue' ? t(`escalation.targets.${target.queue}`) : target.kind === 'agent' ? target.agentId : target.number;
  const otherQueue = target.kind === 'queue' && target.queue === 'senior' ? 'technical' : 'senior';
  const consultMs = 'consult' in call ? now - call.consult.dialedAt : 0;
  const kind = consult.kind;
  const canComplete =
    kind === 'connected' || kind === 'three-way' || kind === 'transfer-refused' || kind === 'transfer-timed-out';
  const cancels = kind === 'queued' || kind === 'ringing' || kind === 'connected' || kind === 'three-way';
  const goesBack = kind === 'failed' || kind === 'transfer-sent' || kind === 'transfer-refused' || kind === 'transfer-timed-out';

  return (
    <section className="consult-bar" aria-label={t('consult.region')} data-testid="consult-bar" data-consult-state={kind}>
      <p className="consult-status" role="status" aria-live="polite">
        {statusText(consult, targetName, formatDuration(consultMs), t)}
      </p>
      {customerHeld && (
        <p className={`hold-nudge ${nudge ?? ''}`} data-testid="consult-hold">
          {t('consult.customerHeld', { time: formatDuration(heldMs) })}
          {/* Only the nudge is a live region, not the ticking time: at 30 s a polite reminder; at
              60 s the customer may hang up, so it interrupts. */}
          {nudge && <span role={nudge === 'back' ? 'alert' : 'status'}>{` — ${t(`consult.nudge.${nudge}`)}`}</span>}
        </p>
      )}
      <div className="call-actions">
        {canComplete && (
          <button type="button" className="answer" onClick={props.onComplete} data-shortcut="complete-transfer">
            {/* In a three-way, completing is the agent leaving the other two talking (walk fault 8). */}
            {kind === 'three-way' ? t('consult.leave', { target: targetName }) : t('consult.complete')}
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
        {cancels && leg && (
          <button type="button" className="decline" onClick={props.onCancel} data-shortcut="cancel-consult">
            {kind === 'three-way' ? t('consult.dropColleague', { target: targetName }) : t('consult.cancel')}
          </button>
        )}
        {goesBack && (
          <button type="button" className="answer" onClick={props.onBackToCustomer} data-shortcut="back-to-customer">
            {t('consult.backToCustomer')}
          </button>
        )}
        {kind === 'failed' && (
          <>
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

function statusText(consult: ConsultState, target: string, waited: string, t: TFunction): string {
  switch (consult.kind) {
    case 'queued':
      return t('consult.queued', { target, time: waited });
    case 'ringing':
      return t('consult.ringing', { target });
    case 'connected':
      return t(consult.talkingTo === 'consult' ? 'consult.talkingToConsult' : 'consult.talkingToCustomer', { target });
    case 'three-way':
      return t('consult.threeWay', { target });
    case 'transfer-sent':
      return t('consult.transferring', { target });
    case 'transfer-refused':
      return t('consult.transferRefused', { target, status: consult.sipStatus ?? '' });
    case 'transfer-timed-out':
      return t('consult.transferTimedOut', { target });
    case 'failed':
      return t(`notices.consultFailed.${consult.reason}`, { status: consult.sipStatus ?? '' });
    case 'customer-left':
      return t('consult.customerLeft');
    default:
      throw missingCaseError(consult);
  }
}
