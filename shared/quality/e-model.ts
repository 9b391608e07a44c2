/**
 * Call quality from what WebRTC's getStats() tells us, as a simplified ITU-T G.107 E-model (the
 * widely used Cole–Rosenbluth reduction): one-way delay and loss lower the R-factor, R maps to a
 * MOS. It is an estimate for a badge and a warning, not a measurement of what the customer heard.
 */
export interface QualitySample {
  /** Round-trip time in ms (remote-inbound-rtp or candidate-pair). */
  readonly rttMs: number;
  /** Interarrival jitter in ms. */
  readonly jitterMs: number;
  /** Packet loss in percent, 0–100, over the last interval. */
  readonly lossPercent: number;
}

/** The thresholds contact centres use: below 3.5 MOS callers notice; over 30 ms jitter or 3 % loss they hear it. */
export const QUALITY_THRESHOLDS = {
  minMos: 3.5,
  maxJitterMs: 30,
  maxLossPercent: 3,
} as const;

export type QualityWarning = 'low-mos' | 'high-jitter' | 'high-loss';
export type QualityLevel = 'good' | 'fair' | 'poor';

export interface QualityAssessment {
  readonly rFactor: number;
  readonly mos: number;
  readonly level: QualityLevel;
  readonly warnings: readonly QualityWarning[];
}

/** R-factor without impairments for G.711-class codecs; the usual default of the simplified model. */
const R0 = 93.2;
/** Jitter buffers hold roughly twice the jitter; codec and packetisation add about 10 ms. */
const JITTER_BUFFER_FACTOR = 2;
const CODEC_DELAY_MS = 10;
const LOSS_PENALTY_PER_PERCENT = 2.5;

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

export function rFactor({ rttMs, jitterMs, lossPercent }: QualitySample): number {
  const effectiveLatency = rttMs / 2 + JITTER_BUFFER_FACTOR * jitterMs + CODEC_DELAY_MS;
  const delayPenalty = effectiveLatency < 160 ? effectiveLatency / 40 : (effectiveLatency - 120) / 10;
  return clamp(R0 - delayPenalty - LOSS_PENALTY_PER_PERCENT * lossPercent, 0, 100);
}

/** G.107 Annex B: MOS from R. */
export function mosFromR(r: number): number {
  if (r <= 0) return 1;
  if (r >= 100) return 4.5;
  return clamp(1 + 0.035 * r + 7e-6 * r * (r - 60) * (100 - r), 1, 4.5);
}

function finite(n: number): number {
  return Number.isFinite(n) && n > 0 ? n : 0;
}

export function assessQuality(sample: QualitySample): QualityAssessment {
  const clean: QualitySample = {
    rttMs: finite(sample.rttMs),
    jitterMs: finite(sample.jitterMs),
    lossPercent: clamp(finite(sample.lossPercent), 0, 100),
  };
  const r = rFactor(clean);
  const mos = Math.round(mosFromR(r) * 100) / 100;
  const warnings: QualityWarning[] = [];
  if (mos < QUALITY_THRESHOLDS.minMos) warnings.push('low-mos');
  if (clean.jitterMs > QUALITY_THRESHOLDS.maxJitterMs) warnings.push('high-jitter');
  if (clean.lossPercent > QUALITY_THRESHOLDS.maxLossPercent) warnings.push('high-loss');
  const level: QualityLevel = warnings.length === 0 ? 'good' : mos >= 3.1 ? 'fair' : 'poor';
  return { rFactor: Math.round(r * 10) / 10, mos, level, warnings };
}
