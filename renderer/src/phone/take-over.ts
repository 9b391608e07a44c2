import type { RTCSession } from 'jssip/lib/RTCSession';
import type { Call } from './call';

/**
 * Answers the INVITE with Replaces (RFC 3891) that ends a colleague's warm transfer to us: the
 * customer now calls in place of our consult call. We answer at once with the microphone track
 * the replaced call was sending, so the conversation goes on without a ring.
 */
export function answerReplacing(
  session: RTCSession,
  replaced: Call,
  microphone: () => Promise<MediaStream | undefined>,
  iceServers: readonly RTCIceServer[],
): void {
  const mic = replaced.session.connection?.getSenders().find((s) => s.track?.kind === 'audio')?.track;
  const stream = mic ? Promise.resolve(new MediaStream([mic])) : microphone();
  void stream.then((media) => {
    if (session.isEnded()) return;
    if (!media) return session.terminate({ status_code: 488 });
    session.answer({
      mediaStream: media,
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [...iceServers] },
    });
  });
}

/** Accept an INVITE with Replaces for `call` only while it is up; `accept` builds the new session synchronously. */
export function onReplaces(call: Call, accepting: (replaced: Call | undefined) => void): void {
  call.session.on('replaces', (data) => {
    if (!call.answered) return (data.reject as () => void)();
    accepting(call);
    (data.accept as () => void)();
    accepting(undefined);
  });
}
