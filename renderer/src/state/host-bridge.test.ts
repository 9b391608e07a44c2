import { describe, expect, it, vi } from 'vitest';
import type { HostEventListener, RendererHost } from '../host';
import type { CallId } from '../phone';
import { fakeEngine } from './fake-engine.test-support';
import { bridgeHost } from './host-bridge';
import { PhoneStore } from './phone-store';

function setUp() {
  const { engine, emit } = fakeEngine();
  const store = new PhoneStore(engine, () => 1_000);
  let listener: HostEventListener = () => {};
  const reportAgentStatus = vi.fn(async () => ({ ok: true as const, value: null }));
  const host = {
    onHostEvent: (l: HostEventListener) => ((listener = l), () => {}),
    reportAgentStatus,
  } as unknown as RendererHost;
  bridgeHost(host, store);
  emit({ type: 'registration', status: { state: 'registered', recovered: false } });
  return { engine, emit, store, send: (e: Parameters<HostEventListener>[0]) => listener(e), reportAgentStatus };
}

const A = 'call-a' as CallId;
const ringing = {
  type: 'incoming',
  waiting: false,
  call: { callId: A, direction: 'inbound', remote: { name: 'Ana', number: '100', uri: 'sip:100@x' }, queue: { name: 'support' } },
} as const;

describe('host bridge', () => {
  it('reports the agent state and a ringing call to the host, once per change', () => {
    const { emit, reportAgentStatus } = setUp();
    expect(reportAgentStatus).toHaveBeenLastCalledWith({ agentState: { kind: 'available' } });
    emit(ringing);
    expect(reportAgentStatus).toHaveBeenLastCalledWith({
      agentState: { kind: 'ringing' },
      incomingCall: { callId: A, callerName: 'Ana', number: '100', queue: 'support' },
    });
    const calls = reportAgentStatus.mock.calls.length;
    emit({ type: 'ringing', callId: A });
    expect(reportAgentStatus.mock.calls.length).toBe(calls);
  });

  it('answers from a notification only the call it was about', () => {
    const { emit, send, engine } = setUp();
    emit(ringing);
    send({ type: 'command', command: 'answer', callId: 'call-older' });
    expect(engine.answer).not.toHaveBeenCalled();
    send({ type: 'command', command: 'answer', callId: A });
    expect(engine.answer).toHaveBeenCalledWith(A);
  });

  it('takes a break and goes available from the tray', () => {
    const { send, store } = setUp();
    send({ type: 'command', command: 'go-break', reason: 'lunch' });
    expect(store.getSnapshot().agent).toEqual({ kind: 'break', reason: 'lunch' });
    send({ type: 'command', command: 'go-available' });
    expect(store.getSnapshot().agent).toEqual({ kind: 'available' });
  });

  it('puts a tel: link into the dial pad without dialling it', () => {
    const { send, store, engine } = setUp();
    send({ type: 'dial-link', target: '+31201234567' });
    expect(store.getSnapshot().intent).toMatchObject({ kind: 'dial', target: '+31201234567' });
    expect(engine.call).not.toHaveBeenCalled();
  });
});
