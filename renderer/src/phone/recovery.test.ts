import type { RTCSession } from 'jssip/lib/RTCSession';
import type { UA } from 'jssip/lib/UA';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CallId, CallNetworkState } from './events';
import { CallRecovery, ICE_GRACE_MS, onRestartedPath, RECOVERY_CHOICE_AFTER_MS } from './recovery';

const report = (entries: readonly Record<string, unknown>[]): RTCStatsReport =>
  new Map(entries.map((e) => [String(e['id']), e])) as unknown as RTCStatsReport;
const transport = {
  id: 'T',
  type: 'transport',
  iceState: 'connected',
  iceLocalUsernameFragment: 'new1',
  selectedCandidatePairId: 'P',
};

describe('onRestartedPath', () => {
  it('is true once the selected, working pair belongs to the restarted ICE session', () => {
    expect(
      onRestartedPath(
        report([
          transport,
          { id: 'P', type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L' },
          { id: 'L', type: 'local-candidate', usernameFragment: 'new1' },
        ]),
      ),
    ).toBe(true);
  });

  it('is false while the old pair (the old ufrag) is still the selected one, or the new one is not working yet', () => {
    expect(
      onRestartedPath(
        report([
          transport,
          { id: 'P', type: 'candidate-pair', state: 'succeeded', localCandidateId: 'L' },
          { id: 'L', type: 'local-candidate', usernameFragment: 'old0' },
        ]),
      ),
    ).toBe(false);
    expect(
      onRestartedPath(
        report([
          transport,
          { id: 'P', type: 'candidate-pair', state: 'in-progress', localCandidateId: 'L' },
          { id: 'L', type: 'local-candidate', usernameFragment: 'new1' },
        ]),
      ),
    ).toBe(false);
  });
});

/** Just what CallRecovery uses of JsSIP's UA (its transport) and of a session with its peer connection. */
class FakeUa {
  readonly #handlers = new Map<string, (() => void)[]>();
  connected = true;
  readonly transport = {
    connect: () => {},
    disconnect: () => (this.connected = false),
    isConnected: () => this.connected,
  };
  on(event: string, handler: () => void): void {
    this.#handlers.set(event, [...(this.#handlers.get(event) ?? []), handler]);
  }
  emit(event: string): void {
    for (const handler of this.#handlers.get(event) ?? []) handler();
  }
}

class FakePc extends EventTarget {
  iceConnectionState: RTCIceConnectionState = 'connected';
  connectionState: RTCPeerConnectionState = 'connected';
  getConfiguration(): RTCConfiguration {
    return { iceServers: [] };
  }
  ice(state: RTCIceConnectionState): void {
    this.iceConnectionState = state;
    this.dispatchEvent(new Event('iceconnectionstatechange'));
  }
}

function watchedCall(): { recovery: CallRecovery; ua: FakeUa; pc: FakePc; states: CallNetworkState[] } {
  const states: CallNetworkState[] = [];
  const recovery = new CallRecovery((event) => {
    if (event.type === 'call-network') states.push(event.state);
  });
  const ua = new FakeUa();
  const pc = new FakePc();
  const session = {
    connection: pc,
    on: () => {},
    isEstablished: () => true,
    isEnded: () => false,
    // The re-INVITE is answered at once.
    renegotiate: (_options: unknown, done: () => void) => (done(), true),
  };
  recovery.watchUa(ua as unknown as UA);
  recovery.watchCall('c1' as CallId, session as unknown as RTCSession);
  pc.ice('connected');
  return { recovery, ua, pc, states };
}

describe('CallRecovery: the choice after 15 s without recovery', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('a WebSocket drop alone (the audio path still up) stays "Reconnecting…": no "audio has not come back" while audio flows', () => {
    const { ua, states } = watchedCall();
    ua.connected = false;
    ua.emit('disconnected');
    vi.advanceTimersByTime(RECOVERY_CHOICE_AFTER_MS * 3);
    expect(states).toEqual(['reconnecting']);
    ua.connected = true;
    ua.emit('registered');
    expect(states).toEqual(['reconnecting', 'recovered']);
  });

  it('a lost audio path asks the agent after 15 s; keep trying restarts it with a fresh 15 s', () => {
    const { recovery, ua, pc, states } = watchedCall();
    pc.ice('disconnected');
    vi.advanceTimersByTime(ICE_GRACE_MS);
    ua.emit('disconnected');
    expect(states).toEqual(['reconnecting-audio']);
    vi.advanceTimersByTime(RECOVERY_CHOICE_AFTER_MS);
    expect(states).toEqual(['reconnecting-audio', 'stalled']);
    expect(recovery.keepTrying('c1' as CallId)).toBe(true);
    expect(states).toEqual(['reconnecting-audio', 'stalled', 'reconnecting-audio']);
    vi.advanceTimersByTime(RECOVERY_CHOICE_AFTER_MS - 1);
    expect(states.at(-1)).toBe('reconnecting-audio');
    vi.advanceTimersByTime(1);
    expect(states.at(-1)).toBe('stalled');
    // The audio is back; the signalling not yet: no choice to make, only "Reconnecting…".
    pc.ice('connected');
    expect(states.at(-1)).toBe('reconnecting');
    expect(recovery.keepTrying('c1' as CallId)).toBe(false);
    ua.connected = true;
    ua.emit('registered');
    expect(states.at(-1)).toBe('recovered');
  });
});
