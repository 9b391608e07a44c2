import type { QualitySample } from '../../../shared/quality/e-model';

type Stat = Record<string, unknown> & { type: string; id: string };

/** Loss is measured between two reports, not since the call began: the badge follows the call as it is now. */
export interface LossCounters {
  readonly received: number;
  readonly lost: number;
}

export interface QualityReading {
  readonly sample: QualitySample;
  readonly counters: LossCounters;
  readonly bytesReceived: number;
}

const num = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);

/**
 * Reads RTT, jitter and loss from a WebRTC stats report (audio only): jitter and loss from
 * inbound-rtp, RTT from remote-inbound-rtp (RTCP) or the nominated candidate pair.
 */
export function readQuality(stats: Iterable<Stat>, previous?: LossCounters): QualityReading | undefined {
  let inbound: Stat | undefined;
  let remoteInbound: Stat | undefined;
  let pair: Stat | undefined;
  for (const s of stats) {
    if (s.type === 'inbound-rtp' && s.kind === 'audio') inbound = s;
    else if (s.type === 'remote-inbound-rtp' && s.kind === 'audio') remoteInbound = s;
    else if (s.type === 'candidate-pair' && (s.nominated === true || s.selected === true) && s.state === 'succeeded') pair = s;
  }
  if (!inbound) return undefined;
  const received = num(inbound.packetsReceived) ?? 0;
  const lost = Math.max(0, num(inbound.packetsLost) ?? 0);
  const dReceived = received - (previous?.received ?? 0);
  const dLost = lost - (previous?.lost ?? 0);
  const lossPercent = dReceived + dLost > 0 ? (100 * Math.max(0, dLost)) / (dReceived + Math.max(0, dLost)) : 0;
  const rttSeconds = num(remoteInbound?.roundTripTime) ?? num(pair?.currentRoundTripTime) ?? 0;
  return {
    sample: { rttMs: rttSeconds * 1000, jitterMs: (num(inbound.jitter) ?? 0) * 1000, lossPercent },
    counters: { received, lost },
    bytesReceived: num(inbound.bytesReceived) ?? 0,
  };
}
