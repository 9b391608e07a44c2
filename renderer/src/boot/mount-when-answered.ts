import { afterPaint } from '../phone/after-paint';
import type { PhoneState } from '../state/phone-state';

/** How long the app's mount waits for the first REGISTER's answer at most (a slow or silent server). */
export const MOUNT_WAIT_MS = 1_500;

interface StateSource {
  getSnapshot(): Pick<PhoneState, 'registration'>;
  subscribe(listener: () => void): () => void;
}

const waiting = (source: StateSource) => {
  const { state } = source.getSnapshot().registration;
  return state === 'connecting' || state === 'registering';
};

/**
 * Settles when the app may be evaluated and mounted (issue 19, cold start): once the first
 * REGISTER is answered (either way) and the start shell's frame showing it is painted, or after
 * MOUNT_WAIT_MS, or at once when the phone is not signing in. React's evaluation and first render
 * took the main thread while the REGISTER exchange was on its way, and its answer waited for them.
 */
export function mountWhenAnswered(source: StateSource, waitMs = MOUNT_WAIT_MS): Promise<void> {
  return new Promise((resolve) => {
    if (!waiting(source)) return resolve();
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      stop();
      clearTimeout(cap);
      resolve();
    };
    const stop = source.subscribe(() => {
      if (!waiting(source)) {
        stop();
        afterPaint(finish);
      }
    });
    const cap = setTimeout(finish, waitMs);
  });
}
