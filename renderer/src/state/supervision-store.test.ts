import { describe, expect, it } from 'vitest';
import type { CallId } from '../phone';
import { SupervisionStore } from './supervision-store';

const CALL = 'call-1' as CallId;

describe('the supervision store', () => {
  it('keeps each mode stretch from–to for the history record, the open one ending with the call', () => {
    const store = new SupervisionStore();
    store.apply({ type: 'supervised', callId: CALL, supervisor: 'sue', mode: 'listen', at: 1_000 });
    store.apply({ type: 'supervised', callId: CALL, supervisor: 'sue', mode: 'coach', at: 3_000 });
    expect(store.getSnapshot().active.get(CALL)).toEqual({ supervisor: 'sue', mode: 'coach', since: 3_000 });
    expect(store.take(CALL, 5_000)).toEqual([
      { supervisor: 'sue', mode: 'listen', start: 1_000, end: 3_000 },
      { supervisor: 'sue', mode: 'coach', start: 3_000, end: 5_000 },
    ]);
    expect(store.getSnapshot().active.size).toBe(0);
  });

  it('a supervision that ends before the call (a transfer, the supervisor leaving) ends its stretch then', () => {
    const store = new SupervisionStore();
    store.apply({ type: 'supervised', callId: CALL, supervisor: 'sue', mode: 'listen', at: 1_000 });
    store.apply({ type: 'unsupervised', callId: CALL, supervisor: 'sue', at: 2_000 });
    expect(store.getSnapshot().active.size).toBe(0);
    expect(store.take(CALL, 9_000)).toEqual([{ supervisor: 'sue', mode: 'listen', start: 1_000, end: 2_000 }]);
  });

  it('logs every refused request with who asked and why', () => {
    const logged: string[] = [];
    const store = new SupervisionStore((message) => logged.push(message));
    for (let i = 0; i < 55; i += 1) store.apply({ type: 'supervision-refused', refusal: 'expired', from: 'mallory', at: i });
    store.apply({ type: 'supervision-refused', refusal: 'bad-signature', from: 'sue', at: 99 });
    expect(logged.at(-1)).toBe('supervision: refused a request from sue (bad-signature)');
    expect(logged).toHaveLength(56);
  });

  it("shows the supervisor why their leg ended, when the agent's Warmline said", () => {
    const store = new SupervisionStore();
    store.apply({ type: 'monitor', agent: 'ana', state: 'active', mode: 'listen' });
    store.apply({ type: 'monitor', agent: 'ana', state: 'ended', mode: 'listen', endReason: 'transferred' });
    expect(store.getSnapshot().monitor).toEqual({ agent: 'ana', state: 'ended', mode: 'listen', endReason: 'transferred' });
    store.apply({ type: 'monitor', agent: 'ana', state: 'calling', mode: 'coach' });
    expect(store.getSnapshot().monitor).toEqual({ agent: 'ana', state: 'calling', mode: 'coach' });
  });
});
