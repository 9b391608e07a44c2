import { vi } from 'vitest';
import type { CallId, PhoneEvent, PhoneListener } from '../phone';
import type { PhoneEngine } from './phone-store';

const ok = { ok: true as const, value: undefined };

/** A phone engine double for store tests: records commands, lets the test emit phone events. */
export function fakeEngine() {
  const listeners = new Set<PhoneListener>();
  const engine = {
    on: (l: PhoneListener) => (listeners.add(l), () => listeners.delete(l)),
    configure: vi.fn(() => ok),
    start: vi.fn(() => ok),
    stop: vi.fn(async () => {}),
    setAvailable: vi.fn(),
    answer: vi.fn(async () => ok),
    reject: vi.fn(() => ok),
    hangup: vi.fn(() => ok),
    hold: vi.fn(() => ok),
    resume: vi.fn(() => ok),
    keepTrying: vi.fn(() => ok),
    mute: vi.fn(() => ok),
    unmute: vi.fn(() => ok),
    sendDtmf: vi.fn(() => ok),
    call: vi.fn(async () => ({ ok: true as const, value: 'call-out' as CallId })),
    transferAttended: vi.fn(() => ok),
    transferBlind: vi.fn(() => ok),
    merge: vi.fn(async () => ok),
    unmerge: vi.fn(async () => {}),
    sendControlMessage: vi.fn(async () => ok),
    dialFeatureCode: vi.fn(async () => ok),
    setQueueContact: vi.fn(),
  } satisfies PhoneEngine;
  return { engine, emit: (event: PhoneEvent) => listeners.forEach((l) => l(event)) };
}
