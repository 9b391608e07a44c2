import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/settings';
import type { CallId } from '../phone';
import { fakeEngine } from './fake-engine.test-support';
import { PhoneStore } from './phone-store';

const A = 'call-a' as CallId;

function signedIn(queuePauseMessages: boolean) {
  const { engine, emit } = fakeEngine();
  const store = new PhoneStore(engine, () => 1_000);
  store.signIn(
    {
      ...DEFAULT_SETTINGS,
      serverUrl: 'ws://127.0.0.1:5090',
      sipUri: 'sip:1001@lab',
      queuePauseMessages,
      passwordSet: true,
      teamKeySet: false,
    },
    'pw',
  );
  emit({ type: 'registration', status: { state: 'registered', recovered: false } });
  const sent = () => engine.sendControlMessage.mock.calls.map((c) => (c as unknown[])[1]);
  return { engine, emit, store, sent };
}

describe('pausing the agent in their queues', () => {
  it('pauses for wrap-up and breaks and unpauses exactly once when each ends', () => {
    const { emit, store, sent } = signedIn(true);
    expect(sent()).toEqual(['unpause']); // first sync after signing in
    emit({
      type: 'incoming',
      waiting: false,
      call: { callId: A, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
    });
    emit({ type: 'answered', callId: A });
    emit({ type: 'ended', callId: A, cause: 'hangup', by: 'remote' });
    expect(sent()).toEqual(['unpause', 'pause']);
    store.finishWrapUp();
    store.takeBreak('lunch');
    store.goAvailable();
    expect(sent()).toEqual(['unpause', 'pause', 'unpause', 'pause', 'unpause']);
  });

  it('sends nothing when the setting is off (486 only)', () => {
    const { store, sent } = signedIn(false);
    store.takeBreak('lunch');
    expect(sent()).toEqual([]);
  });
});
