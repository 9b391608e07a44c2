import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RegistrationStatus } from '../phone';
import { MOUNT_WAIT_MS, mountWhenAnswered } from './mount-when-answered';

/** A phone state with only the registration, changed by hand. */
function phoneState(initial: RegistrationStatus) {
  let registration = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => ({ registration }),
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: RegistrationStatus) {
      registration = next;
      for (const listener of [...listeners]) listener();
    },
    listeners,
  };
}

const settled = async (promise: Promise<void>) => {
  let done = false;
  void promise.then(() => (done = true));
  await vi.advanceTimersByTimeAsync(0);
  return done;
};

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("the app's mount at start (issue 19: the REGISTER exchange is not slowed by React)", () => {
  it('waits for the first REGISTER to be answered and that frame to be painted', async () => {
    vi.useFakeTimers();
    const frames: FrameRequestCallback[] = [];
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback));
    const state = phoneState({ state: 'registering' });
    const mount = mountWhenAnswered(state);
    expect(await settled(mount)).toBe(false);
    state.set({ state: 'registered', recovered: false });
    expect(await settled(mount)).toBe(false);
    for (const frame of frames.splice(0)) frame(0);
    expect(await settled(mount)).toBe(true);
    expect(state.listeners.size).toBe(0);
  });

  it('mounts on a failed sign-in too', async () => {
    vi.useFakeTimers();
    const state = phoneState({ state: 'connecting', attempt: 1 });
    const mount = mountWhenAnswered(state);
    state.set({ state: 'failed', failure: { reason: 'wrong-password', status: 403, detail: 'Forbidden' } });
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(mount)).toBe(true);
  });

  it('waits no longer than MOUNT_WAIT_MS for a server that does not answer', async () => {
    vi.useFakeTimers();
    const state = phoneState({ state: 'registering' });
    const mount = mountWhenAnswered(state);
    await vi.advanceTimersByTimeAsync(MOUNT_WAIT_MS - 1);
    expect(await settled(mount)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(mount)).toBe(true);
    expect(state.listeners.size).toBe(0);
  });

  it('does not wait when the phone is not signing in (not set up, or already answered)', async () => {
    vi.useFakeTimers();
    expect(await settled(mountWhenAnswered(phoneState({ state: 'stopped' })))).toBe(true);
    expect(await settled(mountWhenAnswered(phoneState({ state: 'registered', recovered: false })))).toBe(true);
  });
});
