import { useTranslation } from '../../i18n';
import type { ReactNode } from 'react';
import { DECLINE_REASONS, type CallInfo, type DeclineReason } from '../../phone';
import { formatDuration } from '../../ui/format';

export interface IncomingCallProps {
  readonly info: CallInfo;
  readonly waiting: boolean;
  readonly ringingForMs: number;
  readonly onAnswer: () => void;
  readonly onDecline: (reason?: DeclineReason) => void;
  /** The handoff card, when a colleague escalated this call to us. */
  readonly children?: ReactNode;
}

/** A ringing call: who, from which queue, how long they waited; answer or decline. */
export function IncomingCall({ info, waiting, ringingForMs, onAnswer, onDecline, children }: IncomingCallProps) {
  const { t } = useTranslation();
  const name = info.remote.name ?? info.remote.number;
  return (
    <section
      className={`call-card incoming ${waiting ? 'waiting' : ''}`}
      aria-label={t('calls.incoming.region')}
      role="alertdialog"
      data-focus-home="1"
      data-call-id={info.callId}
    >
      <div className="call-main">
        {/* Announced at once, and only this: the ringing time ticks and the screen pop arrives
            later, so neither may sit in the live region. */}
        <div role="alert">
          <p className="call-kind">{t(waiting ? 'calls.incoming.waiting' : 'calls.incoming.title')}</p>
          <h2 className="caller-name">{name}</h2>
          {info.remote.name && <p className="caller-number">{info.remote.number}</p>}
          {info.remote.unverified && <p className="caller-unverified">{t('calls.incoming.unverified')}</p>}
          {info.queue && (
            <p className="queue">
              {t('calls.queue', { queue: info.queue.name })}
              {info.queue.waitSeconds !== undefined &&
                ` · ${t('calls.waited', { time: formatDuration(info.queue.waitSeconds * 1000) })}`}
            </p>
          )}
        </div>
        <p className="timer" role="timer">
          {t('calls.incoming.ringingFor', { time: formatDuration(ringingForMs) })}
        </p>
        <div className="call-actions">
          <button type="button" className="answer" onClick={onAnswer} autoFocus data-shortcut="answer">
            {t(waiting ? 'calls.actions.holdAndAnswer' : 'calls.actions.answer')}
          </button>
          <button type="button" className="decline" onClick={() => onDecline()} data-shortcut="decline">
            {t('calls.actions.decline')}
          </button>
          {info.contextHeader && (
            <>
              <label className="sr-only" htmlFor={`decline-${info.callId}`}>
                {t('calls.actions.declineWithReason')}
              </label>
              <select
                id={`decline-${info.callId}`}
                value=""
                onChange={(e) => {
                  const reason = DECLINE_REASONS.find((r) => r === e.target.value);
                  if (reason) onDecline(reason);
                }}
              >
                <option value="" disabled>
                  {t('calls.actions.declineWithReason')}
                </option>
                {DECLINE_REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`declineReasons.${r}`)}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
      </div>
      {/* Beside the caller, not below: at 1280×720 the screen pop must not push Answer off screen. */}
      <div className="call-side">{children}</div>
    </section>
  );
}
