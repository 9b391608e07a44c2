import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type SettingsView } from '../../../shared/settings';
import type { CallId } from '../phone';
import { fakeEngine } from './fake-engine.test-support';
import { PhoneStore } from './phone-store';

const A = 'call-a' as CallId;
const SETTINGS: SettingsView = {
  ...DEFAULT_SETTINGS,
  serverUrl: 'ws://127.0.0.1:5090',
  sipUri: 'sip:1001@lab',
  displayName: 'Agent 1001',
  queuePause: 'message',
  passwordSet: true,
  teamKeySet: false,
};

function signedIn() {
  const { engine, emit } = fakeEngine();
  const store = new PhoneStore(engine, () => 1_000);
  store.signIn(SETTINGS, 'pw');
  emit({ type: 'registration', status: { state: 'registered', recovered: false } });
  engine.configure.mockClear();
  engine.start.mockClear();
  return { engine, emit, store };
}

describe('settings saved while signed in (issue 13)', () => {
  it('a save that changes no sign-in field does not touch the registration', () => {
    const { engine, store } = signedIn();
    const result = store.applySettings({ ...SETTINGS, language: 'nl', defaultCountry: 'NL', wrapUpSeconds: 60 }, 'pw');
    expect(result).toEqual({ problems: [], deferred: false });
    expect(engine.configure).not.toHaveBeenCalled();
    expect(engine.start).not.toHaveBeenCalled();
  });

  it('a display name, address or password change signs in again, once', () => {
    const { engine, store } = signedIn();
    store.applySettings({ ...SETTINGS, displayName: 'Agent 1001 (late)' }, 'pw');
    expect(engine.configure).toHaveBeenCalledTimes(1);
    store.applySettings({ ...SETTINGS, displayName: 'Agent 1001 (late)' }, 'pw');
    expect(engine.configure).toHaveBeenCalledTimes(1);
    store.applySettings({ ...SETTINGS, displayName: 'Agent 1001 (late)' }, 'new password');
    expect(engine.configure).toHaveBeenCalledTimes(2);
  });

  it('a break survives the new sign-in: the engine reconnects, the agent comes back on the same break, told to the server', () => {
    const { engine, emit, store } = signedIn();
    store.takeBreak('lunch');
    store.applySettings({ ...SETTINGS, displayName: 'Agent 1001 (late)' }, 'pw');
    emit({ type: 'registration', status: { state: 'connecting', attempt: 1 } });
    emit({ type: 'registration', status: { state: 'registering' } });
    emit({ type: 'registration', status: { state: 'registered', recovered: false } });
    expect(store.getSnapshot().agent).toEqual({ kind: 'break', reason: 'lunch' });
    // The server may have forgotten the pause with the old registration: it hears it again.
    expect(engine.sendControlMessage.mock.calls.map((c) => (c as unknown[])[1])).toEqual(['unpause', 'pause', 'pause']);
  });

  it('during a call the change waits for the call to end, then applies once', async () => {
    const { engine, emit, store } = signedIn();
    emit({
      type: 'incoming',
      waiting: false,
      call: { callId: A, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
    });
    emit({ type: 'answered', callId: A });
    expect(store.applySettings({ ...SETTINGS, displayName: 'Agent 1001 (late)' }, 'pw')).toEqual({
      problems: [],
      deferred: true,
    });
    expect(store.getSnapshot().signInDeferred).toBe(true);
    expect(engine.configure).not.toHaveBeenCalled();
    emit({ type: 'ended', callId: A, cause: 'hangup', by: 'remote' });
    await Promise.resolve();
    expect(engine.configure).toHaveBeenCalledTimes(1);
    expect(store.getSnapshot().signInDeferred).toBeUndefined();
    expect(store.getSnapshot().agent.kind).toBe('wrap-up');
  });

  it('a change saved during a call and undone before it ends is never applied', async () => {
    const { engine, emit, store } = signedIn();
    emit({
      type: 'incoming',
      waiting: false,
      call: { callId: A, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } },
    });
    store.applySettings({ ...SETTINGS, displayName: 'Agent 1001 (late)' }, 'pw');
    store.applySettings(SETTINGS, 'pw');
    expect(store.getSnapshot().signInDeferred).toBeUndefined();
    emit({ type: 'ended', callId: A, cause: 'cancelled', by: 'remote' });
    await Promise.resolve();
    expect(engine.configure).not.toHaveBeenCalled();
  });
});
