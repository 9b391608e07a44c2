import { useTranslation } from '../../i18n';
import { useEffect, useState } from 'react';
import type { HistoryRecording } from '../../../../shared/recording';
import type { HostApi } from '../../host';
import { loadRecording } from './recording-bytes';

export interface RecordingPlayerProps {
  readonly host: Pick<HostApi, 'readRecording'>;
  readonly callId: string;
  readonly recording: HistoryRecording;
}

type PlayerState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'loading' }
  | { readonly kind: 'ready'; readonly url: string }
  | { readonly kind: 'failed'; readonly message: string };

/** A call's recording in History: loaded from the host when the agent asks, played in an audio element. */
export function RecordingPlayer({ host, callId, recording }: RecordingPlayerProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<PlayerState>({ kind: 'idle' });
  const url = state.kind === 'ready' ? state.url : undefined;
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);

  const load = async () => {
    setState({ kind: 'loading' });
    const loaded = await loadRecording(host, callId);
    setState(loaded.ok ? { kind: 'ready', url: URL.createObjectURL(loaded.blob) } : { kind: 'failed', message: loaded.message });
  };

  if (state.kind === 'ready') {
    return (
      <audio
        className="recording-player"
        controls
        autoPlay
        src={state.url}
        data-testid="recording-player"
        aria-label={t('history.recording.player')}
      />
    );
  }
  return (
    <span className="recording-load">
      <button type="button" className="secondary" onClick={() => void load()} disabled={state.kind === 'loading'}>
        {t('history.recording.play')}
      </button>
      {recording.truncated && <span className="hint"> {t('history.recording.truncated')}</span>}
      {state.kind === 'failed' && (
        <span className="error" role="alert">
          {' '}
          {t('history.recording.failed', { message: state.message })}
        </span>
      )}
    </span>
  );
}
