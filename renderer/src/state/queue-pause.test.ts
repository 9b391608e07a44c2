import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type QueuePauseStrategy } from '../../../shared/settings';
import type { CallId } from '../phone';
import { fakeEngine } from './fake-engine.test-support';
import { PhoneStore } from './phone-store';

const A = 'call-a' as CallId;

function signedIn(queuePause: QueuePauseStrategy) {
  const { engine, emit } = fakeEngine();
  const store = new PhoneStore(engine, () => 1_000);
  store.signIn(
    {
      ...DEFAULT_SETTINGS,
      serverUrl: 'ws://127.0.0.1:5090',
      sipUri: 'sip:1001@lab',
      queuePause,
      pauseCode: '*46',
      unpauseCode: '*47',
      passwordSet: true,
      teamKeySet: false,
    },
    'pw',
  );
  emit({ type: 'registration', status: { state: 'registered', recovered: false } });
  // What the server was told, in order, whichever way it is told.
  const told = () => [
    ...engine.sendControlMessage.mock.calls.map((c) => `message ${String((c as unknown[])[1])}`),
    ...engine.dialFeatureCode.mock.calls.map((c) => `dial ${String((c as unknown[])[0])}`),
    ...engine.setQueueContact.mock.calls.map((c) => ((c as unknown[])[0] ? 'register' : 'unregister')),
  ];
  const callEndsAndWrapUpFinishes = () => {
    emit({
      type: 'incoming',
      waiting: false,
      call: { callId: A, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
    });
    emit({ type: 'answered', callId: A });
    emit({ type: 'ended', callId: A, cause: 'hangup', by: 'remote' });
    const during = told();
    store.finishWrapUp();
    return during;
  };
  return { emit, store, told, callEndsAndWrapUpFinishes };
}

describe('pausing the agent in their queues', () => {
  it('message: pauses for wrap-up and breaks and unpauses exactly once when each ends', () => {
    const { store, told, callEndsAndWrapUpFinishes } = signedIn('message');
    expect(told()).toEqual(['message unpause']); // first sync after signing in
    expect(callEndsAndWrapUpFinishes()).toEqual(['message unpause', 'message pause']);
    store.takeBreak('lunch');
    store.goAvailable();
    expect(told()).toEqual(['message unpause', 'message pause', 'message unpause', 'message pause', 'message unpause']);
  });

  it('feature-code: dials the pause code when wrap-up starts and the unpause code once when it ends', () => {
    const { told, callEndsAndWrapUpFinishes } = signedIn('feature-code');
    expect(callEndsAndWrapUpFinishes()).toEqual(['dial *47', 'dial *46']);
    expect(told()).toEqual(['dial *47', 'dial *46', 'dial *47']);
  });

  it('unregister: drops the queue contact for wrap-up and renews it once when it ends', () => {
    const { told, emit, callEndsAndWrapUpFinishes } = signedIn('unregister');
    expect(callEndsAndWrapUpFinishes()).toEqual(['register', 'unregister']);
    // The registration reports itself parked, still signed in: nothing more is sent for it.
    emit({ type: 'registration', status: { state: 'registered', recovered: false, parked: true } });
    expect(told()).toEqual(['register', 'unregister', 'register']);
  });

  it('reject: tells the server nothing (486 only)', () => {
    const { store, told, callEndsAndWrapUpFinishes } = signedIn('reject');
    callEndsAndWrapUpFinishes();
    store.takeBreak('lunch');
    expect(told()).toEqual([]);
  });
});
