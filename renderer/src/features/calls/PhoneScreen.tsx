import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Microphone } from '../../audio/microphone';
import type { Ringer } from '../../audio/ringer';
import type { CallId } from '../../phone';
import { talkingCall } from '../../state/phone-state';
import { usePhoneState, type PhoneStore } from '../../state/phone-store';
import { useClock } from '../../ui/use-clock';
import { Dialer } from '../dialer/Dialer';
import { WrapUpBar } from '../wrap-up/WrapUpBar';
import { ActiveCall } from './ActiveCall';
import { IncomingCall } from './IncomingCall';
import { Notices } from './Notices';
import { useCallQuality, useMicLevel, useRinger } from './use-call-media';

export interface PhoneScreenProps {
  readonly store: PhoneStore;
  readonly ringer: Ringer;
  readonly microphone: Microphone;
  readonly getStats: (callId: CallId) => Promise<RTCStatsReport | undefined>;
}

/** Container: the calls, the dialer and wrap-up, fed by the phone store. */
export function PhoneScreen({ store, ringer, microphone, getStats }: PhoneScreenProps) {
  const { t } = useTranslation();
  const state = usePhoneState(store);
  // A call replacing our consult call (a warm transfer to us) is answered by the phone itself: it never rings.
  const offered = state.calls.filter((c) => c.call.phase === 'offered' && !c.info.replaces);
  const connected = state.calls.filter((c) => c.call.phase !== 'offered' || c.info.replaces);
  const talking = talkingCall(state);
  const wrapUp = state.agent.kind === 'wrap-up' ? state.agent : undefined;
  const now = useClock(state.calls.length > 0 || wrapUp !== undefined);
  const ring = useRinger(offered.length > 0, ringer);
  const micLevel = useMicLevel(talking !== undefined, microphone);
  const quality = useCallQuality(talking?.info.callId, getStats);
  const [keypadFor, setKeypadFor] = useState<CallId | undefined>();
  const [digits, setDigits] = useState<Readonly<Record<string, string>>>({});
  const registered = state.registration.state === 'registered';
  const dialIntent = state.intent?.kind === 'dial' ? state.intent : undefined;

  return (
    <div className="phone-screen">
      <Notices notices={state.notices} onDismiss={(id) => store.dismissNotice(id)} />
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
          ringingForMs={now - entry.call.startedAt}
          onAnswer={() => void store.answer(entry.info.callId)}
          onDecline={() => store.reject(entry.info.callId)}
        />
      ))}
      {connected.map((entry) => (
        <ActiveCall
          key={entry.info.callId}
          entry={entry}
          now={now}
          micLevel={entry === talking ? micLevel : 0}
          {...(entry === talking && quality ? { quality } : {})}
          keypadOpen={keypadFor === entry.info.callId}
          digitsSent={digits[entry.info.callId] ?? ''}
          onHold={() => store.toggleHold(entry.info.callId)}
          onMute={() => store.toggleMute(entry.info.callId)}
          onHangup={() => store.hangup(entry.info.callId)}
          onToggleKeypad={() => setKeypadFor((k) => (k === entry.info.callId ? undefined : entry.info.callId))}
          onDigit={(digit) => {
            if (store.sendDtmf(entry.info.callId, digit).ok) {
              setDigits((d) => ({ ...d, [entry.info.callId]: ((d[entry.info.callId] ?? '') + digit).slice(-32) }));
            }
          }}
        />
      ))}
      {wrapUp && <WrapUpBar elapsedMs={now - wrapUp.startedAt} onReady={() => store.finishWrapUp()} />}
      {state.calls.length === 0 && !wrapUp && (
        <Dialer
          key={dialIntent?.id ?? 0}
          disabled={!registered}
          {...(dialIntent ? { initial: dialIntent.target } : {})}
          onDial={(input) => void store.dial(input)}
        />
      )}
    </div>
  );
}
