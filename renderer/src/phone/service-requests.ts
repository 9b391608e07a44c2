import type { UA } from 'jssip/lib/UA';
import { err, ok, type Result } from '../../../shared/result';
import type { CommandError } from './events';
import { boundIceGathering } from './ice';

/** How long a feature-code call may take before it is hung up; PBX dialplans answer, beep and hang up in a second or two. */
const FEATURE_CODE_TIMEOUT_MS = 10_000;
/** After the PBX answers, the call stays up this long so its dialplan runs before our BYE. */
const FEATURE_CODE_HOLD_MS = 1_500;

/**
 * A short command to a control endpoint of the server (the lab's `queue-control` user takes
 * "pause" and "unpause", RFC 3428 MESSAGE, authenticated like any request). Resolves when the
 * server answered: ok for 2xx.
 */
export function sendControlMessage(ua: UA, uri: string, body: string): Promise<Result<void, CommandError>> {
  return new Promise((resolve) => {
    ua.sendMessage(uri, body, {
      contentType: 'text/plain',
      eventHandlers: {
        succeeded: () => resolve(ok(undefined)),
        failed: () => resolve(err('wrong-state')),
      },
    });
  });
}

/**
 * A silent audio stream for a call nobody talks on: a feature-code call must not open the
 * agent's microphone (no permission prompt, no mic light, nothing of the room sent to a PBX).
 */
function silentStream(): { readonly stream: MediaStream; close(): void } {
  const context = new AudioContext();
  const destination = context.createMediaStreamDestination();
  return {
    stream: destination.stream,
    close: () => {
      destination.stream.getTracks().forEach((t) => t.stop());
      void context.close();
    },
  };
}

/**
 * Dials a feature code (a PBX pause/unpause code such as `*46`) as a call of its own that the
 * app never shows: no incoming/ended events, no history, no wrap-up. Ok when the PBX answered
 * (the dialplan ran) or ended the call itself after answering; an error when it refused the call.
 */
export function dialFeatureCode(ua: UA, uri: string, iceServers: readonly RTCIceServer[]): Promise<Result<void, CommandError>> {
  const media = silentStream();
  return new Promise((resolve) => {
    let answered = false;
    const session = ua.call(uri, {
      mediaStream: media.stream,
      mediaConstraints: { audio: true, video: false },
      pcConfig: { iceServers: [...iceServers] },
    });
    boundIceGathering(session);
    const finish = (result: Result<void, CommandError>) => {
      clearTimeout(timeout);
      media.close();
      resolve(result);
    };
    const hangUp = () => {
      if (!session.isEnded()) session.terminate();
    };
    const timeout = setTimeout(() => {
      hangUp();
      finish(answered ? ok(undefined) : err('wrong-state'));
    }, FEATURE_CODE_TIMEOUT_MS);
    session.on('confirmed', () => {
      answered = true;
      setTimeout(hangUp, FEATURE_CODE_HOLD_MS);
    });
    session.on('ended', () => finish(ok(undefined)));
    session.on('failed', () => finish(answered ? ok(undefined) : err('wrong-state')));
  });
}
