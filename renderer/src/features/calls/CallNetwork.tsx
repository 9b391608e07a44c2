import { useTranslation } from '../../i18n';
import type { CallEntry } from '../../state/phone-state';

export interface CallNetworkProps {
  readonly entry: CallEntry;
  readonly onKeepTrying: () => void;
  readonly onHangup: () => void;
}

/**
 * A call's network trouble in words: reconnecting (audio may still flow), reconnecting the audio,
 * or, when nothing came back for a while, a choice, so the agent is never left in a silent call.
 * A call whose audio never connected says so and what fixes it (a TURN server, when none is set).
 */
export function CallNetwork({ entry, onKeepTrying, onHangup }: CallNetworkProps) {
  const { t } = useTranslation();
  const state = entry.network;
  if (!state) return null;
  if (state === 'no-audio' || state === 'no-audio-no-turn') {
    return (
      <div className="call-network stalled" role="alert" data-testid="call-network">
        <p>{t(`calls.network.${state}`)}</p>
        <button type="button" className="hangup" onClick={onHangup}>
          {t('calls.network.hangup')}
        </button>
      </div>
    );
  }
  if (state !== 'stalled') {
    return (
      <p className="call-network" role="status" data-testid="call-network">
        {t(`calls.network.${state}`)}
      </p>
    );
  }
  return (
    <div className="call-network stalled" role="alert" data-testid="call-network">
      <p>{t('calls.network.stalled')}</p>
      <button type="button" onClick={onKeepTrying}>
        {t('calls.network.keepTrying')}
      </button>
      <button type="button" className="hangup" onClick={onHangup}>
        {t('calls.network.hangup')}
      </button>
    </div>
  );
}
