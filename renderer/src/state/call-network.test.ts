import { describe, expect, it } from 'vitest';
import type { CallId, PhoneEvent } from '../phone';
import { reducePhoneEvent } from './phone-reducer';
import { INITIAL_PHONE_STATE, findCall, type PhoneState } from './phone-state';

const A = 'call-a' as CallId;
const run = (events: readonly PhoneEvent[], from: PhoneState = INITIAL_PHONE_STATE): PhoneState =>
  events.reduce((s, e, i) => reducePhoneEvent(s, e, 1_000 + i * 1_000), from);

const onCall = run([
  { type: 'registration', status: { state: 'registered', recovered: false } },
  { type: 'incoming', call: { callId: A, direction: 'inbound', remote: { number: '100', uri: 'sip:100@lab' } }, waiting: false },
  { type: 'answered', callId: A },
]);

describe('a call through network trouble', () => {
  it('shows reconnecting, then the audio, then the choice, and nothing once recovered; the call and the agent stay on it', () => {
    const reconnecting = run(
      [
        { type: 'registration', status: { state: 'connecting', attempt: 1 } },
        { type: 'call-network', callId: A, state: 'reconnecting' },
      ],
      onCall,
    );
    expect(findCall(reconnecting, A)?.network).toBe('reconnecting');
    expect(findCall(reconnecting, A)?.call.phase).toBe('active');
    expect(reconnecting.agent.kind).toBe('on-call');

    const audio = run([{ type: 'call-network', callId: A, state: 'reconnecting-audio' }], reconnecting);
    expect(findCall(audio, A)?.network).toBe('reconnecting-audio');
    const stalled = run([{ type: 'call-network', callId: A, state: 'stalled' }], audio);
    expect(findCall(stalled, A)?.network).toBe('stalled');

    const recovered = run([{ type: 'call-network', callId: A, state: 'recovered' }], stalled);
    expect(findCall(recovered, A)).not.toHaveProperty('network');
    expect(findCall(recovered, A)?.call.phase).toBe('active');
  });
});
