import { useTranslation } from '../../i18n';
import { useCallback, type ReactNode } from 'react';
import { totalHoldMs } from '../../../../shared/call';
import type { CallEntry } from '../../state/phone-state';
import { formatDuration } from '../../ui/format';
import { UNAVAILABLE_ATTRIBUTE } from '../../ui/shortcut-targets';
import { TickingText } from '../../ui/use-clock';
import { Keypad } from './Keypad';
import { CallNetwork } from './CallNetwork';
import { QualityBadge } from './QualityBadge';

export interface ActiveCallProps {
  readonly entry: CallEntry;
  /**
   * The microphone meter and the quality badge of the talking call: leaf components that update
   * themselves (two and a half times and half a time a second), so this card does not re-render with them.
   */
  readonly meter?: ReactNode;
  readonly qualityBadge?: ReactNode;
  /** The call is being recorded (Settings → Recording): the agent always sees it. */
  readonly recording?: boolean;
  /**
   * The signalling is reconnecting (the WebSocket dropped, or the call's target refresh is on its
   * way): the phone refuses hold, DTMF and a consult until it is back, so those controls say so.
   */
  readonly reconnecting?: boolean;
  readonly keypadOpen: boolean;
  readonly digitsSent: string;
  readonly onHold: () => void;
  readonly onMute: () => void;
  readonly onHangup: () => void;
  /** After network trouble lasted too long: try to reconnect the call once more. */
  readonly onKeepTrying: () => void;
  readonly onToggleKeypad: () => void;
  readonly onDigit: (digit: string) => void;
  /** Shown while nothing is being escalated on this call. */
  readonly onEscalate?: () => void;
}

/**
 * Talk and hold time: the one part of the card that changes every second, so only their two text
 * nodes change with the clock, without a React render (issue 19: CPU in call).
 */
function CallTimers({ call, onHold }: { readonly call: CallEntry['call']; readonly onHold: boolean }) {
  const { t } = useTranslation();
  const lastHold = call.holds[call.holds.length - 1];
  const heldSince = onHold && lastHold && lastHold.end === undefined ? lastHold.start : undefined;
  const talk = useCallback(
    (now: number) => {
      const talkMs = 'answeredAt' in call && call.answeredAt !== undefined ? now - call.answeredAt : 0;
      const holdMs = totalHoldMs(call, now);
      const talked = t('calls.active.talkTime', { time: formatDuration(talkMs) });
      return holdMs > 0 ? `${talked} · ${t('calls.active.holdTime', { time: formatDuration(holdMs) })}` : talked;
    },
    [call, t],
  );
  const held = useCallback(
    (now: number) => t('calls.active.heldFor', { time: formatDuration(now - (heldSince ?? now)) }),
    [heldSince, t],
  );
  return (
    <>
      <TickingText className="timer" testId="call-timer" text={talk} />
      {heldSince !== undefined && <TickingText className="hold-timer" role="timer" testId="hold-timer" text={held} />}
    </>
  );
}

/** The call the agent is on: who, how long, and every control one click (or key) away. */
export function ActiveCall(props: ActiveCallProps) {
  const { entry, keypadOpen, digitsSent } = props;
  const { t } = useTranslation();
  const { call, info } = entry;
  const connected = call.phase !== 'dialing' && call.phase !== 'offered' && call.phase !== 'ended';
  const onHold = call.phase === 'on-hold';
  // During a warm transfer the consult bar owns hold and resume (Swap, Cancel); this card shows the customer's side.
  const inTransfer = ['consult-ringing', 'consulting', 'three-way', 'customer-left', 'transferring'].includes(call.phase);
  const name = info.remote.name ?? info.remote.number;
  const reconnecting = props.reconnecting === true || entry.network === 'reconnecting';
  // Why a control that needs the signalling is disabled (a tooltip; see UNAVAILABLE_ATTRIBUTE).
  const unavailable = reconnecting ? t('calls.actions.unavailableReconnecting') : undefined;
  const why = unavailable ? { title: unavailable, [UNAVAILABLE_ATTRIBUTE]: unavailable } : {};
  return (
    <section
      className={`call-card active ${onHold ? 'on-hold' : ''}`}
      aria-label={t('calls.active.region')}
      tabIndex={-1}
      data-focus-home="3"
    >
      <p className="call-kind">
        {call.phase === 'dialing'
          ? t(entry.remoteRinging ? 'calls.active.remoteRinging' : 'calls.active.dialing')
          : inTransfer
            ? t('calls.active.inTransfer')
            : onHold
              ? t('calls.active.onHold')
              : t('calls.active.title')}
        {entry.heldByRemote && ` · ${t('calls.active.heldByRemote')}`}
      </p>
      {props.recording && (
        <p className="recording-indicator" role="status" data-testid="recording-indicator">
          <span className="recording-dot" aria-hidden="true" />
          {t('calls.active.recording')}
        </p>
      )}
      <CallNetwork entry={entry} onKeepTrying={props.onKeepTrying} onHangup={props.onHangup} />
      <h2 className="caller-name">{name}</h2>
      {info.remote.name && <p className="caller-number">{info.remote.number}</p>}
      {info.queue && <p className="queue">{t('calls.queue', { queue: info.queue.name })}</p>}
      <CallTimers call={call} onHold={onHold} />
      {connected && (
        <div className="call-meters">
          {props.meter ?? (
            <span
              className="mic-level"
              aria-label={t('calls.active.micLevel')}
              role="meter"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={0}
            >
              <span className="mic-level-bar" style={{ transform: 'scaleX(0)' }} />
            </span>
          )}
          {props.qualityBadge ?? <QualityBadge quality={undefined} />}
        </div>
      )}
      <div className="call-actions">
        <button
          type="button"
          onClick={props.onHold}
          disabled={!connected || inTransfer || reconnecting}
          aria-pressed={onHold}
          data-shortcut="hold"
          {...(connected && !inTransfer ? why : {})}
        >
          {t(onHold ? 'calls.actions.resume' : 'calls.actions.hold')}
        </button>
        <button type="button" onClick={props.onMute} disabled={!connected} aria-pressed={entry.muted} data-shortcut="mute">
          {t(entry.muted ? 'calls.actions.unmute' : 'calls.actions.mute')}
        </button>
        <button
          type="button"
          onClick={props.onToggleKeypad}
          disabled={!connected || reconnecting}
          aria-expanded={keypadOpen}
          data-shortcut="keypad"
          {...(connected ? why : {})}
        >
          {t('calls.actions.keypad')}
        </button>
        {props.onEscalate && (
          <button
            type="button"
            className="escalate"
            onClick={props.onEscalate}
            disabled={reconnecting}
            data-shortcut="escalate"
            {...why}
          >
            {t('calls.actions.escalate')}
          </button>
        )}
        <button type="button" className="hangup" onClick={props.onHangup} data-shortcut="hangup">
          {t('calls.actions.hangup')}
        </button>
      </div>
      {keypadOpen && connected && (
        <div className="dtmf">
          <Keypad label={t('calls.active.dtmf')} onKey={props.onDigit} disabled={reconnecting} />
          <output className="digits-sent" aria-live="polite" data-testid="dtmf-sent">
            {digitsSent}
          </output>
        </div>
      )}
    </section>
  );
}
