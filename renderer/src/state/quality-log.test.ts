import { afterEach, describe, expect, it, vi } from 'vitest';
import { mosFromR, rFactor } from '../../../shared/quality/e-model';
import type { PhoneStore } from './phone-store';
import { QualityLog, sampleCallQuality } from './quality-log';

/** A WebRTC stats report as Chromium gives it, cut to what the quality reading uses. */
const report = (received: number, lost: number, jitterS: number, rttS: number) => [
  {
    type: 'inbound-rtp',
    id: 'in',
    kind: 'audio',
    packetsReceived: received,
    packetsLost: lost,
    jitter: jitterS,
    bytesReceived: received * 160,
  },
  { type: 'remote-inbound-rtp', id: 'rin', kind: 'audio', roundTripTime: rttS },
];

describe('a call’s quality summary', () => {
  it('is the mean MOS of its readings, loss counted between readings', () => {
    const log = new QualityLog();
    log.addReading('c1', report(100, 0, 0.002, 0.02));
    log.addReading('c1', report(200, 10, 0.002, 0.02)); // 10 of 110 lost since the last reading
    const clean = mosFromR(rFactor({ rttMs: 20, jitterMs: 2, lossPercent: 0 }));
    const lossy = mosFromR(rFactor({ rttMs: 20, jitterMs: 2, lossPercent: (100 * 10) / 110 }));
    // The assessment rounds each MOS to one decimal, as the badge shows it.
    expect(log.takeMean('c1')).toBeCloseTo((clean + lossy) / 2, 1);
    expect(lossy).toBeLessThan(clean);
  });

  it('is given once, and not at all for a call never measured or before any audio arrived', () => {
    const log = new QualityLog();
    log.addReading('c1', report(0, 0, 0, 0));
    log.addReading('c1', [{ type: 'candidate-pair', id: 'p' }]);
    expect(log.takeMean('c1')).toBeUndefined();
    log.addReading('c2', report(50, 0, 0.001, 0.01));
    expect(log.takeMean('c2')).toBeGreaterThan(4);
    expect(log.takeMean('c2')).toBeUndefined();
  });

  it('keeps calls apart', () => {
    const log = new QualityLog();
    log.addReading('good', report(100, 0, 0.001, 0.01));
    log.addReading('bad', report(100, 0, 0.001, 0.01));
    log.addReading('bad', report(150, 50, 0.08, 0.6));
    expect(log.takeMean('good')).toBeGreaterThan(log.takeMean('bad') ?? 5);
  });
});

describe('the latest reading, for the badges', () => {
  it('is kept per call, told to subscribers, the same object until the next reading, and gone once recorded', () => {
    const log = new QualityLog();
    let told = 0;
    const stop = log.subscribe(() => (told += 1));
    expect(log.latest('c1')).toBeUndefined();
    log.addReading('c1', report(100, 0, 0.002, 0.02));
    const first = log.latest('c1');
    expect(first?.assessment.level).toBe('good');
    expect(first?.rttMs).toBeCloseTo(20);
    expect(log.latest('c1')).toBe(first);
    log.addReading('c1', report(150, 50, 0.08, 0.6));
    expect(log.latest('c1')).not.toBe(first);
    expect(log.latest('c1')?.lossPercent).toBe(50);
    expect(told).toBe(2);
    log.takeMean('c1');
    expect(log.latest('c1')).toBeUndefined();
    stop();
    log.addReading('c2', report(100, 0, 0.002, 0.02));
    expect(told).toBe(2);
  });

  it('stays the same object, and tells nobody, while a new reading would show alike on the badges', () => {
    const log = new QualityLog();
    let told = 0;
    log.subscribe(() => (told += 1));
    log.addReading('c1', report(100, 0, 0.002, 0.02));
    const first = log.latest('c1');
    // Jitter 2.2 ms and RTT 20.3 ms show as 2 ms and 20 ms, as before.
    log.addReading('c1', report(200, 0, 0.0022, 0.0203));
    expect(log.latest('c1')).toBe(first);
    expect(told).toBe(1);
    log.addReading('c1', report(300, 0, 0.004, 0.0203));
    expect(log.latest('c1')?.jitterMs).toBeCloseTo(4);
    expect(told).toBe(2);
    // The history's mean still counts every reading.
    expect(log.takeMean('c1')).toBeGreaterThan(4);
  });
});

describe('quality sampling', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls nothing while no call is connected, and every two seconds while one is', () => {
    vi.useFakeTimers();
    let calls: { info: { callId: string }; call: { phase: string } }[] = [];
    const listeners = new Set<() => void>();
    const store = {
      getSnapshot: () => ({ calls }),
      subscribe: (listener: () => void) => (listeners.add(listener), () => listeners.delete(listener)),
    } as unknown as PhoneStore;
    const setCalls = (next: typeof calls) => {
      calls = next;
      for (const listener of listeners) listener();
    };
    const getStats = vi.fn(async () => undefined);
    const stop = sampleCallQuality(store, getStats, new QualityLog());

    vi.advanceTimersByTime(10_000);
    setCalls([{ info: { callId: 'c1' }, call: { phase: 'offered' } }]);
    vi.advanceTimersByTime(10_000);
    expect(getStats).not.toHaveBeenCalled();
    expect(vi.getTimerCount()).toBe(0);

    setCalls([{ info: { callId: 'c1' }, call: { phase: 'active' } }]);
    vi.advanceTimersByTime(4_000);
    expect(getStats).toHaveBeenCalledTimes(2);

    setCalls([]);
    vi.advanceTimersByTime(10_000);
    expect(getStats).toHaveBeenCalledTimes(2);
    expect(vi.getTimerCount()).toBe(0);
    stop();
    expect(listeners.size).toBe(0);
  });
});
