/**
 * What a bad network does to one datagram, decided by a seeded generator: the same seed and the
 * same settings give the same drops, copies and delays for the n-th packet on every run, so a
 * test that impairs a call is as repeatable as the packets' order lets it be. Pure: the UDP
 * relay (udp-impair-relay.ts) applies the verdicts.
 */
export interface ImpairmentSettings {
  /** Probability 0–1 that a datagram is dropped. */
  readonly loss: number;
  /** Probability 0–1 that a (kept) datagram is sent twice. */
  readonly duplicate: number;
  /** Fixed delay added to every kept datagram, in ms. */
  readonly delayMs: number;
  /** Extra delay 0–jitterMs, uniform, per datagram (late ones overtake nothing: see reorder). */
  readonly jitterMs: number;
  /** Probability 0–1 that a datagram is held back by `reorderMs`, so the next ones overtake it. */
  readonly reorder: number;
  readonly reorderMs: number;
}

export const NO_IMPAIRMENT: ImpairmentSettings = {
  loss: 0,
  duplicate: 0,
  delayMs: 0,
  jitterMs: 0,
  reorder: 0,
  reorderMs: 0,
};

/** `drop`, or the delays (ms, one per copy) after which to send it. */
export type Verdict = { readonly drop: true } | { readonly drop: false; readonly delaysMs: readonly number[] };

/** mulberry32: a tiny, well-mixed 32-bit generator; uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const probability = (p: number): number => (Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);
const millis = (ms: number): number => (Number.isFinite(ms) ? Math.min(10_000, Math.max(0, ms)) : 0);

export function checkedSettings(settings: Partial<ImpairmentSettings>): ImpairmentSettings {
  const s = { ...NO_IMPAIRMENT, ...settings };
  return {
    loss: probability(s.loss),
    duplicate: probability(s.duplicate),
    delayMs: millis(s.delayMs),
    jitterMs: millis(s.jitterMs),
    reorder: probability(s.reorder),
    reorderMs: millis(s.reorderMs),
  };
}

/**
 * A verdict per datagram. Every datagram draws the same number of values (four) whatever the
 * settings, so changing the loss mid-run does not shift which later packets are copied or held.
 */
export function impairer(seed: number): (settings: ImpairmentSettings) => Verdict {
  const random = seededRandom(seed);
  return (settings) => {
    const [lossDraw, duplicateDraw, jitterDraw, reorderDraw] = [random(), random(), random(), random()];
    if (lossDraw < settings.loss) return { drop: true };
    const held = reorderDraw < settings.reorder ? settings.reorderMs : 0;
    const delay = settings.delayMs + jitterDraw * settings.jitterMs + held;
    return { drop: false, delaysMs: duplicateDraw < settings.duplicate ? [delay, delay] : [delay] };
  };
}
