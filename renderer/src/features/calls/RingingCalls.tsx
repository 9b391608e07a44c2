import { useTranslation } from '../../i18n';
import { useLayoutEffect, useRef } from 'react';
import type { SettingsView } from '../../../../shared/settings';
import type { Ringer } from '../../audio/ringer';
import type { HostApi } from '../../host';
import { customerCalls, type CallEntry, type PhoneState } from '../../state/phone-state';
import type { PhoneStore } from '../../state/phone-store';
import { CustomerPop, Handoff } from '../../ui/lazy-views';
import { Later } from '../../ui/Later';
import { useClock } from '../../ui/use-clock';
import { answerButtonOf } from './answer-target';
import { IncomingCall } from './IncomingCall';
import { useRinger } from './use-call-media';

/** The calls ringing at this agent: customer calls offered and not yet answered (a warm transfer to us never rings). */
export function ringingCalls(state: PhoneState): readonly CallEntry[] {
  return customerCalls(state).filter((c) => c.call.phase === 'offered' && !c.info.replaces);
}

export interface RingingCallsProps {
  readonly state: PhoneState;
  readonly store: PhoneStore;
  readonly host: HostApi;
  readonly settings: SettingsView;
  readonly ringer: Ringer;
  /** After Answer: the app shows the phone screen, where the call's controls are. */
  readonly onAnswered?: () => void;
}

/**
 * Every ringing call with who, which queue, the handoff card and Answer/Decline; the ringer rings
 * while there is one. Rendered in the phone screen, and over any other view (issue 13: a senior in
 * Settings missed an escalation that only showed as "Ringing" in the status bar).
 */
export function RingingCalls({ state, store, host, settings, ringer, onAnswered }: RingingCallsProps) {
  const { t } = useTranslation();
  const offered = ringingCalls(state);
  const now = useClock(offered.length > 0);
  const ring = useRinger(offered.length > 0, ringer);
  const ref = useRef<HTMLDivElement>(null);
  const newest = offered[offered.length - 1]?.info.callId;
  // Focus on Answer in the same commit the call appears in, whatever had focus (a half-typed field too:
  // its text stays, only the caret moves).
  useLayoutEffect(() => {
    if (newest === undefined) return;
    if (ref.current) answerButtonOf(ref.current, newest)?.focus();
  }, [newest]);
  if (offered.length === 0) return null;
  return (
    <div className="ringing-calls" ref={ref}>
      {ring === 'blocked' && (
        <button type="button" className="enable-sound" onClick={() => void ringer.start()}>
          {t('calls.enableSound')}
        </button>
      )}
      {offered.map((entry) => (
        <IncomingCall
          key={entry.info.callId}
          info={entry.info}
          waiting={entry.waiting}
          ringingForMs={Math.max(0, now - entry.call.startedAt)}
          onAnswer={() => {
            void store.answer(entry.info.callId);
            onAnswered?.();
          }}
          onDecline={(reason) => store.reject(entry.info.callId, reason)}
        >
          {entry.info.contextHeader && <Handoff info={entry.info} host={host} />}
          {/* The screen pop (a number parse and a lookup) starts after the card's commit, not in its task. */}
          <Later>
            <CustomerPop
              host={host}
              number={entry.info.remote.number}
              callerName={entry.info.remote.name}
              defaultCountry={settings.defaultCountry}
            />
          </Later>
        </IncomingCall>
      ))}
    </div>
  );
}
