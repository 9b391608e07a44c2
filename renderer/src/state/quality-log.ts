import { assessQuality, type QualityAssessment } from '../../../shared/quality/e-model';
import { readQuality, type LossCounters } from '../audio/call-quality';
import type { CallId } from '../phone';
import { mediaPathOf, type MediaPath } from '../phone/ice';
import type { PhoneStore } from './phone-store';

/** How often every connected call's audio is measured (the badge shows the same readings). */
export const QUALITY_SAMPLE_MS = 2_000;
/** Calls measured but not yet recorded are few; a cap keeps a leak impossible. */
const MAX_TRACKED_CALLS = 16;

/** The latest reading of a call, as the quality badges show it. */
export interface CallQuality {
  readonly assessment: QualityAssessment;
  readonly rttMs: number;
  readonly jitterMs: number;
  readonly lossPercent: number;
  /** Which way the audio goes (host, srflx/prflx, relay and how the relay is reached), when known. */
  readonly path?: Pick<MediaPath, 'localType' | 'relayProtocol'>;
}

interface Tally {
  sum: number;
  count: number;
  counters?: LossCounters;
}

/**
 * Every connected call's audio quality: the latest reading for the badges, and for the history
 * record the mean MOS (E-model) of the readings taken while it was connected. Measured apart from
 * the screen (one getStats per call per interval), so a call is measured whichever view is open.
 */
export class QualityLog {
  readonly #tallies = new Map<string, Tally>();
  readonly #latest = new Map<string, CallQuality>();
  readonly #listeners = new Set<() => void>();

  readonly subscribe = (listener: () => void): (() => void) => {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  };

  /** The latest reading of a call; the same object until a reading the badges show differently (safe for useSyncExternalStore). */
  latest(callId: string | undefined): CallQuality | undefined {
    return callId === undefined ? undefined : this.#latest.get(callId);
  }

  /** One reading of a call's receive statistics; the loss is counted since the previous reading. */
  addReading(callId: string, stats: Iterable<Record<string, unknown> & { type: string; id: string }>): void {
    const entries = [...stats];
    const path = mediaPathOf(entries);
    const tally = this.#tallies.get(callId) ?? { sum: 0, count: 0 };
    const reading = readQuality(entries, tally.counters);
    if (!reading) return;
    tally.counters = reading.counters;
    // Before the first packet arrives there is nothing to judge.
    if (reading.counters.received === 0) return;
    const assessment = assessQuality(reading.sample);
    tally.sum += assessment.mos;
    tally.count += 1;
    this.#tallies.set(callId, tally);
    for (const old of [...this.#tallies.keys()].slice(0, -MAX_TRACKED_CALLS)) {
      this.#tallies.delete(old);
      this.#latest.delete(old);
    }
    const next: CallQuality = {
      assessment,
      ...reading.sample,
      ...(path
        ? { path: { localType: path.localType, ...(path.relayProtocol ? { relayProtocol: path.relayProtocol } : {}) } }
        : {}),
    };
    // A reading the badges would show alike keeps the last one: no render (issue 19: CPU in call).
    const previous = this.#latest.get(callId);
    if (previous && shownAs(previous) === shownAs(next)) return;
    this.#latest.set(callId, next);
    for (const listener of this.#listeners) listener();
  }

  /** The mean MOS of a call, rounded to two decimals, and forgets it; undefined when never measured. */
  takeMean(callId: string): number | undefined {
    const tally = this.#tallies.get(callId);
    this.#tallies.delete(callId);
    this.#latest.delete(callId);
    if (!tally || tally.count === 0) return undefined;
    return Math.round((tally.sum / tally.count) * 100) / 100;
  }
}

/**
 * What a badge shows of a reading, as one key: the MOS (to a hundredth, a little finer than shown)
 * and warnings (they make the level), whole milliseconds, the loss to a tenth of a percent, the path.
 */
function shownAs(q: CallQuality): string {
  const { mos, warnings } = q.assessment;
  return [
    mos,
    warnings,
    Math.round(q.rttMs),
    Math.round(q.jitterMs),
    q.lossPercent.toFixed(1),
    q.path?.localType,
    q.path?.relayProtocol,
  ].join(' ');
}

/**
 * Measures every connected call of the store every `intervalMs` into `log`; returns a stop function.
 * The timer runs only while a call is connected: an idle phone polls nothing (issue 19).
 */
export function sampleCallQuality(
  store: PhoneStore,
  getStats: (callId: CallId) => Promise<RTCStatsReport | undefined>,
  log: QualityLog,
  intervalMs = QUALITY_SAMPLE_MS,
): () => void {
  const connected = () =>
    store.getSnapshot().calls.filter((entry) => entry.call.phase !== 'offered' && entry.call.phase !== 'dialing');
  const sample = () => {
    for (const entry of connected()) {
      const callId = entry.info.callId;
      void getStats(callId)
        .then((report) => report && log.addReading(callId, [...report.values()] as never))
        .catch(() => undefined);
    }
  };
  let timer: ReturnType<typeof setInterval> | undefined;
  const follow = () => {
    const needed = connected().length > 0;
    if (needed && timer === undefined) timer = setInterval(sample, intervalMs);
    if (!needed && timer !== undefined) {
      clearInterval(timer);
      timer = undefined;
    }
  };
  const unsubscribe = store.subscribe(follow);
  follow();
  return () => {
    unsubscribe();
    if (timer !== undefined) clearInterval(timer);
  };
}
